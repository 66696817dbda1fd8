import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { landingChecklistTemplates, landingTasks } from '@/db/schema';
import { contractFixture } from '../contracts/test-fixtures';
import { approveGate, saveGate, submitGate } from '../landing/gates';
import { addTask } from '../landing/tasks';
import { asMember, fullEvidence, landingFixture, projectSnapshot } from '../landing/test-fixtures';
import type { RefusalTable } from '../test/refusals';

/**
 * A landing project of incubator A with its team and enterprise, in the state each act needs. The walker's outsider
 * (another verified enterprise) and pending outsider (a pending research team) are no party of it: they get
 * NOT_FOUND (or FORBIDDEN by kind, role, verification), and the project — gates, evidence, stages, KPIs, tasks,
 * contracts — stays exactly as it was.
 */
async function projectOfA(db: Db, state: 'incubating' | 'submitted' | 'approvedAwaitingSignOff' = 'incubating') {
  const fx = await landingFixture(db);
  if (state !== 'incubating') {
    await saveGate(db, asMember(fx.team), { projectId: fx.projectId, gate: 'accelerating', note: '', entries: await fullEvidence(db, fx.team.org.id, 'accelerating') });
    await submitGate(db, asMember(fx.team), { projectId: fx.projectId, gate: 'accelerating' });
  }
  if (state === 'approvedAwaitingSignOff') {
    await approveGate(db, asMember(fx.incubator), { projectId: fx.projectId, gate: 'accelerating' });
    await saveGate(db, asMember(fx.team), { projectId: fx.projectId, gate: 'industrializing', note: '', entries: await fullEvidence(db, fx.team.org.id, 'industrializing') });
    await submitGate(db, asMember(fx.team), { projectId: fx.projectId, gate: 'industrializing' });
    await approveGate(db, asMember(fx.incubator), { projectId: fx.projectId, gate: 'industrializing' });
  }
  return { ...fx, snapshot: () => projectSnapshot(db, fx.projectId) };
}

async function taskOfA(db: Db) {
  const fx = await projectOfA(db);
  const task = await addTask(db, asMember(fx.incubator), { projectId: fx.projectId, title: '落实中试场地', ownerUserId: null, dueDate: null });
  return { ...fx, taskId: task.id };
}

const templatesSnapshot = (db: Db) => () => db.select().from(landingChecklistTemplates).where(eq(landingChecklistTemplates.gate, 'accelerating'));

const kpi = { year: 2026, quarter: 1, investment: 100, employees: 10, revenue: 50, patentsFiled: 1, patentsGranted: 0, tax: 3, note: '', confirm: true };

export const refusals: RefusalTable = {
  'landing.list': {
    // Lists the caller's own projects only (none); A's project is untouched.
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await projectOfA(db);
      return { input: {}, snapshot };
    },
  },
  'landing.get': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId }, snapshot };
    },
  },
  'landing.gate': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db, 'submitted');
      return { input: { projectId, gate: 'accelerating' }, snapshot };
    },
  },
  'landing.reviewQueue': {
    // Gates waiting for the caller: none for an enterprise or a team outside.
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await projectOfA(db, 'submitted');
      return { input: undefined, snapshot };
    },
  },
  'landing.templates': {
    // The checklists are the same for every project: any member of an organisation may read them.
    allowed: ['outsider', 'pendingOutsider'],
    async setup() {
      return { input: undefined };
    },
  },
  'landing.enclaves': {
    async setup(db) {
      const { snapshot } = await projectOfA(db);
      return { input: undefined, snapshot };
    },
  },
  'landing.partners': {
    async setup() {
      return { input: { q: '' } };
    },
  },
  'landing.partnerContracts': {
    // Incubators only: a team, a company or anyone pending is refused before anything is read.
    async setup(db) {
      const { team, enterprise, snapshot } = await projectOfA(db);
      return { input: { teamOrgId: team.org.id, enterpriseOrgId: enterprise.org.id }, snapshot };
    },
  },
  'landing.members': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId }, snapshot };
    },
  },
  'landing.linkableContracts': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId }, snapshot };
    },
  },
  'landing.create': {
    async setup(db) {
      const fx = await projectOfA(db);
      return {
        input: { name: '外人建的项目', enclaveId: fx.enclave.id, teamOrgId: fx.team.org.id, field: 'smart_equipment' },
        snapshot: fx.snapshot,
      };
    },
  },
  'landing.update': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, name: '改名', field: 'biomedicine' }, snapshot };
    },
  },
  'landing.saveGate': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, gate: 'accelerating', entries: [{ itemKey: 'businessPlan', text: '外人写的' }] }, snapshot };
    },
  },
  'landing.submitGate': {
    async setup(db) {
      const fx = await projectOfA(db);
      await saveGate(db, asMember(fx.team), { projectId: fx.projectId, gate: 'accelerating', note: '', entries: await fullEvidence(db, fx.team.org.id, 'accelerating') });
      return { input: { projectId: fx.projectId, gate: 'accelerating' }, snapshot: fx.snapshot };
    },
  },
  'landing.approveGate': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db, 'submitted');
      return { input: { projectId, gate: 'accelerating' }, snapshot };
    },
  },
  'landing.sendBackGate': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db, 'submitted');
      return { input: { projectId, gate: 'accelerating', reason: '外人退回' }, snapshot };
    },
  },
  'landing.signOffGate': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db, 'approvedAwaitingSignOff');
      return { input: { projectId, gate: 'industrializing' }, snapshot };
    },
  },
  'landing.pause': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, reason: '外人暂停' }, snapshot };
    },
  },
  'landing.resume': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, reason: '外人恢复' }, snapshot };
    },
  },
  'landing.exit': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, reason: '外人退出' }, snapshot };
    },
  },
  'landing.linkContract': {
    async setup(db) {
      const fx = await projectOfA(db);
      const { contract } = await contractFixture(db);
      return { input: { projectId: fx.projectId, contractId: contract.id }, snapshot: fx.snapshot };
    },
  },
  'landing.unlinkContract': {
    async setup(db) {
      const fx = await projectOfA(db);
      const { contract } = await contractFixture(db);
      return { input: { projectId: fx.projectId, contractId: contract.id }, snapshot: fx.snapshot };
    },
  },
  'landing.reportKpi': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, ...kpi }, snapshot };
    },
  },
  'landing.addTask': {
    async setup(db) {
      const { projectId, snapshot } = await projectOfA(db);
      return { input: { projectId, title: '外人加的任务' }, snapshot };
    },
  },
  'landing.updateTask': {
    async setup(db) {
      const { taskId, snapshot } = await taskOfA(db);
      return { input: { taskId, title: '外人改的任务' }, snapshot };
    },
  },
  'landing.setTaskDone': {
    async setup(db) {
      const { taskId, snapshot } = await taskOfA(db);
      return { input: { taskId, done: true }, snapshot: async () => [await snapshot(), await db.select().from(landingTasks).where(eq(landingTasks.id, taskId))] };
    },
  },
  'landing.updateTemplate': {
    async setup(db) {
      return { input: { gate: 'accelerating', items: [{ key: 'x1', label: '外人改的清单', evidence: 'text', required: true }] }, snapshot: templatesSnapshot(db) };
    },
  },
};
