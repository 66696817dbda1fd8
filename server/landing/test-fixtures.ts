import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  attachments,
  enclaves,
  landingChecklistEntries,
  landingGateSubmissions,
  landingKpiReports,
  landingProjectContracts,
  landingProjects,
  landingStageEntries,
  landingTasks,
} from '@/db/schema';
import type { MemberActor } from '../actor';
import { now } from '../clock';
import { insertBureau } from '../contracts/test-fixtures';
import { makeCreditCode } from '../orgs/credit-code';
import { insertOrgWithOwner } from '../seed/factories';
import { approveGate, saveGate, signOffGate, submitGate } from './gates';
import type { ChecklistEntryInput } from './inputs';
import { createProject } from './projects';
import { SIGN_OFF_GATES, type LandingGate } from './states';

export type Party = Awaited<ReturnType<typeof insertOrgWithOwner>>;
export const asMember = (p: Party) => p.actor as MemberActor;

/** An incubator with an enclave in 杭州, a research team, a local enterprise, the bureau, and a project of theirs. */
export async function landingFixture(db: Db, options: { bureau?: Party } = {}) {
  const incubator = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
  const [enclave] = await db.insert(enclaves).values({ incubatorOrgId: incubator.org.id, name: '新昌（杭州）科创飞地', city: '杭州', createdAt: now() }).returning();
  if (!enclave) throw new Error('enclave insert failed');
  const team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  const enterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const bureau = options.bureau ?? (await insertBureau(db));
  const { id } = await createProject(db, asMember(incubator), {
    name: '高精度轴承智能检测装备',
    enclaveId: enclave.id,
    teamOrgId: team.org.id,
    enterpriseOrgId: enterprise.org.id,
    field: 'smart_equipment',
    disciplineCodes: ['0802'],
    description: '在杭州飞地完成样机研制，回新昌建设中试线。',
    plannedSite: '新昌高新园区',
    targetInvestment: 3000,
    targetRevenue: 8000,
    targetEmployees: 60,
    targetNote: '',
    contractIds: [],
  });
  return { incubator, enclave, team, enterprise, bureau, projectId: id };
}

/** A file of `orgId` (the row the upload route would write; the bytes are never read here). */
export async function insertEvidenceFile(db: Db, orgId: string, name = '样机验证报告.pdf') {
  const [row] = await db
    .insert(attachments)
    .values({
      ownerOrgId: orgId,
      storageKey: `test/${crypto.randomUUID()}`,
      originalName: name,
      contentType: 'application/pdf',
      size: 1024,
      sha256: crypto.randomBytes(32).toString('hex'),
      createdAt: now(),
    })
    .returning();
  if (!row) throw new Error('attachment insert failed');
  return row.id;
}

/** A valid code of a company registered in 新昌 (330624). */
export const localCreditCode = (serial = Math.floor(Math.random() * 1e8)) => makeCreditCode('91', '330624', serial);

/** Complete evidence for the default checklist of `gate`. */
export async function fullEvidence(db: Db, teamOrgId: string, gate: LandingGate): Promise<ChecklistEntryInput[]> {
  const doc = async (itemKey: string) => ({ itemKey, attachmentIds: [await insertEvidenceFile(db, teamOrgId)], numberValue: null, creditCode: null, text: null });
  const num = (itemKey: string, numberValue: number) => ({ itemKey, attachmentIds: [], numberValue, creditCode: null, text: null });
  switch (gate) {
    case 'accelerating':
      return [
        await doc('prototypeValidated'),
        { itemKey: 'localCompanyRegistered', attachmentIds: [], numberValue: null, creditCode: localCreditCode(), text: '新昌精测智能装备有限公司' },
        await doc('siteAgreement'),
      ];
    case 'industrializing':
      return [await doc('pilotLine'), num('investmentInPlace', 1200), await doc('firstOrders'), num('firstOrdersCount', 3)];
    case 'landed':
      return [await doc('massProduction'), num('annualRevenue', 5200), num('taxPaid', 310), num('localEmployees', 48)];
  }
}

/** Takes a project through `gate` by the acts: evidence, submission, approval, and the bureau's sign-off when needed. */
export async function passGate(db: Db, fx: Awaited<ReturnType<typeof landingFixture>>, gate: LandingGate) {
  await saveGate(db, asMember(fx.team), { projectId: fx.projectId, gate, note: '', entries: await fullEvidence(db, fx.team.org.id, gate) });
  await submitGate(db, asMember(fx.team), { projectId: fx.projectId, gate });
  await approveGate(db, asMember(fx.incubator), { projectId: fx.projectId, gate });
  if (SIGN_OFF_GATES.includes(gate)) await signOffGate(db, asMember(fx.bureau), { projectId: fx.projectId, gate });
}

/** Everything a party would see of a project: refusal tests compare it before and after. */
export async function projectSnapshot(db: Db, projectId: string) {
  const subs = await db.select().from(landingGateSubmissions).where(eq(landingGateSubmissions.projectId, projectId)).orderBy(asc(landingGateSubmissions.gate));
  const entries = [];
  for (const s of subs) entries.push(...(await db.select().from(landingChecklistEntries).where(eq(landingChecklistEntries.submissionId, s.id)).orderBy(asc(landingChecklistEntries.itemKey))));
  return {
    project: await db.select().from(landingProjects).where(eq(landingProjects.id, projectId)),
    stages: await db.select().from(landingStageEntries).where(eq(landingStageEntries.projectId, projectId)).orderBy(asc(landingStageEntries.enteredAt)),
    subs,
    entries,
    kpis: await db.select().from(landingKpiReports).where(eq(landingKpiReports.projectId, projectId)).orderBy(asc(landingKpiReports.year), asc(landingKpiReports.quarter)),
    tasks: await db.select().from(landingTasks).where(eq(landingTasks.projectId, projectId)).orderBy(asc(landingTasks.createdAt)),
    contracts: await db.select().from(landingProjectContracts).where(eq(landingProjectContracts.projectId, projectId)),
  };
}
