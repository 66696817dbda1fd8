import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { bids as bidsTable, bidScores, needs, reviewInvitations } from '@/db/schema';
import type { Actor } from '../actor';
import { advanceClock, now, resetClock } from '../clock';
import { ANSWER_WINDOW_DAYS, DAY_MS } from '../contracts/states';
import { contractFixture, contractSnapshot, endDirectly, insertAwardedNeed, insertBureau, insertColleague, insertSubmittedBid, milestonesOf } from '../contracts/test-fixtures';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());
afterEach(() => resetClock());

async function kinds(actor: Actor) {
  return (await callerFor(db, actor).inbox.list()).items.map((i) => i.kind);
}

describe('inbox: what waits for each actor', () => {
  it('follows a contract: the team delivers, the client reviews and pays, escalation opens after 14 days; outsiders see none of it', async () => {
    const fx = await contractFixture(db, { amounts: [20, 40] });
    const [m1, m2] = (await contractSnapshot(db, fx.contract.id)).milestones;
    if (!m1 || !m2) throw new Error('two milestones expected');
    const team = callerFor(db, fx.team.actor);
    const client = callerFor(db, fx.client.actor);
    const outsider = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const clientMember = await insertColleague(db, fx.client, 'member');

    let teamItems = (await team.inbox.list()).items;
    expect(teamItems.filter((i) => i.kind === 'milestone.deliver').map((i) => ('milestoneId' in i ? i.milestoneId : null))).toEqual([m1.id, m2.id]);

    await team.contracts.submitDelivery({ milestoneId: m1.id, note: '第一阶段成果。', attachmentIds: [] });
    const clientItems = (await client.inbox.list()).items;
    expect(clientItems).toEqual([expect.objectContaining({ kind: 'milestone.review', milestoneId: m1.id, seq: 1, subject: fx.contract.subject })]);
    // A plain member reads the contract but does not review: nothing waits for them.
    expect(await kinds(clientMember.actor)).toEqual([]);
    expect(await kinds(outsider.actor)).toEqual([]);
    teamItems = (await team.inbox.list()).items;
    expect(teamItems.map((i) => i.kind)).toEqual(['milestone.deliver']);

    advanceClock(ANSWER_WINDOW_DAYS * DAY_MS);
    expect(await kinds(fx.team.actor)).toEqual(['milestone.deliver', 'milestone.escalate']);
    resetClock();

    await client.contracts.acceptMilestone({ milestoneId: m1.id });
    expect((await client.inbox.list()).items).toEqual([expect.objectContaining({ kind: 'payment.due', milestoneId: m1.id, amount: '20.00' })]);
  });

  it('ratings to give: each side until it has rated (the other side’s item does not move when one rates)', async () => {
    const fx = await contractFixture(db);
    await endDirectly(db, fx.contract.id);
    expect(await kinds(fx.client.actor)).toContain('rating.give');
    const teamBefore = await callerFor(db, fx.team.actor).inbox.list();
    expect(teamBefore.items.map((i) => i.kind)).toContain('rating.give');
    await callerFor(db, fx.client.actor).contracts.rate({ contractId: fx.contract.id, quality: 5, timeliness: 5, communication: 5, wouldContractAgain: 10, comment: '' });
    expect(await kinds(fx.client.actor)).not.toContain('rating.give');
    expect(await callerFor(db, fx.team.actor).inbox.list()).toEqual(teamBefore);
  });

  it('the bureau: disputes to rule and organisations to verify', async () => {
    const bureau = await insertBureau(db);
    const pending = await insertOrgWithOwner(db, { kind: 'research_team', status: 'pending' });
    const fx = await contractFixture(db);
    const raised = await callerFor(db, fx.client.actor).contracts.raiseDispute({ contractId: fx.contract.id, reason: '乙方进度滞后。' });
    const items = (await callerFor(db, bureau.actor).inbox.list()).items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'dispute.rule', disputeId: raised.dispute.id, disputeKind: 'dispute' }),
        expect.objectContaining({ kind: 'org.verify', orgId: pending.org.id }),
      ]),
    );
  });

  it('reviewers: declare conflicts first, then score what is left; owners: bids to evaluate', async () => {
    const owner = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
    const need = await insertAwardedNeed(db, owner);
    await db.update(needs).set({ status: 'closed', awardedAt: null }).where(eq(needs.id, need.id));
    const teams = [await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' }), await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' })];
    const bids = [];
    for (const t of teams) bids.push(await insertSubmittedBid(db, t, need.id, milestonesOf([30])));
    // In competition (the fixture's bids are already awarded).
    for (const b of bids) await db.update(bidsTable).set({ status: 'submitted' }).where(eq(bidsTable.id, b.id));
    const expert = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
    const [invitation] = await db
      .insert(reviewInvitations)
      .values({ needId: need.id, reviewerUserId: expert.user.id, invitedBy: owner.user.id, invitedAt: now() })
      .returning();
    if (!invitation) throw new Error('invitation expected');

    expect((await callerFor(db, expert.actor).inbox.list()).items).toEqual([expect.objectContaining({ kind: 'review.declareCoi', needId: need.id })]);
    await db.update(reviewInvitations).set({ coiStatus: 'none', coiDeclaredAt: now() }).where(eq(reviewInvitations.id, invitation.id));
    expect((await callerFor(db, expert.actor).inbox.list()).items).toEqual([expect.objectContaining({ kind: 'review.score', needId: need.id, pending: 2 })]);
    const [first] = bids;
    if (!first) throw new Error('bid expected');
    await db.insert(bidScores).values({ invitationId: invitation.id, bidId: first.id, needId: need.id, scores: { technical: 30 }, total: '30.00', createdAt: now(), updatedAt: now() });
    expect((await callerFor(db, expert.actor).inbox.list()).items).toEqual([expect.objectContaining({ kind: 'review.score', pending: 1 })]);

    expect((await callerFor(db, owner.actor).inbox.list()).items).toEqual([expect.objectContaining({ kind: 'need.evaluate', needId: need.id, bids: 2 })]);
    // A bidding team's own members are not asked to evaluate anything.
    expect(await kinds(teams[0]?.actor ?? owner.actor)).toEqual([]);
  });
});
