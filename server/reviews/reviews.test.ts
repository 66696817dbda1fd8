import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, bidFeedback, bids, bidScores, contractMilestones, contracts, needs, notifications, reviewInvitations } from '@/db/schema';
import type { Actor } from '../actor';
import { defaultMilestones, insertBid } from '../bids/factories';
import { BID_TRANSITIONS } from '../bids/states';
import { advanceClock, now, resetClock } from '../clock';
import { insertNeed, type NeedOverrides } from '../needs/factories';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { spread } from './summary';

const DAY = 24 * 3600 * 1000;

let database: Database;
type Party = Awaited<ReturnType<typeof insertOrgWithOwner>>;
let owner: Party;
let ownerMember: Awaited<ReturnType<typeof insertMember>>;
let otherOwner: Party;
let teams: Party[];
let teamMember: Awaited<ReturnType<typeof insertMember>>;
let expertOrg: Party;
let pendingOrg: Party;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  ownerMember = await insertMember(db, owner.org, 'member');
  otherOwner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  teams = [];
  for (let i = 0; i < 4; i++) teams.push(await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' }));
  const first = teams[0];
  if (!first) throw new Error('setup');
  teamMember = await insertMember(db, first.org, 'member');
  expertOrg = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' }, { email: `expert-${crypto.randomUUID()}@test.kechuang.cn` });
  pendingOrg = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'pending' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const as = (actor: Actor | null) => callerFor(database.db, actor);
const team = (i: number) => {
  const t = teams[i];
  if (!t) throw new Error(`no team ${i}`);
  return t;
};

/** A need whose bidding is over (status `closed`), with one submitted bid per team given. */
async function closedNeedWithBids(n: number, overrides: NeedOverrides = {}) {
  const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'closed', closedAt: now(), ...overrides });
  const price = overrides.mode === 'jiebang' ? 200 : 60;
  const list = [];
  for (let i = 0; i < n; i++) list.push(await insertBid(database.db, { orgId: team(i).org.id, userId: team(i).user.id }, need.id, { milestones: defaultMilestones(price) }));
  return { need, bids: list };
}

async function expert(needId: string, declare: boolean | 'conflict' = true) {
  const person = await insertMember(database.db, expertOrg.org, 'member');
  const { id } = await as(owner.actor).reviews.invite({ needId, userId: person.user.id });
  if (declare === true) await as(person.actor).reviews.declare({ invitationId: id, hasConflict: false });
  if (declare === 'conflict') await as(person.actor).reviews.declare({ invitationId: id, hasConflict: true, text: '与投标团队负责人为同门' });
  return { ...person, invitationId: id };
}

const full = (t: number, team_: number, p: number, c: number) => ({ technical: t, team: team_, price: p, credit: c });

/** Everything the review and award acts could change about a need. */
async function snapshot(needId: string) {
  const db = database.db;
  const [need] = await db.select().from(needs).where(eq(needs.id, needId));
  const bidRows = await db.select().from(bids).where(eq(bids.needId, needId));
  const ids = bidRows.map((b) => b.id);
  const feedback = ids.length ? await db.select().from(bidFeedback).where(inArray(bidFeedback.bidId, ids)) : [];
  const scores = await db.select().from(bidScores).where(eq(bidScores.needId, needId));
  const invitations = await db.select().from(reviewInvitations).where(eq(reviewInvitations.needId, needId));
  const contractRows = await db.select().from(contracts).where(eq(contracts.needId, needId));
  const [audits] = await db.select({ n: count() }).from(auditLog);
  const [notes] = await db.select({ n: count() }).from(notifications);
  return { need, bidRows, feedback, scores, invitations, contractRows, audits: audits?.n, notes: notes?.n };
}

async function refused(needId: string, fn: () => Promise<unknown>, code: string, messageKey?: string) {
  const before = await snapshot(needId);
  const error = await fn().then(
    () => null,
    (e: { code?: string; message?: string }) => e,
  );
  expect(error, 'expected a refusal').not.toBeNull();
  expect(error?.code).toBe(code);
  if (messageKey) expect(error?.message).toBe(messageKey);
  expect(await snapshot(needId)).toEqual(before);
}

describe('inviting reviewers', () => {
  it('invites an existing user by email or id, notifies them, and refuses unknown, ineligible and duplicate invitees', async () => {
    const { need } = await closedNeedWithBids(1);
    const byEmail = await as(owner.actor).reviews.invite({ needId: need.id, email: expertOrg.user.email?.toUpperCase() ?? '' });
    expect(byEmail.reviewer.id).toBe(expertOrg.user.id);
    const [note] = await database.db.select().from(notifications).where(and(eq(notifications.userId, expertOrg.user.id), eq(notifications.kind, 'review.invited')));
    expect(note?.payload).toMatchObject({ needId: need.id });
    await refused(need.id, () => as(owner.actor).reviews.invite({ needId: need.id, userId: expertOrg.user.id }), 'CONFLICT', 'reviews.alreadyInvited');
    await refused(need.id, () => as(owner.actor).reviews.invite({ needId: need.id, email: 'nobody@test.kechuang.cn' }), 'BAD_REQUEST', 'reviews.reviewerNotFound');
    // A user of a pending organisation gets the same answer as no user at all.
    await refused(need.id, () => as(owner.actor).reviews.invite({ needId: need.id, userId: pendingOrg.user.id }), 'BAD_REQUEST', 'reviews.reviewerNotFound');
    await refused(need.id, () => as(otherOwner.actor).reviews.invite({ needId: need.id, userId: team(3).user.id }), 'NOT_FOUND', 'notFound');
    await refused(need.id, () => as(ownerMember.actor).reviews.invite({ needId: need.id, userId: team(3).user.id }), 'FORBIDDEN');
    await refused(need.id, () => as(pendingOrg.actor).reviews.invite({ needId: need.id, userId: team(3).user.id }), 'FORBIDDEN', 'orgNotVerified');
  });

  it('revokes an invitation (reinviting asks for a fresh declaration)', async () => {
    const { need } = await closedNeedWithBids(1);
    const r = await expert(need.id);
    await refused(need.id, () => as(otherOwner.actor).reviews.revoke({ invitationId: r.invitationId }), 'NOT_FOUND');
    await as(owner.actor).reviews.revoke({ invitationId: r.invitationId });
    await refused(need.id, () => as(owner.actor).reviews.revoke({ invitationId: r.invitationId }), 'CONFLICT', 'reviews.alreadyRevoked');
    expect((await as(r.actor).reviews.mine()).map((i) => i.id)).not.toContain(r.invitationId);
    await as(owner.actor).reviews.invite({ needId: need.id, userId: r.user.id });
    const [again] = (await as(r.actor).reviews.mine()).filter((i) => i.id === r.invitationId);
    expect(again).toMatchObject({ coiStatus: 'pending', standing: 'coiPending' });
  });
});

describe('conflict-of-interest declarations', () => {
  it('pending → none → conflict; a conflict is final; text is required; only the reviewer declares', async () => {
    const { need } = await closedNeedWithBids(1);
    const r = await expert(need.id, false);
    await refused(need.id, () => as(r.actor).reviews.declare({ invitationId: r.invitationId, hasConflict: true, text: '' }), 'BAD_REQUEST');
    await refused(need.id, () => as(expertOrg.actor).reviews.declare({ invitationId: r.invitationId, hasConflict: false }), 'NOT_FOUND');
    expect(await as(r.actor).reviews.declare({ invitationId: r.invitationId, hasConflict: false })).toMatchObject({ coiStatus: 'none', standing: 'active' });
    await refused(need.id, () => as(r.actor).reviews.declare({ invitationId: r.invitationId, hasConflict: false }), 'CONFLICT', 'reviews.coiAlreadyDeclared');
    expect(await as(r.actor).reviews.declare({ invitationId: r.invitationId, hasConflict: true, text: '发现曾合作' })).toMatchObject({ coiStatus: 'conflict', standing: 'conflict' });
    await refused(need.id, () => as(r.actor).reviews.declare({ invitationId: r.invitationId, hasConflict: false }), 'CONFLICT', 'reviews.coiFinal');
    const [row] = (await as(owner.actor).reviews.reviewers({ needId: need.id })).filter((x) => x.id === r.invitationId);
    expect(row).toMatchObject({ coiStatus: 'conflict', coiText: '发现曾合作' });
  });
});

describe('scoring', () => {
  it('is refused while bidding is open; the first score on a closed need starts the evaluation', async () => {
    const published = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published' });
    const early = await insertBid(database.db, { orgId: team(0).org.id, userId: team(0).user.id }, published.id);
    const r0 = await expert(published.id);
    await refused(published.id, () => as(r0.actor).reviews.score({ bidId: early.id, scores: full(30, 15, 15, 15) }), 'CONFLICT', 'reviews.biddingStillOpen');

    const { need, bids: [bid] } = await closedNeedWithBids(1);
    if (!bid) throw new Error('setup');
    const r = await expert(need.id);
    const saved = await as(r.actor).reviews.score({ bidId: bid.id, scores: full(35, 18, 12.5, 16), comment: '路线清晰' });
    expect(saved.total).toBe('81.50');
    const [row] = await database.db.select().from(needs).where(eq(needs.id, need.id));
    expect(row?.status).toBe('evaluating');
    const actions = await database.db.select({ action: auditLog.action, actor: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.entityId, need.id));
    expect(actions).toContainEqual({ action: 'need.reviewStarted', actor: null });
    // Editable until the award.
    expect((await as(r.actor).reviews.score({ bidId: bid.id, scores: full(30, 18, 12.5, 16) })).total).toBe('76.50');
    const list = await as(r.actor).reviews.bids({ needId: need.id });
    if (list.sealed) throw new Error('not sealed');
    expect(list.items[0]?.myScore?.total).toBe('76.50');
    // The reviewer sees the team's credit grade and match score too.
    expect(list.items[0]).toMatchObject({ creditGrade: 'A', creditScore: 600, matchScore: expect.any(Number) });
  });

  it('checks scores against the need’s rubric: every criterion, 0 … its weight, one decimal', async () => {
    const { need, bids: [bid] } = await closedNeedWithBids(1, {
      rubric: [
        { key: 'technical', weight: 50 },
        { key: 'team', weight: 30 },
        { key: 'safety', label: '安全性', weight: 20 },
      ],
    });
    if (!bid) throw new Error('setup');
    const r = await expert(need.id);
    await refused(need.id, () => as(r.actor).reviews.score({ bidId: bid.id, scores: { technical: 51, team: 10, safety: 10 } }), 'BAD_REQUEST', 'reviews.invalidScores');
    await refused(need.id, () => as(r.actor).reviews.score({ bidId: bid.id, scores: { technical: 40, team: 10 } }), 'BAD_REQUEST', 'reviews.invalidScores');
    await refused(need.id, () => as(r.actor).reviews.score({ bidId: bid.id, scores: { technical: 40, team: 10, safety: 10, price: 5 } }), 'BAD_REQUEST', 'reviews.invalidScores');
    await refused(need.id, () => as(r.actor).reviews.score({ bidId: bid.id, scores: { technical: 40.25, team: 10, safety: 10 } }), 'BAD_REQUEST', 'reviews.invalidScores');
    expect((await as(r.actor).reviews.score({ bidId: bid.id, scores: { technical: 45.5, team: 30, safety: 0 } })).total).toBe('75.50');
  });

  it('is refused to reviewers who did not declare, declared a conflict, or were not invited (nothing changed)', async () => {
    const { need, bids: [bid] } = await closedNeedWithBids(1);
    if (!bid) throw new Error('setup');
    const undeclared = await expert(need.id, false);
    const conflicted = await expert(need.id, 'conflict');
    for (const who of [undeclared, conflicted, expertOrg, owner]) {
      await refused(need.id, () => as(who.actor).reviews.score({ bidId: bid.id, scores: full(30, 15, 15, 15) }), 'NOT_FOUND', 'notFound');
    }
  });
});

describe('the evaluation summary', () => {
  it('gives per-criterion and total averages and spread over counting reviewers, beside the credit score (a newcomer: A, 600) and the match score', async () => {
    const { need, bids: [b0, b1] } = await closedNeedWithBids(2);
    if (!b0 || !b1) throw new Error('setup');
    const r1 = await expert(need.id);
    const r2 = await expert(need.id);
    const r3 = await expert(need.id);
    await as(r1.actor).reviews.score({ bidId: b0.id, scores: full(40, 20, 10, 10) });
    await as(r2.actor).reviews.score({ bidId: b0.id, scores: full(30, 10, 20, 20) });
    await as(r3.actor).reviews.score({ bidId: b0.id, scores: full(0, 0, 0, 0) });
    await as(r1.actor).reviews.score({ bidId: b1.id, scores: full(20, 20, 20, 20) });
    // r3 finds a conflict after scoring: its scores stop counting.
    await as(r3.actor).reviews.declare({ invitationId: r3.invitationId, hasConflict: true, text: '后来发现利益关系' });
    const summary = await as(ownerMember.actor).reviews.summary({ needId: need.id });
    if (summary.sealed) throw new Error('not sealed');
    expect(summary.reviewers).toEqual({ invited: 3, counting: 2 });
    const first = summary.items.find((i) => i.id === b0.id);
    expect(first).toMatchObject({ reviewCount: 2, creditScore: 600, creditGrade: 'A', matchScore: expect.any(Number) });
    expect(first?.matchScore).toBeGreaterThanOrEqual(0);
    expect(first?.matchScore).toBeLessThanOrEqual(100);
    expect(first?.criteria.technical).toEqual({ mean: 35, min: 30, max: 40, stddev: 5 });
    expect(first?.total).toEqual({ mean: 80, min: 80, max: 80, stddev: 0 });
    expect(summary.items.find((i) => i.id === b1.id)?.total).toEqual({ mean: 80, min: 80, max: 80, stddev: 0 });
    expect(spread([])).toBeNull();
    expect(spread([1, 2, 3, 4])).toEqual({ mean: 2.5, min: 1, max: 4, stddev: 1.12 });
  });
});

describe('award', () => {
  it('is refused until every bid not awarded has feedback — nothing changed, audit log unchanged', async () => {
    const { need, bids: [win, lose1, lose2] } = await closedNeedWithBids(3);
    if (!win || !lose1 || !lose2) throw new Error('setup');
    await as(owner.actor).reviews.giveFeedback({ bidId: lose1.id, code: 'budget', text: '报价高于预算上限。' });
    await refused(need.id, () => as(owner.actor).reviews.award({ needId: need.id, winners: [win.id] }), 'BAD_REQUEST', 'reviews.feedbackMissing');
    // The team does not see feedback before the award is final.
    expect((await as(team(1).actor).bids.get({ bidId: lose1.id })).feedback).toBeNull();
  });

  it('awards one bid with feedback in the call: bids decided, need awarded, a contract per winner, audited, everyone told', async () => {
    const { need, bids: [win, lose1, lose2] } = await closedNeedWithBids(3);
    if (!win || !lose1 || !lose2) throw new Error('setup');
    const r = await expert(need.id);
    await as(r.actor).reviews.score({ bidId: win.id, scores: full(38, 18, 16, 16) });
    await as(owner.actor).reviews.giveFeedback({ bidId: lose1.id, code: 'approach', text: '技术路线验证不足。' });
    const result = await as(owner.actor).reviews.award({
      needId: need.id,
      winners: [win.id],
      feedback: [{ bidId: lose2.id, code: 'capability', text: '团队缺少量产经验。' }],
    });
    expect(result.status).toBe('awarded');
    expect(result.contracts).toHaveLength(1);
    const rows = await database.db.select().from(bids).where(eq(bids.needId, need.id));
    expect(Object.fromEntries(rows.map((b) => [b.id, b.status]))).toEqual({ [win.id]: 'awarded', [lose1.id]: 'not_awarded', [lose2.id]: 'not_awarded' });
    const [contract] = await database.db.select().from(contracts).where(eq(contracts.bidId, win.id));
    expect(contract).toMatchObject({ providerOrgId: team(0).org.id, clientOrgId: owner.org.id, value: '60.00' });
    const milestones = await database.db.select().from(contractMilestones).where(eq(contractMilestones.contractId, contract?.id ?? ''));
    expect(milestones.map((m) => m.amount)).toEqual(['24.00', '36.00']);
    const actions = (await database.db.select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog)).filter((a) =>
      [need.id, win.id, lose1.id, lose2.id, contract?.id].includes(a.entityId),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['need.award', 'bid.award', 'bid.decline', 'bid.feedback', 'contract.create', 'review.award']),
    );
    const kinds = async (userId: string) => (await database.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind);
    expect(await kinds(team(0).user.id)).toContain('bid.awarded');
    expect(await kinds(teamMember.user.id)).toContain('bid.awarded');
    expect(await kinds(team(1).user.id)).toContain('bid.notAwarded');
    expect(await kinds(r.user.id)).toContain('review.needAwarded');
    // Losers now read why; scores and feedback are frozen.
    expect((await as(team(2).actor).bids.get({ bidId: lose2.id })).feedback).toEqual({ code: 'capability', text: '团队缺少量产经验。' });
    expect((await as(team(0).actor).bids.get({ bidId: win.id })).feedback).toBeNull();
    await refused(need.id, () => as(r.actor).reviews.score({ bidId: win.id, scores: full(1, 1, 1, 1) }), 'CONFLICT', 'reviews.scoringClosed');
    await refused(need.id, () => as(owner.actor).reviews.giveFeedback({ bidId: lose1.id, code: 'other', text: '改主意了。' }), 'CONFLICT', 'reviews.alreadyAwarded');
    await refused(need.id, () => as(owner.actor).reviews.award({ needId: need.id, winners: [win.id] }), 'CONFLICT', 'reviews.notAwardable');
  });

  it('open and jiebang award exactly one; horse_race 2 … its award count', async () => {
    const open = await closedNeedWithBids(2);
    const [o0, o1] = open.bids;
    if (!o0 || !o1) throw new Error('setup');
    await refused(open.need.id, () => as(owner.actor).reviews.award({ needId: open.need.id, winners: [o0.id, o1.id] }), 'BAD_REQUEST', 'reviews.winnerCount');

    const race = await closedNeedWithBids(4, { mode: 'horse_race', awardCount: 3 });
    const [h0, h1, h2, h3] = race.bids;
    if (!h0 || !h1 || !h2 || !h3) throw new Error('setup');
    const fb = (ids: string[]) => ids.map((bidId) => ({ bidId, code: 'other' as const, text: '本轮未入选。' }));
    await refused(race.need.id, () => as(owner.actor).reviews.award({ needId: race.need.id, winners: [h0.id], feedback: fb([h1.id, h2.id, h3.id]) }), 'BAD_REQUEST', 'reviews.winnerCount');
    await refused(race.need.id, () => as(owner.actor).reviews.award({ needId: race.need.id, winners: [h0.id, h1.id, h2.id, h3.id] }), 'BAD_REQUEST');
    await refused(
      race.need.id,
      () => as(owner.actor).reviews.award({ needId: race.need.id, winners: [h0.id, h1.id], feedback: fb([h0.id, h2.id, h3.id]) }),
      'BAD_REQUEST',
      'reviews.feedbackForWinner',
    );
    const result = await as(owner.actor).reviews.award({ needId: race.need.id, winners: [h0.id, h1.id, h2.id], feedback: fb([h3.id]) });
    expect(result.contracts.map((c) => c.bidId).sort()).toEqual([h0.id, h1.id, h2.id].sort());

    const two = await closedNeedWithBids(3, { mode: 'horse_race', awardCount: 2 });
    const [t0, t1, t2] = two.bids;
    if (!t0 || !t1 || !t2) throw new Error('setup');
    await refused(two.need.id, () => as(owner.actor).reviews.award({ needId: two.need.id, winners: [t0.id, t1.id, t2.id] }), 'BAD_REQUEST', 'reviews.winnerCount');
    expect((await as(owner.actor).reviews.award({ needId: two.need.id, winners: [t0.id, t1.id], feedback: fb([t2.id]) })).contracts).toHaveLength(2);

    const jiebang = await closedNeedWithBids(1, { mode: 'jiebang', bidDeadline: new Date(now().getTime() - DAY) });
    const [j0] = jiebang.bids;
    if (!j0) throw new Error('setup');
    const [contract] = (await as(owner.actor).reviews.award({ needId: jiebang.need.id, winners: [j0.id] })).contracts;
    const [row] = await database.db.select().from(contracts).where(eq(contracts.id, contract?.contractId ?? ''));
    expect(row?.value).toBe('200.00');
  });

  it('refuses ids outside the bids in competition, other organisations, plain members, needs still taking bids', async () => {
    const { need, bids: [b0] } = await closedNeedWithBids(1);
    if (!b0) throw new Error('setup');
    const withdrawn = await insertBid(database.db, { orgId: team(3).org.id, userId: team(3).user.id }, need.id, { status: 'withdrawn' });
    await refused(need.id, () => as(owner.actor).reviews.award({ needId: need.id, winners: [withdrawn.id] }), 'NOT_FOUND');
    await refused(need.id, () => as(owner.actor).reviews.award({ needId: need.id, winners: [b0.id], feedback: [{ bidId: withdrawn.id, code: 'other', text: '已撤回的方案。' }] }), 'NOT_FOUND');
    await refused(need.id, () => as(otherOwner.actor).reviews.award({ needId: need.id, winners: [b0.id] }), 'NOT_FOUND');
    await refused(need.id, () => as(ownerMember.actor).reviews.award({ needId: need.id, winners: [b0.id] }), 'FORBIDDEN');
    await refused(need.id, () => as(team(0).actor).reviews.award({ needId: need.id, winners: [b0.id] }), 'FORBIDDEN');
    const open = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published' });
    const early = await insertBid(database.db, { orgId: team(0).org.id, userId: team(0).user.id }, open.id);
    await refused(open.id, () => as(owner.actor).reviews.award({ needId: open.id, winners: [early.id] }), 'CONFLICT', 'reviews.notAwardable');
    await refused(open.id, () => as(owner.actor).reviews.giveFeedback({ bidId: early.id, code: 'timing', text: '工期过长。' }), 'CONFLICT', 'reviews.biddingStillOpen');
  });

  it('the owner can open the evaluation itself; every bid transition of the table is exercised', async () => {
    const { need } = await closedNeedWithBids(1);
    await refused(need.id, () => as(otherOwner.actor).reviews.startEvaluation({ needId: need.id }), 'NOT_FOUND');
    expect((await as(owner.actor).reviews.startEvaluation({ needId: need.id })).status).toBe('evaluating');
    await refused(need.id, () => as(owner.actor).reviews.startEvaluation({ needId: need.id }), 'CONFLICT', 'needs.invalidTransition');
    // This file covers award/decline; bids.test.ts covers the team's events, needs.test.ts a cancellation's.
    expect(BID_TRANSITIONS.filter((t) => t.by === 'needOwner').map((t) => t.event)).toEqual(['award', 'award', 'decline', 'decline', 'needCancelled', 'needCancelled']);
  });

  it('a jiebang award after the deadline even if the deadline job has not run yet is refused until closed', async () => {
    const j = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', mode: 'jiebang', bidDeadline: new Date(now().getTime() + DAY) });
    const bid = await insertBid(database.db, { orgId: team(0).org.id, userId: team(0).user.id }, j.id, { milestones: defaultMilestones(200) });
    advanceClock(2 * DAY);
    await refused(j.id, () => as(owner.actor).reviews.award({ needId: j.id, winners: [bid.id] }), 'CONFLICT', 'reviews.notAwardable');
  });
});
