import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { creditAppeals, creditEvents, creditScores, misconductReports } from '@/db/schema';
import type { MemberActor } from '../actor';
import { fileAppeal, reportMisconduct } from '../credit/casework';
import { recordCreditEvent } from '../credit/ledger';
import { now } from '../clock';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';
import { inTransaction } from '../transaction';

/**
 * Organisation A (a verified research team) with a credit ledger, an appeal and a 举报 about it. The walker's
 * outsiders are neither A nor the bureau: A's full report, ledger, appeals and casework are NOT_FOUND or FORBIDDEN
 * to them, and everything of A stays as it was.
 */
async function teamA(db: Db) {
  const a = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  await inTransaction(db, (tx, afterCommit) =>
    recordCreditEvent(tx, afterCommit, { orgId: a.org.id, occurredAt: now(), data: { kind: 'qualification', name: '发明专利', expires: null, reference: 'ZL2024 1 0000000.0' } }),
  );
  const appeal = await fileAppeal(db, a.actor as MemberActor, { eventSeq: 1, reason: '该专利已转让，请更正记录。' });
  const reporter = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const report = await reportMisconduct(db, reporter.actor, { orgId: a.org.id, description: '该团队在结题报告中伪造实验数据。', evidence: '结题报告第12页' });
  const snapshot = async () => ({
    ledger: await db.select().from(creditEvents).where(eq(creditEvents.orgId, a.org.id)).orderBy(asc(creditEvents.seq)),
    score: await db.select().from(creditScores).where(eq(creditScores.orgId, a.org.id)),
    appeals: await db.select().from(creditAppeals).where(eq(creditAppeals.orgId, a.org.id)),
    reports: await db.select().from(misconductReports).where(eq(misconductReports.subjectOrgId, a.org.id)),
  });
  return { a, appeal, report, snapshot };
}

export const refusals: RefusalTable = {
  'credit.report': { public: 'the grade and flags are public (SPEC §1); the depth of the report follows the caller (report.ts)' },
  'credit.grades': { public: 'grades and flags of organisations are public' },
  'credit.notices': { public: '通报: the bureau publishes its rulings on serious cases' },
  'credit.ledger': {
    async setup(db) {
      const { a, snapshot } = await teamA(db);
      return { input: { orgId: a.org.id }, snapshot };
    },
  },
  'credit.appeals': {
    async setup(db) {
      const { a, snapshot } = await teamA(db);
      return { input: { orgId: a.org.id }, snapshot };
    },
  },
  'credit.fileAppeal': {
    // Appeals name a seq of the caller's own ledger: the outsiders' ledgers are empty (NOT_FOUND), A's is untouched.
    async setup(db) {
      const { snapshot } = await teamA(db);
      return { input: { eventSeq: 1, reason: '外人试图申诉他人的信用记录。' }, snapshot };
    },
  },
  'credit.ruleAppeal': {
    async setup(db) {
      const { appeal, snapshot } = await teamA(db);
      return { input: { appealId: appeal.id, decision: 'reversed', note: '外人裁决' }, snapshot };
    },
  },
  'credit.recordIntegrity': {
    async setup(db) {
      const { a, snapshot } = await teamA(db);
      return { input: { orgId: a.org.id, severity: 'serious', negativeList: true, note: '外人记录失信', documentRef: '无' }, snapshot };
    },
  },
  'credit.verifyQualification': {
    async setup(db) {
      const { a, snapshot } = await teamA(db);
      return { input: { orgId: a.org.id, name: '高新技术企业', expires: '2030-01-01', reference: 'GR2026' }, snapshot };
    },
  },
  'credit.reportMisconduct': {
    // Anyone signed in may report; A never sees reports, so nothing of A changes.
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { a, snapshot } = await teamA(db);
      const view = async () => {
        const s = await snapshot();
        return { ledger: s.ledger, score: s.score, appeals: s.appeals };
      };
      return { input: { orgId: a.org.id, description: '怀疑该团队存在学术不端行为。', evidence: '公开论文撤稿通知' }, snapshot: view };
    },
  },
  'credit.misconductReports': {
    async setup(db) {
      const { snapshot } = await teamA(db);
      return { input: {}, snapshot };
    },
  },
  'credit.dismissReport': {
    async setup(db) {
      const { report, snapshot } = await teamA(db);
      return { input: { reportId: report.id, note: '外人驳回举报' }, snapshot };
    },
  },
};
