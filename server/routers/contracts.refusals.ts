import type { Db } from '@/db/client';
import type { MemberActor } from '../actor';
import { raiseDispute } from '../contracts/disputes';
import { acceptMilestone, submitDelivery } from '../contracts/milestones';
import { contractFixture, contractSnapshot, endDirectly } from '../contracts/test-fixtures';
import type { RefusalTable } from '../test/refusals';

/**
 * A contract between organisations A (an enterprise, the client) and B (a research team), in the state each act
 * needs. The walker's outsider (another verified enterprise) and pending outsider (a pending research team) are
 * neither party nor the bureau: they must get NOT_FOUND (or FORBIDDEN by kind, role, verification), and the
 * contract — milestones, deliveries, payments, disputes, ratings — must stay exactly as it was.
 */
async function contractOfA(db: Db, state: 'active' | 'submitted' | 'accepted' | 'disputed' | 'completed' = 'active') {
  const fx = await contractFixture(db);
  const team = fx.team.actor as MemberActor;
  const client = fx.client.actor as MemberActor;
  const milestone = (await contractSnapshot(db, fx.contract.id)).milestones[0];
  if (!milestone) throw new Error('fixture has no milestone');
  if (state === 'submitted' || state === 'accepted') await submitDelivery(db, team, { milestoneId: milestone.id, note: '第一阶段成果已提交。', attachmentIds: [] });
  if (state === 'accepted') await acceptMilestone(db, client, { milestoneId: milestone.id });
  let disputeId: string | null = null;
  if (state === 'disputed') disputeId = (await raiseDispute(db, client, { contractId: fx.contract.id, reason: '进度严重滞后。' })).dispute.id;
  if (state === 'completed') await endDirectly(db, fx.contract.id);
  return { ...fx, milestoneId: milestone.id, disputeId, snapshot: () => contractSnapshot(db, fx.contract.id) };
}

export const refusals: RefusalTable = {
  'contracts.list': {
    // Lists the caller's own organisation's contracts only; A's contract is untouched.
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await contractOfA(db);
      return { input: {}, snapshot };
    },
  },
  'contracts.get': {
    async setup(db) {
      const { contract, snapshot } = await contractOfA(db, 'completed');
      return { input: { id: contract.id }, snapshot };
    },
  },
  'contracts.ofNeed': {
    async setup(db) {
      const { need, snapshot } = await contractOfA(db);
      return { input: { needId: need.id }, snapshot };
    },
  },
  'contracts.submitDelivery': {
    async setup(db) {
      const { milestoneId, snapshot } = await contractOfA(db);
      return { input: { milestoneId, note: '外人提交的成果', attachmentIds: [] }, snapshot };
    },
  },
  'contracts.acceptMilestone': {
    async setup(db) {
      const { milestoneId, snapshot } = await contractOfA(db, 'submitted');
      return { input: { milestoneId }, snapshot };
    },
  },
  'contracts.rejectMilestone': {
    async setup(db) {
      const { milestoneId, snapshot } = await contractOfA(db, 'submitted');
      return { input: { milestoneId, reason: '外人驳回' }, snapshot };
    },
  },
  'contracts.recordPayment': {
    async setup(db) {
      const { milestoneId, snapshot } = await contractOfA(db, 'accepted');
      return { input: { milestoneId, amount: 20, paidOn: '2026-01-05' }, snapshot };
    },
  },
  'contracts.escalateMilestone': {
    async setup(db) {
      const { milestoneId, snapshot } = await contractOfA(db, 'submitted');
      return { input: { milestoneId, reason: '外人提请裁决' }, snapshot };
    },
  },
  'contracts.raiseDispute': {
    async setup(db) {
      const { contract, snapshot } = await contractOfA(db);
      return { input: { contractId: contract.id, reason: '外人提出争议' }, snapshot };
    },
  },
  'contracts.disputes': {
    // The bureau's queue: nobody else may list disputes.
    async setup(db) {
      const { snapshot } = await contractOfA(db, 'disputed');
      return { input: {}, snapshot };
    },
  },
  'contracts.ruleDispute': {
    async setup(db) {
      const { disputeId, snapshot } = await contractOfA(db, 'disputed');
      return { input: { disputeId, reason: '外人裁决', against: 'client', outcome: 'terminate' }, snapshot };
    },
  },
  'contracts.passStageGate': {
    async setup(db) {
      const fx = await contractFixture(db, { mode: 'horse_race', teams: 2 });
      const [kept] = fx.contracts;
      if (!kept) throw new Error('no contract');
      const snapshot = async () => Promise.all(fx.contracts.map((c) => contractSnapshot(db, c.id)));
      return { input: { needId: fx.need.id, keep: [kept.id] }, snapshot };
    },
  },
  'contracts.rate': {
    async setup(db) {
      const { contract, snapshot } = await contractOfA(db, 'completed');
      return { input: { contractId: contract.id, quality: 1, timeliness: 1, communication: 1, wouldContractAgain: 0, comment: '外人评价' }, snapshot };
    },
  },
};
