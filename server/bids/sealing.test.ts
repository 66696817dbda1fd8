import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { Actor } from '../actor';
import { advanceClock, now, resetClock } from '../clock';
import { insertNeed, type NeedOverrides } from '../needs/factories';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { attachments } from '@/db/schema';
import { canReadBidAttachment } from './access';
import { defaultMilestones, insertBid } from './factories';

/**
 * SEALING at the API level (SPEC §3): every procedure a user can call, asked by everyone who must not
 * know, answers as if the bid did not exist — same code, same message, no count.
 */

const DAY = 24 * 3600 * 1000;

let database: Database;
type Party = Awaited<ReturnType<typeof insertOrgWithOwner>>;
let owner: Party;
let ownerMember: Awaited<ReturnType<typeof insertMember>>;
let teamA: Party;
let teamAMember: Awaited<ReturnType<typeof insertMember>>;
let teamB: Party;
let bureau: Party;
let reviewerOrg: Party;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  ownerMember = await insertMember(db, owner.org, 'member');
  teamA = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  teamAMember = await insertMember(db, teamA.org, 'member');
  teamB = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  bureau = await insertOrgWithOwner(db, { kind: 'bureau', status: 'verified' });
  reviewerOrg = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const as = (actor: Actor | null) => callerFor(database.db, actor);
const inDays = (days: number) => new Date(now().getTime() + days * DAY).toISOString().slice(0, 10);
const content = (amounts: number[] = [20, 30]) => ({
  approach: '秘密的技术路线',
  milestones: amounts.map((amount, i) => ({ deliverable: `阶段${i + 1}`, dueDate: inDays(90 + i * 60), amount })),
  teamMembers: [{ name: '张教授', role: '负责人' }],
});
const need = (overrides: NeedOverrides = {}) =>
  insertNeed(database.db, { orgId: owner.org.id, userId: owner.user.id }, { status: 'published', bidDeadline: new Date(now().getTime() + 10 * DAY), ...overrides });

/** The error as a client sees it: code, message key, and the app data the formatter would send. */
async function errorOf(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: { code?: string; message?: string; cause?: { params?: unknown; fields?: unknown } }) => ({ code: e.code, message: e.message, params: e.cause?.params, fields: e.cause?.fields }),
  );
}
const NOT_FOUND = { code: 'NOT_FOUND', message: 'notFound', params: {}, fields: {} };

describe('another team learns nothing of a bid', () => {
  it('get by id, any revision, lists, counts, its own bid form: as if the bid did not exist', async () => {
    const n = await need();
    const { id } = await as(teamA.actor).bids.submit({ needId: n.id, content: content() });
    await as(teamA.actor).bids.revise({ bidId: id, content: content([25, 30]) });
    const b = as(teamB.actor);
    expect(await errorOf(b.bids.get({ bidId: id }))).toEqual(NOT_FOUND);
    expect(await errorOf(b.bids.get({ bidId: id, revision: 1 }))).toEqual(NOT_FOUND);
    // Indistinguishable from an id that exists nowhere.
    expect(await errorOf(b.bids.get({ bidId: crypto.randomUUID() }))).toEqual(NOT_FOUND);
    expect(await errorOf(b.bids.listForNeed({ needId: n.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(b.reviews.summary({ needId: n.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(b.reviews.bids({ needId: n.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(b.bids.withdraw({ bidId: id }))).toEqual(NOT_FOUND);
    expect(await errorOf(b.bids.revise({ bidId: id, content: content() }))).toEqual(NOT_FOUND);
    expect((await b.bids.listMine({})).items.map((x) => x.id)).not.toContain(id);
    const form = await b.bids.mineOnNeed({ needId: n.id });
    expect(form.bid).toBeNull();
    // B's own bid says nothing of A's: revision 1 of B's bid, no rank, no count.
    const mine = await b.bids.submit({ needId: n.id, content: content() });
    expect(Object.keys(mine).sort()).toEqual(['id', 'needId', 'revision', 'status', 'updatedAt']);
    expect(mine.revision).toBe(1);
    // The public need says nothing of bids either.
    expect(JSON.stringify(await as(teamB.actor).needs.get({ id: n.id }))).not.toMatch(/bid(s|Count)/i);
  });

  it('every member of the bidding team reads its bid, every revision', async () => {
    const n = await need();
    const { id } = await as(teamA.actor).bids.submit({ needId: n.id, content: content() });
    const bid = await as(teamAMember.actor).bids.get({ bidId: id });
    expect(bid.reader).toBe('team');
    expect(bid.revision.approach).toBe('秘密的技术路线');
  });
});

describe('the owner', () => {
  it('of an open need sees bids in competition before the deadline — never drafts or withdrawn bids', async () => {
    const n = await need({ mode: 'open' });
    const submitted = await insertBid(database.db, { orgId: teamA.org.id, userId: teamA.user.id }, n.id);
    const draft = await insertBid(database.db, { orgId: teamB.org.id, userId: teamB.user.id }, n.id, { status: 'draft' });
    const third = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const withdrawn = await insertBid(database.db, { orgId: third.org.id, userId: third.user.id }, n.id, { status: 'withdrawn' });
    for (const reader of [owner.actor, ownerMember.actor]) {
      const list = await as(reader).bids.listForNeed({ needId: n.id });
      expect(list.sealed).toBe(false);
      if (!list.sealed) expect(list.items.map((b) => b.id)).toEqual([submitted.id]);
      expect((await as(reader).bids.get({ bidId: submitted.id })).reader).toBe('owner');
      expect(await errorOf(as(reader).bids.get({ bidId: draft.id }))).toEqual(NOT_FOUND);
      expect(await errorOf(as(reader).bids.get({ bidId: withdrawn.id }))).toEqual(NOT_FOUND);
    }
  });

  it('of a jiebang list sees nothing before the deadline — not even the count — and everything after', async () => {
    const j = await need({ mode: 'jiebang' });
    // Through the API, so that the acts write their audit rows.
    const bidA = await as(teamA.actor).bids.submit({ needId: j.id, content: content([120, 80]) });
    await as(teamA.actor).bids.revise({ bidId: bidA.id, content: content([100, 100]) });
    const bidB = await as(teamB.actor).bids.submit({ needId: j.id, content: content([200]) });
    const o = as(owner.actor);
    const sealed = await o.bids.listForNeed({ needId: j.id });
    expect(sealed).toEqual({ sealed: true, sealedUntil: j.bidDeadline });
    const summary = await o.reviews.summary({ needId: j.id });
    expect(summary.sealed).toBe(true);
    expect(JSON.stringify(summary)).not.toMatch(/items|count|reviewers/);
    expect(await errorOf(o.bids.get({ bidId: bidA.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(o.reviews.giveFeedback({ bidId: bidA.id, code: 'budget', text: '预算超出范围。' }))).toEqual(NOT_FOUND);
    expect(await errorOf(o.reviews.award({ needId: j.id, winners: [bidA.id] }))).toMatchObject({ code: 'CONFLICT', message: 'reviews.notAwardable' });
    // The owner's audit log holds nothing of the bids either.
    const audit = await o.audit.list({ limit: 100 });
    const written = await as(teamA.actor).audit.list({ entityId: bidA.id, limit: 100 });
    expect(written.rows.map((r) => r.action)).toEqual(['bid.revise', 'bid.submit']);
    expect(JSON.stringify(audit)).not.toContain(bidA.id);
    expect(JSON.stringify(audit)).not.toContain(bidB.id);

    advanceClock(11 * DAY);
    const open = await o.bids.listForNeed({ needId: j.id });
    expect(open.sealed).toBe(false);
    if (!open.sealed) expect(open.items.map((b) => b.id).sort()).toEqual([bidA.id, bidB.id].sort());
    expect((await o.bids.get({ bidId: bidA.id })).reader).toBe('owner');
  });
});

describe('the bureau', () => {
  it('reads bids (withdrawn included, drafts never) only once bidding is over', async () => {
    const n = await need({ mode: 'open' });
    const submitted = await insertBid(database.db, { orgId: teamA.org.id, userId: teamA.user.id }, n.id);
    const withdrawn = await insertBid(database.db, { orgId: teamB.org.id, userId: teamB.user.id }, n.id, { status: 'withdrawn' });
    const third = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const draft = await insertBid(database.db, { orgId: third.org.id, userId: third.user.id }, n.id, { status: 'draft' });
    const b = as(bureau.actor);
    expect(await b.bids.listForNeed({ needId: n.id })).toEqual({ sealed: true, sealedUntil: n.bidDeadline });
    expect(await errorOf(b.bids.get({ bidId: submitted.id }))).toEqual(NOT_FOUND);
    advanceClock(11 * DAY);
    const list = await b.bids.listForNeed({ needId: n.id });
    if (list.sealed) throw new Error('expected bids');
    expect(list.items.map((x) => x.id).sort()).toEqual([submitted.id, withdrawn.id].sort());
    expect((await b.bids.get({ bidId: withdrawn.id })).reader).toBe('bureau');
    expect(await errorOf(b.bids.get({ bidId: draft.id }))).toEqual(NOT_FOUND);
  });

  it('of an open need closed early reads its bids at once (bidding is over)', async () => {
    const n = await need({ mode: 'open', status: 'closed' });
    const bid = await insertBid(database.db, { orgId: teamA.org.id, userId: teamA.user.id }, n.id);
    expect((await as(bureau.actor).bids.get({ bidId: bid.id })).reader).toBe('bureau');
  });
});

describe('reviewers', () => {
  async function invited(n: { id: string }, who: Party | Awaited<ReturnType<typeof insertMember>> = reviewerOrg) {
    const inv = await as(owner.actor).reviews.invite({ needId: n.id, userId: who.user.id });
    return inv.id;
  }

  it('read nothing before declaring no conflict, and nothing with a conflict', async () => {
    const n = await need({ mode: 'open' });
    const bid = await insertBid(database.db, { orgId: teamA.org.id, userId: teamA.user.id }, n.id);
    const expert = await insertMember(database.db, reviewerOrg.org, 'member');
    const invitationId = await invited(n, expert);
    const r = as(expert.actor);
    expect(await errorOf(r.reviews.bids({ needId: n.id }))).toMatchObject({ code: 'PRECONDITION_FAILED', message: 'reviews.coiRequired' });
    expect(await errorOf(r.bids.get({ bidId: bid.id }))).toEqual(NOT_FOUND);
    await r.reviews.declare({ invitationId, hasConflict: false });
    expect((await r.bids.get({ bidId: bid.id })).reader).toBe('reviewer');
    const list = await r.reviews.bids({ needId: n.id });
    if (list.sealed) throw new Error('not sealed');
    expect(list.items.map((x) => x.id)).toEqual([bid.id]);
    await r.reviews.declare({ invitationId, hasConflict: true, text: '曾与该团队合作' });
    expect(await errorOf(r.reviews.bids({ needId: n.id }))).toMatchObject({ code: 'FORBIDDEN', message: 'reviews.excluded' });
    expect(await errorOf(r.bids.get({ bidId: bid.id }))).toEqual(NOT_FOUND);
  });

  it('of a jiebang list see bids only after the deadline', async () => {
    const j = await need({ mode: 'jiebang' });
    const bid = await insertBid(database.db, { orgId: teamA.org.id, userId: teamA.user.id }, j.id, { milestones: defaultMilestones(200) });
    const expert = await insertMember(database.db, reviewerOrg.org, 'member');
    const invitationId = await invited(j, expert);
    const r = as(expert.actor);
    await r.reviews.declare({ invitationId, hasConflict: false });
    const sealed = await r.reviews.bids({ needId: j.id });
    expect(sealed).toMatchObject({ sealed: true, sealedUntil: j.bidDeadline });
    expect(JSON.stringify(sealed)).not.toContain(bid.id);
    expect(await errorOf(r.bids.get({ bidId: bid.id }))).toEqual(NOT_FOUND);
    advanceClock(11 * DAY);
    expect((await r.bids.get({ bidId: bid.id })).reader).toBe('reviewer');
  });

  it('from a bidding organisation are excluded whatever they declared; uninvited and revoked users see nothing', async () => {
    const n = await need({ mode: 'open' });
    const bidA = await insertBid(database.db, { orgId: teamA.org.id, userId: teamA.user.id }, n.id);
    await insertBid(database.db, { orgId: teamB.org.id, userId: teamB.user.id }, n.id);
    const rival = await insertMember(database.db, teamB.org, 'member');
    const rivalInvitation = await invited(n, rival);
    await as(rival.actor).reviews.declare({ invitationId: rivalInvitation, hasConflict: false });
    expect(await errorOf(as(rival.actor).bids.get({ bidId: bidA.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(as(rival.actor).reviews.bids({ needId: n.id }))).toMatchObject({ code: 'FORBIDDEN', message: 'reviews.excluded' });

    const stranger = await insertMember(database.db, reviewerOrg.org, 'member');
    expect(await errorOf(as(stranger.actor).reviews.bids({ needId: n.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(as(stranger.actor).bids.get({ bidId: bidA.id }))).toEqual(NOT_FOUND);

    const revoked = await insertMember(database.db, reviewerOrg.org, 'member');
    const revokedInvitation = await invited(n, revoked);
    await as(revoked.actor).reviews.declare({ invitationId: revokedInvitation, hasConflict: false });
    expect((await as(revoked.actor).bids.get({ bidId: bidA.id })).reader).toBe('reviewer');
    await as(owner.actor).reviews.revoke({ invitationId: revokedInvitation });
    expect(await errorOf(as(revoked.actor).bids.get({ bidId: bidA.id }))).toEqual(NOT_FOUND);
    expect(await errorOf(as(revoked.actor).reviews.bids({ needId: n.id }))).toEqual(NOT_FOUND);
  });
});

describe('files attached to a bid', () => {
  it('open to whoever may read the bid citing them, and to nobody else', async () => {
    const n = await need({ mode: 'open' });
    const [file] = await database.db
      .insert(attachments)
      .values({
        ownerOrgId: teamA.org.id,
        storageKey: `k${crypto.randomUUID().replace(/-/g, '')}`,
        originalName: '技术方案.pdf',
        contentType: 'application/pdf',
        size: 10,
        sha256: '0'.repeat(64),
        createdAt: now(),
      })
      .returning();
    if (!file) throw new Error('setup');
    await as(teamA.actor).bids.submit({ needId: n.id, content: { ...content(), attachmentIds: [file.id] } });
    const may = (actor: Actor) => canReadBidAttachment(database.db, actor, file.id);
    expect(await may(owner.actor)).toBe(true);
    expect(await may(teamAMember.actor)).toBe(true);
    expect(await may(teamB.actor)).toBe(false);
    expect(await may(bureau.actor)).toBe(false);
    expect(await canReadBidAttachment(database.db, null, file.id)).toBe(false);
    advanceClock(11 * DAY);
    expect(await may(bureau.actor)).toBe(true);
  });
});
