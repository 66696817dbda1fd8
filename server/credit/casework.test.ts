import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { auditLog, creditScores, notifications } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import type { Actor } from '../actor';
import { now } from '../clock';
import { contractFixture, contractSnapshot, insertBureau } from '../contracts/test-fixtures';
import { localDate } from '../contracts/shared';
import { insertNeed } from '../needs/factories';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { isNegativeListed, negativeListedOrgIds } from './queries';
import { verifyLedgers } from './verify';

/**
 * The bureau's casework through the credit router: integrity events and the negative list (a gate: D, no bids, no
 * matches), verified qualifications in eligibility rules, appeals (信用修复) shown beside the event, 举报 whose
 * reporter only the bureau sees, and what each caller sees of a report.
 */

const DAY = 24 * 3600 * 1000;
let database: Database;
let db: Db;
let bureau: Awaited<ReturnType<typeof insertBureau>>;
let enterprise: Awaited<ReturnType<typeof insertOrgWithOwner>>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertBureau(db);
  enterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
});
afterAll(() => database.close());

const as = (actor: Actor | null) => callerFor(db, actor);
const inDays = (days: number) => new Date(now().getTime() + days * DAY).toISOString().slice(0, 10);
const bidContent = () => ({
  approach: '## 技术路线\n在线测量 + 自适应补偿。',
  milestones: [{ deliverable: '工艺方案', dueDate: inDays(90), amount: 200 }],
  teamMembers: [{ name: '张教授', role: '负责人' }],
  achievementIds: [],
  attachmentIds: [],
});
const publishedNeed = (eligibility: { kind: string; [k: string]: unknown }[] = [], mode: 'open' | 'jiebang' = 'jiebang') =>
  insertNeed(db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published', mode, eligibility });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; message?: string }) => `${e.code}:${e.message}`,
  );

async function team() {
  return insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
}

describe('integrity events and the negative list', () => {
  it('a negative-list entry gates the team: grade D, flagged publicly, no bids, excluded from matching; notified', async () => {
    const t = await team();
    const need = await publishedNeed();
    const { seq } = await as(bureau.actor).credit.recordIntegrity({
      orgId: t.org.id,
      severity: 'serious',
      negativeList: true,
      note: '在省级科技计划项目结题中伪造实验数据。',
      documentRef: '新科信〔2026〕7号',
      until: null,
    });
    expect(seq).toBe(1);
    const [score] = await db.select().from(creditScores).where(eq(creditScores.orgId, t.org.id));
    expect(score?.grade).toBe('D');
    expect(await isNegativeListed(db, t.org.id)).toBe(true);
    expect(await negativeListedOrgIds(db, [t.org.id, enterprise.org.id])).toEqual(new Set([t.org.id]));

    const publicView = await as(null).credit.report({ orgId: t.org.id });
    expect(publicView).toMatchObject({ depth: 'public', grade: 'D', negativeListed: true, excluded: true });
    expect(publicView.score).toBeUndefined();

    expect(await outcome(as(t.actor).bids.submit({ needId: need.id, content: bidContent() }))).toBe('FORBIDDEN:credit.excluded');
    const heard = await db.select().from(notifications).where(eq(notifications.userId, t.user.id));
    expect(heard.map((n) => n.kind)).toContain('credit.integrityRecorded');

    const notices = await as(null).credit.notices({});
    expect(notices.items.find((n) => n.orgId === t.org.id)).toMatchObject({ negativeList: true, documentRef: '新科信〔2026〕7号' });
  });

  it('a minor event caps the grade without excluding', async () => {
    const t = await team();
    await as(bureau.actor).credit.recordIntegrity({ orgId: t.org.id, severity: 'minor', negativeList: false, note: '申报材料中部分数据不实。', documentRef: '新科信〔2026〕8号', until: inDays(200) });
    const report = await as(t.actor).credit.report({ orgId: t.org.id });
    expect(report.grade).toBe('B');
    expect(report.excluded).toBe(false);
    expect(report.integrity?.[0]).toMatchObject({ severity: 'minor', until: inDays(200) });
    expect(await isNegativeListed(db, t.org.id)).toBe(false);
  });

  it('refuses an end date in the past, and a record about the bureau itself', async () => {
    const t = await team();
    expect(await outcome(as(bureau.actor).credit.recordIntegrity({ orgId: t.org.id, severity: 'minor', negativeList: false, note: '测试记录。', documentRef: '无号', until: '2020-01-01' }))).toBe(
      'BAD_REQUEST:credit.untilPast',
    );
    expect(await outcome(as(bureau.actor).credit.recordIntegrity({ orgId: bureau.org.id, severity: 'minor', negativeList: false, note: '测试记录。', documentRef: '无号', until: null }))).toBe(
      'NOT_FOUND:notFound',
    );
  });
});

describe('appeals (信用修复)', () => {
  it('the team appeals; the bureau reverses: the gate lifts, the report shows the event and the ruling', async () => {
    const t = await team();
    await as(bureau.actor).credit.recordIntegrity({ orgId: t.org.id, severity: 'serious', negativeList: true, note: '逾期不履行合同义务。', documentRef: '新科信〔2026〕9号', until: null });
    const appeal = await as(t.actor).credit.fileAppeal({ eventSeq: 1, reason: '合同已于期限内履行完毕，附验收单为证。' });
    expect(await outcome(as(t.actor).credit.fileAppeal({ eventSeq: 1, reason: '再次申诉同一条记录。。' }))).toBe('CONFLICT:credit.alreadyAppealed');
    expect((await db.select().from(notifications).where(eq(notifications.userId, bureau.user.id))).map((n) => n.kind)).toContain('credit.appealFiled');
    // The bureau's queue; the team sees its own.
    expect((await as(bureau.actor).credit.appeals({ status: 'open' })).items.map((a) => a.id)).toContain(appeal.id);
    expect((await as(t.actor).credit.appeals({})).items.map((a) => a.id)).toEqual([appeal.id]);

    await as(bureau.actor).credit.ruleAppeal({ appealId: appeal.id, decision: 'reversed', note: '经核查验收单属实，撤销该记录。' });
    expect(await outcome(as(bureau.actor).credit.ruleAppeal({ appealId: appeal.id, decision: 'upheld', note: '再次裁决' }))).toBe('CONFLICT:credit.appealRuled');
    expect(await isNegativeListed(db, t.org.id)).toBe(false);
    const report = await as(t.actor).credit.report({ orgId: t.org.id });
    expect(report.grade).toBe('A');
    expect(report.excluded).toBe(false);

    const ledger = await as(t.actor).credit.ledger({ orgId: t.org.id });
    expect(ledger.items.map((e) => e.kind)).toEqual(['appeal_ruled', 'integrity']);
    expect(ledger.items[1]?.appeal).toMatchObject({ status: 'reversed', rulingNote: '经核查验收单属实，撤销该记录。' });
    expect(ledger.items[0]?.data).toMatchObject({ kind: 'appeal_ruled', targetSeq: 1, decision: 'reversed' });
    expect((await as(null).credit.notices({})).items.some((n) => n.orgId === t.org.id)).toBe(false);
    expect((await db.select().from(notifications).where(eq(notifications.userId, t.user.id))).map((n) => n.kind)).toContain('credit.appealRuled');
  });

  it('an upheld appeal leaves the event in force', async () => {
    const t = await team();
    await as(bureau.actor).credit.recordIntegrity({ orgId: t.org.id, severity: 'serious', negativeList: false, note: '论文抄袭，已撤稿。', documentRef: '新科信〔2026〕10号', until: null });
    const appeal = await as(t.actor).credit.fileAppeal({ eventSeq: 1, reason: '抄袭系合作者个人行为，与团队无关。' });
    await as(bureau.actor).credit.ruleAppeal({ appealId: appeal.id, decision: 'upheld', note: '团队负责人负有审核责任，维持原记录。' });
    expect(await isNegativeListed(db, t.org.id)).toBe(true);
    expect((await as(t.actor).credit.report({ orgId: t.org.id })).grade).toBe('D');
  });

  it('an organisation appeals only its own records', async () => {
    const t = await team();
    await as(bureau.actor).credit.verifyQualification({ orgId: t.org.id, name: '发明专利', expires: null, reference: 'ZL2025 1 0000001.2' });
    const other = await team();
    expect(await outcome(as(other.actor).credit.fileAppeal({ eventSeq: 1, reason: '申诉别人的信用记录。' }))).toBe('NOT_FOUND:notFound');
  });
});

describe('qualifications and eligibility', () => {
  it('a verified qualification and the minimum grade are checked when a team bids', async () => {
    const t = await team();
    const withQualification = await publishedNeed([{ kind: 'verified_org' }, { kind: 'qualification', name: '高新技术企业' }]);
    const minGrade = await publishedNeed([{ kind: 'min_grade', grade: 'AA' }], 'open');
    const anyGrade = await publishedNeed([{ kind: 'min_grade', grade: 'A' }, { kind: 'not_negative_listed' }], 'open');
    expect(await outcome(as(t.actor).bids.submit({ needId: withQualification.id, content: bidContent() }))).toBe('FORBIDDEN:bids.notEligible');
    await as(bureau.actor).credit.verifyQualification({ orgId: t.org.id, name: '高新技术企业', expires: inDays(3 * 365), reference: 'GR202633000123' });
    expect(await outcome(as(t.actor).bids.submit({ needId: withQualification.id, content: bidContent() }))).toBe('ok');
    // A newcomer is A: below an AA minimum, enough for an A minimum.
    expect(await outcome(as(t.actor).bids.submit({ needId: minGrade.id, content: { ...bidContent(), milestones: [{ deliverable: '方案', dueDate: inDays(90), amount: 50 }] } }))).toBe(
      'FORBIDDEN:bids.notEligible',
    );
    expect(await outcome(as(t.actor).bids.submit({ needId: anyGrade.id, content: { ...bidContent(), milestones: [{ deliverable: '方案', dueDate: inDays(90), amount: 50 }] } }))).toBe('ok');
    expect(await outcome(as(bureau.actor).credit.verifyQualification({ orgId: t.org.id, name: '高新技术企业', expires: '2020-01-01', reference: 'GR' }))).toBe('BAD_REQUEST:credit.expiresPast');
  });
});

describe('举报', () => {
  it('anyone signed in reports; only the bureau sees who; recording an integrity event closes it', async () => {
    const t = await team();
    const reporter = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    expect(await outcome(as(null).credit.reportMisconduct({ orgId: t.org.id, description: '该团队伪造检测报告。', evidence: '检测报告编号 2026-031' }))).toBe('UNAUTHORIZED:unauthorized');
    const report = await as(reporter.actor).credit.reportMisconduct({ orgId: t.org.id, description: '该团队伪造检测报告。', evidence: '检测报告编号 2026-031' });
    expect(await outcome(as(t.actor).credit.reportMisconduct({ orgId: t.org.id, description: '举报本单位试试看看是否可以。', evidence: '内部材料编号' }))).toBe('BAD_REQUEST:credit.reportOwn');

    const queue = await as(bureau.actor).credit.misconductReports({ status: 'open' });
    expect(queue.items.find((r) => r.id === report.id)).toMatchObject({ reporter: { name: reporter.user.name }, subject: { id: t.org.id } });
    expect(await outcome(as(t.actor).credit.misconductReports({}))).toBe('FORBIDDEN:forbidden');
    // Nothing of it reaches the reported team: no notification, nothing in its audit log, nothing in its ledger.
    expect((await db.select().from(notifications).where(eq(notifications.userId, t.user.id))).length).toBe(0);
    expect((await db.select().from(auditLog).where(and(eq(auditLog.orgId, t.org.id)))).length).toBe(0);

    await as(bureau.actor).credit.recordIntegrity({ orgId: t.org.id, severity: 'serious', negativeList: false, note: '经查实伪造检测报告。', documentRef: '新科信〔2026〕11号', until: null, reportId: report.id });
    const closed = await as(bureau.actor).credit.misconductReports({ status: 'recorded' });
    expect(closed.items.find((r) => r.id === report.id)).toMatchObject({ status: 'recorded', integritySeq: 1 });
    expect(await outcome(as(bureau.actor).credit.dismissReport({ reportId: report.id, note: '重复关闭' }))).toBe('CONFLICT:credit.reportClosed');
  });
});

describe('what each caller sees of a report', () => {
  it('anonymous: grade and flags; a verified partner: + score and components; the team and the bureau: everything, private scores stripped', async () => {
    const fx = await contractFixture(db, { amounts: [10] });
    const [m1] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (!m1) throw new Error('milestone expected');
    await as(fx.team.actor).contracts.submitDelivery({ milestoneId: m1.id, note: '成果。', attachmentIds: [] });
    await as(fx.client.actor).contracts.acceptMilestone({ milestoneId: m1.id });
    await as(fx.client.actor).contracts.recordPayment({ milestoneId: m1.id, amount: 10, paidOn: localDate(now()) });
    await as(fx.client.actor).contracts.rate({ contractId: fx.contract.id, quality: 5, timeliness: 5, communication: 4, wouldContractAgain: 10, comment: '很好。' });
    await as(fx.team.actor).contracts.rate({ contractId: fx.contract.id, quality: 5, timeliness: 4, communication: 5, wouldContractAgain: 8, comment: '顺利。' });

    const anonymous = await as(null).credit.report({ orgId: fx.team.org.id });
    expect(Object.keys(anonymous).sort()).toEqual(['asOf', 'depth', 'excluded', 'grade', 'insufficientHistory', 'negativeListed', 'org']);
    const partner = await as(enterprise.actor).credit.report({ orgId: fx.team.org.id });
    expect(partner.depth).toBe('partner');
    expect(partner.score).toBeGreaterThan(600);
    expect(partner.components?.delivery.weight).toBeGreaterThan(0);
    expect(partner.topEvents).toBeUndefined();
    expect(await outcome(as(enterprise.actor).credit.ledger({ orgId: fx.team.org.id }))).toBe('NOT_FOUND:notFound');

    for (const viewer of [fx.team.actor, bureau.actor]) {
      const full = await as(viewer).credit.report({ orgId: fx.team.org.id });
      expect(full.depth).toBe('full');
      expect(full.topEvents?.length).toBeGreaterThan(0);
      expect(full.topEvents?.[0]?.contract).toMatchObject({ id: fx.contract.id });
      expect(full.raise?.length).toBeGreaterThan(0);
      const ledger = await as(viewer).credit.ledger({ orgId: fx.team.org.id });
      const rating = ledger.items.find((e) => e.kind === 'rating');
      expect(rating?.data).toMatchObject({ kind: 'rating', stars: 4.67, again: null });
    }
    expect((await verifyLedgers(db)).problems).toEqual([]);
  });
});
