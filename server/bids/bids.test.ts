import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { achievements, attachments, auditLog, bidRevisions, bids } from '@/db/schema';
import type { Actor } from '../actor';
import { advanceClock, now, resetClock } from '../clock';
import { insertNeed, type NeedOverrides } from '../needs/factories';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { localToday } from './bids';
import type { BidContentInput } from './inputs';
import { BID_TRANSITIONS } from './states';

const DAY = 24 * 3600 * 1000;

let database: Database;
let enterprise: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let team: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let teamMember: Awaited<ReturnType<typeof insertMember>>;
let otherTeam: Awaited<ReturnType<typeof insertOrgWithOwner>>;
let pendingTeam: Awaited<ReturnType<typeof insertOrgWithOwner>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  enterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified', name: '新昌精工轴承有限公司' });
  team = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified', name: '浙大精密制造团队' });
  teamMember = await insertMember(db, team.org, 'member');
  otherTeam = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  pendingTeam = await insertOrgWithOwner(db, { kind: 'research_team', status: 'pending' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const inDays = (days: number) => new Date(now().getTime() + days * DAY).toISOString().slice(0, 10);

function content(overrides: Partial<BidContentInput> = {}): BidContentInput {
  return {
    approach: '## 技术路线\n在线测量 + 自适应补偿。',
    milestones: [
      { deliverable: '工艺方案', dueDate: inDays(90), amount: 20.5 },
      { deliverable: '样件验证', dueDate: inDays(200), amount: 30.25 },
    ],
    teamMembers: [{ name: '张教授', role: '负责人' }],
    achievementIds: [],
    attachmentIds: [],
    ...overrides,
  };
}

const publishedNeed = (overrides: NeedOverrides = {}) =>
  insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'published', ...overrides });

const as = (actor: Actor | null) => callerFor(database.db, actor);

async function state() {
  const db = database.db;
  const [b] = await db.select({ n: count() }).from(bids);
  const [r] = await db.select({ n: count() }).from(bidRevisions);
  const [a] = await db.select({ n: count() }).from(auditLog);
  const rows = await db.select().from(bids);
  return { bids: b?.n, revisions: r?.n, audits: a?.n, rows };
}

/** Expects a refusal with `code` (and key), and proves bids, revisions and the audit log unchanged. */
async function refused(fn: () => Promise<unknown>, code: string, messageKey?: string) {
  const before = await state();
  const error = await fn().then(
    () => null,
    (e: { code?: string; message?: string }) => e,
  );
  expect(error, 'expected a refusal').not.toBeNull();
  expect(error?.code).toBe(code);
  if (messageKey) expect(error?.message).toBe(messageKey);
  expect(await state()).toEqual(before);
}

describe('the transition table', () => {
  it('names one action of the permission table per transition and no duplicate (from, event)', () => {
    const keys = BID_TRANSITIONS.map((t) => `${t.from}:${t.event}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of BID_TRANSITIONS) expect(t.action).toMatch(/^(bid|need)\./);
  });
});

describe('every transition of the table', () => {
  it('runs through applyBidEvent with its actor, changes the status and writes one audit row', async () => {
    const { applyBidEvent } = await import('./states');
    const { insertBid } = await import('./factories');
    const { inTransaction } = await import('../transaction');
    for (const t of BID_TRANSITIONS.filter((x) => x.from !== 'none')) {
      const need = await publishedNeed({ status: t.by === 'needOwner' ? 'evaluating' : 'published' });
      const fresh = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
      const bid = await insertBid(database.db, { orgId: fresh.org.id, userId: fresh.user.id }, need.id, { status: t.from as Exclude<typeof t.from, 'none'> });
      const actor = t.by === 'needOwner' ? enterprise.actor : fresh.actor;
      const updated = await inTransaction(database.db, (tx) => applyBidEvent(tx, actor as Parameters<typeof applyBidEvent>[1], need, bid, t.event));
      expect(updated.status, `${t.from} --${t.event}--> ${t.to}`).toBe(t.to);
      const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, bid.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: `bid.${t.event}`, before: { status: t.from }, after: { status: t.to }, actorUserId: actor.userId, orgId: fresh.org.id });
    }
  });

  it('refuses events the table does not have, and the other party’s events', async () => {
    const { applyBidEvent } = await import('./states');
    const { insertBid } = await import('./factories');
    const { inTransaction } = await import('../transaction');
    const need = await publishedNeed({ status: 'evaluating' });
    const fresh = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const bid = await insertBid(database.db, { orgId: fresh.org.id, userId: fresh.user.id }, need.id);
    const fire = (actor: Actor, event: Parameters<typeof applyBidEvent>[4]) =>
      inTransaction(database.db, (tx) => applyBidEvent(tx, actor as Parameters<typeof applyBidEvent>[1], need, bid, event));
    await refused(() => fire(fresh.actor, 'discard'), 'CONFLICT', 'bids.invalidTransition');
    // The team cannot award itself; the owner cannot withdraw the team's bid: each is NOT_FOUND to the other.
    await refused(() => fire(fresh.actor, 'award'), 'NOT_FOUND');
    await refused(() => fire(enterprise.actor, 'withdraw'), 'NOT_FOUND');
  });
});

describe('submitting a bid', () => {
  it('submits revision 1 with the price as the sum of the milestones, audited for the team', async () => {
    const need = await publishedNeed();
    const result = await as(team.actor).bids.submit({ needId: need.id, content: content() });
    expect(result).toMatchObject({ status: 'submitted', revision: 1 });
    const bid = await as(team.actor).bids.get({ bidId: result.id });
    expect(bid.reader).toBe('team');
    expect(bid.revision.price).toBe('50.75');
    expect(bid.revision.milestones.map((m) => m.amount)).toEqual(['20.50', '30.25']);
    expect(bid.events).toEqual(expect.arrayContaining(['revise', 'withdraw']));
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, result.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'bid.submit', orgId: team.org.id, actorUserId: team.user.id });
    // The audit row names the state change, never the sealed content.
    expect(JSON.stringify(rows[0]?.after)).not.toContain('在线测量');
  });

  it('refuses a second bid by the same team with a clear CONFLICT, nothing changed', async () => {
    const need = await publishedNeed();
    await as(team.actor).bids.submit({ needId: need.id, content: content() });
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content() }), 'CONFLICT', 'bids.alreadyBid');
    await refused(() => as(teamMember.actor).bids.saveDraft({ needId: need.id, content: {} }), 'CONFLICT', 'bids.alreadyBid');
  });

  it('lets exactly one of two simultaneous submissions by one team through (on PostgreSQL, truly concurrent)', async () => {
    const need = await publishedNeed();
    const admin = await insertMember(database.db, team.org, 'admin');
    const results = await Promise.allSettled([
      as(team.actor).bids.submit({ needId: need.id, content: content() }),
      as(admin.actor).bids.submit({ needId: need.id, content: content() }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'CONFLICT', message: 'bids.alreadyBid' });
    const rows = await database.db.select().from(bids).where(eq(bids.needId, need.id));
    expect(rows).toHaveLength(1);
    const [audits] = await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, rows[0]?.id ?? ''));
    expect(audits?.n).toBe(1);
  });

  it('refuses bidding after the deadline (the clock, even before the deadline job ran)', async () => {
    const need = await publishedNeed({ bidDeadline: new Date(now().getTime() + 2 * DAY) });
    advanceClock(3 * DAY);
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content() }), 'CONFLICT', 'bids.biddingClosed');
    await refused(() => as(teamMember.actor).bids.saveDraft({ needId: need.id, content: {} }), 'CONFLICT', 'bids.biddingClosed');
  });

  it('refuses bidding on a need closed early, cancelled, or not published (a draft is NOT_FOUND)', async () => {
    const closed = await publishedNeed({ status: 'closed' });
    await refused(() => as(team.actor).bids.submit({ needId: closed.id, content: content() }), 'CONFLICT', 'bids.biddingClosed');
    const cancelled = await publishedNeed({ status: 'cancelled' });
    await refused(() => as(team.actor).bids.submit({ needId: cancelled.id, content: content() }), 'CONFLICT', 'bids.biddingClosed');
    const draft = await insertNeed(database.db, { orgId: enterprise.org.id, userId: enterprise.user.id }, { status: 'draft' });
    await refused(() => as(team.actor).bids.submit({ needId: draft.id, content: content() }), 'NOT_FOUND', 'notFound');
    await refused(() => as(team.actor).bids.submit({ needId: crypto.randomUUID(), content: content() }), 'NOT_FOUND', 'notFound');
  });

  it('refuses a pending organisation (router and domain), an enterprise, and a plain member', async () => {
    const need = await publishedNeed();
    await refused(() => as(pendingTeam.actor).bids.submit({ needId: need.id, content: content() }), 'FORBIDDEN', 'orgNotVerified');
    const { submitBid } = await import('./bids');
    await refused(() => submitBid(database.db, pendingTeam.actor as never, need.id, content()), 'FORBIDDEN', 'orgNotVerified');
    await refused(() => as(enterprise.actor).bids.submit({ needId: need.id, content: content() }), 'FORBIDDEN');
    await refused(() => as(teamMember.actor).bids.submit({ needId: need.id, content: content() }), 'FORBIDDEN', 'forbidden');
    await refused(() => as(null).bids.submit({ needId: need.id, content: content() }), 'UNAUTHORIZED');
  });

  it('checks eligibility through the need’s rule list; an unknown rule kind fails closed', async () => {
    const need = await publishedNeed({ mode: 'jiebang', eligibility: [{ kind: 'verified_org' }, { kind: 'future_kind' }] });
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content({ milestones: [{ deliverable: '全部', dueDate: inDays(90), amount: 200 }] }) }), 'FORBIDDEN', 'bids.notEligible');
    // The bid page learns beforehand which of the need's rules the team fails (here only the unknown one).
    const mine = await as(team.actor).bids.mineOnNeed({ needId: need.id });
    expect(mine.eligibility).toEqual({ excluded: false, failed: [{ kind: 'future_kind' }] });
  });

  it('validates milestones: due after today, in order, amounts in cents; a jiebang bid prices at the bounty', async () => {
    const need = await publishedNeed();
    await refused(
      () => as(team.actor).bids.submit({ needId: need.id, content: content({ milestones: [{ deliverable: '方案', dueDate: localToday(), amount: 10 }] }) }),
      'BAD_REQUEST',
      'bids.invalid',
    );
    await refused(
      () =>
        as(team.actor).bids.submit({
          needId: need.id,
          content: content({ milestones: [{ deliverable: 'a', dueDate: inDays(90), amount: 10 }, { deliverable: 'b', dueDate: inDays(30), amount: 10 }] }),
        }),
      'BAD_REQUEST',
    );
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content({ milestones: [{ deliverable: 'a', dueDate: inDays(90), amount: 10.005 }] }) }), 'BAD_REQUEST');
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content({ milestones: [] }) }), 'BAD_REQUEST');

    const jiebang = await publishedNeed({ mode: 'jiebang' }); // bounty 200 万元
    const error = await as(team.actor)
      .bids.submit({ needId: jiebang.id, content: content() })
      .then(
        () => null,
        (e: { code: string; message: string; cause?: { params?: unknown; fields?: unknown } }) => e,
      );
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toBe('bids.priceMustEqualBounty');
    expect(error?.cause?.params).toEqual({ bounty: '200.00', price: '50.75' });
    expect(error?.cause?.fields).toEqual({ milestones: 'v.bid.priceMustEqualBounty' });
    const ok = await as(team.actor).bids.submit({
      needId: jiebang.id,
      content: content({ milestones: [{ deliverable: '攻关', dueDate: inDays(100), amount: 120 }, { deliverable: '验收', dueDate: inDays(300), amount: 80 }] }),
    });
    expect(ok.status).toBe('submitted');
  });

  it('cites only the team’s own achievements and files; another organisation’s are NOT_FOUND', async () => {
    const need = await publishedNeed();
    const [own] = await database.db.insert(achievements).values({ orgId: team.org.id, kind: 'patent', title: '一种磨削补偿方法', year: 2024 }).returning();
    const [foreign] = await database.db.insert(achievements).values({ orgId: otherTeam.org.id, kind: 'paper', title: '别人的论文' }).returning();
    const file = (orgId: string, needId: string | null) => ({
      ownerOrgId: orgId,
      needId,
      storageKey: `k${crypto.randomUUID().replace(/-/g, '')}`,
      originalName: '方案.pdf',
      contentType: 'application/pdf',
      size: 10,
      sha256: '0'.repeat(64),
      createdAt: now(),
    });
    const [ownFile] = await database.db.insert(attachments).values(file(team.org.id, null)).returning();
    const [foreignFile] = await database.db.insert(attachments).values(file(otherTeam.org.id, null)).returning();
    const [needFile] = await database.db.insert(attachments).values(file(team.org.id, need.id)).returning();
    if (!own || !foreign || !ownFile || !foreignFile || !needFile) throw new Error('setup');
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content({ achievementIds: [own.id, foreign.id] }) }), 'NOT_FOUND', 'notFound');
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content({ attachmentIds: [foreignFile.id] }) }), 'NOT_FOUND');
    await refused(() => as(team.actor).bids.submit({ needId: need.id, content: content({ attachmentIds: [needFile.id] }) }), 'NOT_FOUND');
    const result = await as(team.actor).bids.submit({ needId: need.id, content: content({ achievementIds: [own.id], attachmentIds: [ownFile.id] }) });
    const bid = await as(team.actor).bids.get({ bidId: result.id });
    expect(bid.revision.achievements).toEqual([{ id: own.id, kind: 'patent', title: '一种磨削补偿方法', year: 2024 }]);
    expect(bid.revision.attachments.map((a) => a.id)).toEqual([ownFile.id]);
  });
});

describe('revising, withdrawing, drafts', () => {
  it('keeps every revision: revise twice → revisions 1, 2, 3, each readable as it was', async () => {
    const need = await publishedNeed();
    const { id } = await as(team.actor).bids.submit({ needId: need.id, content: content({ approach: '第一版' }) });
    const r2 = await as(team.actor).bids.revise({ bidId: id, content: content({ approach: '第二版' }) });
    expect(r2).toMatchObject({ status: 'revised', revision: 2 });
    const r3 = await as(team.actor).bids.revise({ bidId: id, content: content({ approach: '第三版' }) });
    expect(r3).toMatchObject({ status: 'revised', revision: 3 });
    const bid = await as(team.actor).bids.get({ bidId: id });
    expect(bid.revision).toMatchObject({ number: 3, approach: '第三版' });
    expect(bid.revisions.map((r) => [r.number, r.current])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect((await as(team.actor).bids.get({ bidId: id, revision: 1 })).revision.approach).toBe('第一版');
    const actions = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(actions.map((a) => a.action)).toEqual(['bid.submit', 'bid.revise', 'bid.revise']);
  });

  it('refuses revising and withdrawing after the deadline, and another team’s bid (NOT_FOUND)', async () => {
    const need = await publishedNeed({ bidDeadline: new Date(now().getTime() + DAY) });
    const { id } = await as(team.actor).bids.submit({ needId: need.id, content: content() });
    await refused(() => as(otherTeam.actor).bids.revise({ bidId: id, content: content() }), 'NOT_FOUND', 'notFound');
    await refused(() => as(otherTeam.actor).bids.withdraw({ bidId: id }), 'NOT_FOUND', 'notFound');
    await refused(() => as(teamMember.actor).bids.withdraw({ bidId: id }), 'FORBIDDEN');
    advanceClock(2 * DAY);
    await refused(() => as(team.actor).bids.revise({ bidId: id, content: content() }), 'CONFLICT', 'bids.biddingClosed');
    await refused(() => as(team.actor).bids.withdraw({ bidId: id }), 'CONFLICT', 'bids.biddingClosed');
  });

  it('withdraws, then submits the same bid again as a new revision', async () => {
    const need = await publishedNeed();
    const { id } = await as(team.actor).bids.submit({ needId: need.id, content: content() });
    expect(await as(team.actor).bids.withdraw({ bidId: id })).toMatchObject({ status: 'withdrawn', revision: 1 });
    await refused(() => as(team.actor).bids.revise({ bidId: id, content: content() }), 'CONFLICT', 'bids.invalidTransition');
    await refused(() => as(team.actor).bids.withdraw({ bidId: id }), 'CONFLICT', 'bids.invalidTransition');
    const again = await as(team.actor).bids.submit({ needId: need.id, content: content({ approach: '重新提交' }) });
    expect(again).toMatchObject({ id, status: 'submitted', revision: 2 });
  });

  it('lets any member prepare a draft, an owner submit it (same revision), and discard a draft', async () => {
    const need = await publishedNeed();
    const draft = await as(teamMember.actor).bids.saveDraft({ needId: need.id, content: { approach: '草稿' } });
    expect(draft).toMatchObject({ status: 'draft', revision: 1 });
    const edited = await as(teamMember.actor).bids.saveDraft({ needId: need.id, content: { approach: '草稿二' } });
    expect(edited).toMatchObject({ id: draft.id, revision: 1 });
    const mine = await as(teamMember.actor).bids.mineOnNeed({ needId: need.id });
    expect(mine.bid?.revision.approach).toBe('草稿二');
    expect(mine.events).toEqual(['discard']);
    const submitted = await as(team.actor).bids.submit({ needId: need.id, content: content() });
    expect(submitted).toMatchObject({ id: draft.id, status: 'submitted', revision: 1 });

    const need2 = await publishedNeed();
    const d2 = await as(teamMember.actor).bids.saveDraft({ needId: need2.id, content: {} });
    await refused(() => as(otherTeam.actor).bids.discardDraft({ bidId: d2.id }), 'NOT_FOUND');
    expect(await as(teamMember.actor).bids.discardDraft({ bidId: d2.id })).toMatchObject({ status: 'withdrawn' });
    expect(await as(teamMember.actor).bids.saveDraft({ needId: need2.id, content: { approach: '再来' } })).toMatchObject({ status: 'draft', revision: 2 });
  });

  it('lists the team’s own bids only', async () => {
    const need = await publishedNeed();
    await as(otherTeam.actor).bids.submit({ needId: need.id, content: content() });
    const mine = await as(team.actor).bids.listMine({});
    expect(mine.items.every((b) => b.needId !== need.id)).toBe(true);
    const theirs = await as(otherTeam.actor).bids.listMine({});
    expect(theirs.items.map((b) => b.needId)).toContain(need.id);
  });
});
