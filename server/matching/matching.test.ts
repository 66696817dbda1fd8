import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, creditEvents, creditScores, matchInvitations, notifications, organizations } from '@/db/schema';
import { advanceClock, now } from '../clock';
import { insertNeed } from '../needs/factories';
import { createAchievement } from '../orgs/achievements';
import { makeCreditCode } from '../orgs/credit-code';
import { importResearchTeams, type ResearchTeamImport } from '../orgs/import';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { currentIndex, forgetIndex } from './live-index';
import { warmMatching } from './matches';
import { rankTeams } from './rank';

const DAY = 86_400_000;
let database: Database;
let owner: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let outsider: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let bureau: Awaited<ReturnType<typeof insertOrgWithOwner>>;
const teamIds: Record<string, string> = {};

const teamInput = (serial: number, name: string, disciplines: string[], keywords: string[], works: [string, string][]): ResearchTeamImport => ({
  name,
  hostInstitution: '浙江某大学',
  creditCode: makeCreditCode('12', '330000', 7_000 + serial),
  disciplines,
  keywords,
  achievements: works.map(([title, abstract]) => ({ kind: 'paper' as const, title, abstract, keywords: [], year: 2023 })),
});

async function bearingNeed(status: 'published' | 'draft' = 'published') {
  return insertNeed(
    database.db,
    { orgId: owner.org.id, userId: owner.user.id },
    {
      status,
      title: '高速精密轴承套圈磨削工艺优化',
      keywords: ['精密轴承', '磨削', '套圈'],
      description: '企业生产的精密轴承套圈磨削后尺寸一致性差，希望优化磨削工艺参数，降低废品率。',
      publishedAt: status === 'published' ? now() : null,
      bidDeadline: new Date(now().getTime() + 30 * DAY),
    },
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified', name: '新昌精工轴承有限公司' });
  outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  bureau = await insertOrgWithOwner(db, { kind: 'bureau', status: 'verified' });
  const imported = await importResearchTeams(db, null, [
    teamInput(1, '精密轴承研究团队', ['0802'], ['精密轴承', '磨削'], [
      ['高速角接触球轴承套圈磨削表面完整性研究', '研究了轴承套圈磨削参数对表面粗糙度与残余应力的影响，提出了磨削工艺优化方法。'],
      ['滚动轴承振动信号故障诊断', '基于振动信号的滚动轴承故障诊断方法。'],
    ]),
    teamInput(2, '数控机床研究团队', ['0802'], ['数控机床'], [['数控机床主轴热误差建模', '针对数控机床主轴热变形，建立热误差补偿模型。']]),
    teamInput(3, '药物制剂研究团队', ['1007'], ['缓释制剂'], [['阿司匹林缓释片的制备与体外释放', '采用湿法制粒制备缓释片，考察体外释放行为。']]),
    teamInput(4, '茶叶加工研究团队', ['0832'], ['茶叶'], [['龙井茶加工工艺对品质的影响', '研究杀青与揉捻工艺对龙井茶品质的影响。']]),
    teamInput(5, '轴承材料研究团队', ['0805'], ['轴承钢'], [['高碳铬轴承钢热处理组织', '研究轴承钢淬火回火工艺对组织与硬度的影响。']]),
  ]);
  for (const t of imported) teamIds[t.name] = t.orgId;
  // Every team needs an owner to be notified.
  for (const t of imported) {
    const [org] = await db.select().from(organizations).where(eq(organizations.id, t.orgId));
    if (org) await insertMember(db, org, 'owner');
  }
});
afterAll(() => database.close());

describe('ranking', () => {
  it('a need about 精密轴承 ranks the bearing team first, with reasons', async () => {
    const need = await bearingNeed();
    const result = await callerFor(database.db, owner.actor).matching.forNeed({ needId: need.id, limit: 5 });
    const first = result.teams[0];
    expect(first?.name).toBe('精密轴承研究团队');
    expect(result.teams.map((t) => t.name)).toContain('数控机床研究团队');
    expect(first?.score).toBeGreaterThan(result.teams[result.teams.length - 1]?.score ?? 100);
    expect(first?.reasons?.sharedTerms.some((t) => t.includes('轴承'))).toBe(true);
    expect(first?.reasons?.similarWork[0]?.title).toBe('高速角接触球轴承套圈磨削表面完整性研究');
    // The title with the shared words marked, as text segments that join back to the title.
    const marks = first?.reasons?.similarWork[0]?.marks ?? [];
    expect(marks.map((m) => m.text).join('')).toBe('高速角接触球轴承套圈磨削表面完整性研究');
    expect(marks.filter((m) => m.hit).map((m) => m.text)).toContain('磨削');
    expect(first?.reasons?.disciplines.map((d) => d.code)).toEqual(['0802']);
    // No credit history yet: no grade, and the neutral factor (never a made-up number).
    expect(first?.reasons?.creditGrade).toBeNull();
    expect(first?.reasons?.activeContracts).toBe(0);
    expect(result.disciplines[0]?.code).toBe('0802');
  });

  it('a new achievement is matched on at once (the document is rewritten in the same transaction)', async () => {
    const query = { title: '龙井茶园智能采摘机器人', keywords: [], description: '', disciplines: [], categories: [] };
    const before = await rankTeams(database.db, query, {}, { limit: 5, explain: 0 });
    expect(before.teams[0]?.name).toBe('茶叶加工研究团队');
    const machinist = { userId: owner.user.id, sessionId: 's', name: 'x', org: { id: teamIds['数控机床研究团队'] as string, kind: 'research_team' as const, status: 'verified' as const, role: 'owner' as const, name: '数控机床研究团队' } };
    await createAchievement(database.db, machinist, { kind: 'patent', title: '一种龙井茶园智能采摘机器人及其采摘方法', abstract: '茶园采摘机器人视觉识别嫩芽并自动采摘。', keywords: ['采摘机器人', '龙井茶'], year: 2024 });
    const after = await rankTeams(database.db, query, {}, { limit: 5, explain: 1 });
    expect(after.teams[0]?.name).toBe('数控机床研究团队');
    expect(after.teams[0]?.reasons?.similarWork[0]?.title).toBe('一种龙井茶园智能采摘机器人及其采摘方法');
  });

  it('a negative-listed team is never matched', async () => {
    const need = await bearingNeed();
    const bearing = teamIds['精密轴承研究团队'] as string;
    const at = now();
    await database.db.insert(creditScores).values({
      orgId: bearing,
      score: 150,
      grade: 'D',
      evidenceScore: 700,
      components: {},
      insufficientHistory: false,
      negativeListedUntil: new Date(at.getTime() + 365 * DAY).toISOString().slice(0, 10),
      explanation: {},
      asOf: at,
      ledgerSeq: 1,
      calibrationYear: at.getFullYear(),
      updatedAt: at,
    });
    try {
      const result = await callerFor(database.db, owner.actor).matching.forNeed({ needId: need.id, limit: 10 });
      expect(result.teams.map((t) => t.orgId)).not.toContain(bearing);
      expect(result.teams[0]?.name).toBe('数控机床研究团队');
      await expect(callerFor(database.db, owner.actor).matching.invite({ needId: need.id, teamOrgId: bearing })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await database.db.delete(creditScores).where(eq(creditScores.orgId, bearing));
    }
  });
});

describe('warm-up at start', () => {
  it('builds the index in the background and reports a failure instead of throwing', async () => {
    forgetIndex(database.db);
    expect(await warmMatching(database.db)).toBeGreaterThan(0);
    expect((await currentIndex(database.db)).documentOf(teamIds['精密轴承研究团队'] as string)).toBeDefined();
    const closed = await createTestDatabase();
    await closed.close();
    const errors: unknown[] = [];
    expect(await warmMatching(closed.db, (e) => errors.push(e))).toBeNull();
    expect(errors).toHaveLength(1);
  });
});

describe('who sees a need\'s matches', () => {
  it('its owner and the bureau; another organisation gets NOT_FOUND, a team FORBIDDEN', async () => {
    const need = await bearingNeed();
    await expect(callerFor(database.db, bureau.actor).matching.forNeed({ needId: need.id })).resolves.toMatchObject({ needId: need.id });
    await expect(callerFor(database.db, outsider.actor).matching.forNeed({ needId: need.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const team = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    await expect(callerFor(database.db, team.actor).matching.forNeed({ needId: need.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('invitations to bid', () => {
  const invitations = async (needId: string) => (await database.db.select({ n: count() }).from(matchInvitations).where(eq(matchInvitations.needId, needId)))[0]?.n;

  it('the owner invites a matched team: one invitation, audited, the team\'s owner notified with a link to the need; once only', async () => {
    const need = await bearingNeed();
    const machinist = teamIds['数控机床研究团队'] as string;
    const caller = callerFor(database.db, owner.actor);
    const result = await caller.matching.invite({ needId: need.id, teamOrgId: machinist, message: '欢迎贵团队参与投标。' });
    expect(result.conversationId).not.toBeNull();
    expect(await invitations(need.id)).toBe(1);
    const [audited] = await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'match.invite'), eq(auditLog.entityId, need.id)));
    expect(audited?.n).toBe(1);
    const notes = await database.db.select().from(notifications).where(eq(notifications.kind, 'match.invited'));
    expect(notes.some((n) => n.link === `/needs/${need.id}`)).toBe(true);
    const matches = await caller.matching.forNeed({ needId: need.id });
    expect(matches.invited).toEqual([machinist]);
    await expect(caller.matching.invite({ needId: need.id, teamOrgId: machinist })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await invitations(need.id)).toBe(1);
  });

  it('refuses, changing nothing: another organisation (NOT_FOUND), a draft need (CONFLICT), a team that is not a verified research team (NOT_FOUND), a plain member (FORBIDDEN)', async () => {
    const need = await bearingNeed();
    const team = teamIds['药物制剂研究团队'] as string;
    await expect(callerFor(database.db, outsider.actor).matching.invite({ needId: need.id, teamOrgId: team })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(database.db, bureau.actor).matching.invite({ needId: need.id, teamOrgId: team })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const draft = await bearingNeed('draft');
    await expect(callerFor(database.db, owner.actor).matching.invite({ needId: draft.id, teamOrgId: team })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(callerFor(database.db, owner.actor).matching.invite({ needId: need.id, teamOrgId: outsider.org.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const pending = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'pending' });
    await expect(callerFor(database.db, owner.actor).matching.invite({ needId: need.id, teamOrgId: pending.org.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const member = await insertMember(database.db, owner.org, 'member');
    await expect(callerFor(database.db, member.actor).matching.invite({ needId: need.id, teamOrgId: team })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await invitations(need.id)).toBe(0);
    expect(await invitations(draft.id)).toBe(0);
  });
});

describe('answers to an invitation (the team\'s responsiveness)', () => {
  const DUE = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
  const responsiveness = async (orgId: string) =>
    (await database.db.select().from(creditEvents).where(and(eq(creditEvents.orgId, orgId), eq(creditEvents.kind, 'responsiveness')))).map((e) => e.data as { measure: string; hours: number; targetHours: number });

  it('bidding answers it once: stamped \'bid\' and recorded in the team\'s ledger with the hours it took', async () => {
    const need = await bearingNeed();
    const team = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    await callerFor(database.db, owner.actor).matching.invite({ needId: need.id, teamOrgId: team.org.id });
    advanceClock(30 * 3600 * 1000);
    const teamCaller = callerFor(database.db, team.actor);
    await teamCaller.bids.submit({
      needId: need.id,
      content: { approach: '在线测量与磨削参数优化。', milestones: [{ deliverable: '工艺方案', dueDate: DUE, amount: 50 }], teamMembers: [{ name: '李教授', role: '负责人' }], achievementIds: [], attachmentIds: [] },
    });
    expect(await teamCaller.matching.invitation({ needId: need.id })).toMatchObject({ answer: 'bid' });
    expect(await responsiveness(team.org.id)).toEqual([expect.objectContaining({ measure: 'invitation', hours: 30, targetHours: 48 })]);
    await expect(teamCaller.matching.decline({ needId: need.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await responsiveness(team.org.id)).toHaveLength(1);
  });

  it('declining answers it once, audited; a team never invited gets NOT_FOUND; a bid without an invitation records nothing', async () => {
    const need = await bearingNeed();
    const team = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const teamCaller = callerFor(database.db, team.actor);
    await expect(teamCaller.matching.decline({ needId: need.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await teamCaller.matching.invitation({ needId: need.id })).toBeNull();
    await callerFor(database.db, owner.actor).matching.invite({ needId: need.id, teamOrgId: team.org.id });
    const member = await insertMember(database.db, team.org, 'member');
    await expect(callerFor(database.db, member.actor).matching.decline({ needId: need.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(teamCaller.matching.decline({ needId: need.id })).resolves.toMatchObject({ answer: 'declined' });
    expect(await teamCaller.matching.invitation({ needId: need.id })).toMatchObject({ answer: 'declined' });
    expect(await responsiveness(team.org.id)).toEqual([expect.objectContaining({ measure: 'invitation', hours: 0 })]);
    const [audited] = await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'match.decline'), eq(auditLog.orgId, team.org.id)));
    expect(audited?.n).toBe(1);
    await expect(teamCaller.matching.decline({ needId: need.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    const other = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    await callerFor(database.db, other.actor).bids.submit({
      needId: need.id,
      content: { approach: '磨削工艺优化。', milestones: [{ deliverable: '工艺方案', dueDate: DUE, amount: 50 }], teamMembers: [{ name: '王工', role: '负责人' }], achievementIds: [], attachmentIds: [] },
    });
    expect(await responsiveness(other.org.id)).toEqual([]);
  });
});

describe('recommendations', () => {
  it('a team sees the open needs it matches best', async () => {
    const need = await bearingNeed();
    const bearingTeam = { userId: owner.user.id, sessionId: 's', name: 'x', org: { id: teamIds['精密轴承研究团队'] as string, kind: 'research_team' as const, status: 'verified' as const, role: 'member' as const, name: '精密轴承研究团队' } };
    const list = await callerFor(database.db, bearingTeam).matching.recommendations({ limit: 50 });
    expect(list.map((n) => n.id)).toContain(need.id);
    expect(list[0]?.title).toBe('高速精密轴承套圈磨削工艺优化');
    await expect(callerFor(database.db, owner.actor).matching.recommendations({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
