import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidFeedback, bids, bidScores, contracts, needs, reviewInvitations } from '@/db/schema';
import { insertBid } from '../bids/factories';
import { now } from '../clock';
import { insertNeed } from '../needs/factories';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/**
 * Organisation A (a verified enterprise) owns a need whose bidding is over, with two teams' bids, an
 * invited reviewer R (who declared no conflict) and R's score. The walker's outsider (another verified
 * enterprise) and pending outsider (a pending research team) must neither see nor change any of it.
 */
async function reviewOfA(db: Db) {
  const a = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const need = await insertNeed(db, { orgId: a.org.id, userId: a.user.id }, { status: 'evaluating', closedAt: now(), evaluationStartedAt: now() });
  const t1 = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  const t2 = await insertOrgWithOwner(db, { kind: 'research_team', status: 'verified' });
  const bid = await insertBid(db, { orgId: t1.org.id, userId: t1.user.id }, need.id);
  const other = await insertBid(db, { orgId: t2.org.id, userId: t2.user.id }, need.id);
  const expertOrg = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
  const reviewer = await insertMember(db, expertOrg.org, 'member');
  const at = now();
  const [invitation] = await db
    .insert(reviewInvitations)
    .values({ needId: need.id, reviewerUserId: reviewer.user.id, invitedBy: a.user.id, invitedAt: at, coiStatus: 'none', coiDeclaredAt: at })
    .returning();
  if (!invitation) throw new Error('insert invitation failed');
  await db.insert(bidScores).values({
    invitationId: invitation.id,
    bidId: bid.id,
    needId: need.id,
    scores: { technical: 30, team: 15, price: 15, credit: 15 },
    total: '75.00',
    createdAt: at,
    updatedAt: at,
  });
  return { a, need, bid, other, invitation, snapshot: reviewSnapshot(db, need.id) };
}

/** What A sees of its need's review. */
function reviewSnapshot(db: Db, needId: string) {
  return async () => {
    const [need] = await db.select().from(needs).where(eq(needs.id, needId));
    const bidRows = await db.select().from(bids).where(eq(bids.needId, needId));
    const ids = bidRows.map((b) => b.id);
    const feedback = ids.length ? await db.select().from(bidFeedback).where(inArray(bidFeedback.bidId, ids)) : [];
    const scores = await db.select().from(bidScores).where(eq(bidScores.needId, needId));
    const invitations = await db.select().from(reviewInvitations).where(eq(reviewInvitations.needId, needId));
    const contractRows = await db.select().from(contracts).where(eq(contracts.needId, needId));
    return { need, bidRows, feedback, scores, invitations, contractRows };
  };
}

export const refusals: RefusalTable = {
  'reviews.invite': {
    async setup(db) {
      const { need, snapshot } = await reviewOfA(db);
      const someone = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
      return { input: { needId: need.id, userId: someone.user.id }, snapshot };
    },
  },
  'reviews.revoke': {
    async setup(db) {
      const { invitation, snapshot } = await reviewOfA(db);
      return { input: { invitationId: invitation.id }, snapshot };
    },
  },
  'reviews.reviewers': {
    async setup(db) {
      const { need, snapshot } = await reviewOfA(db);
      return { input: { needId: need.id }, snapshot };
    },
  },
  'reviews.startEvaluation': {
    async setup(db) {
      const a = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified' });
      const need = await insertNeed(db, { orgId: a.org.id, userId: a.user.id }, { status: 'closed', closedAt: now() });
      return { input: { needId: need.id }, snapshot: reviewSnapshot(db, need.id) };
    },
  },
  'reviews.mine': {
    // The caller's own invitations (none): never R's.
    allowed: ['outsider'],
    async setup(db) {
      const { snapshot } = await reviewOfA(db);
      return { input: undefined, snapshot };
    },
  },
  'reviews.declare': {
    async setup(db) {
      const { invitation, snapshot } = await reviewOfA(db);
      return { input: { invitationId: invitation.id, hasConflict: true, text: '外人声明' }, snapshot };
    },
  },
  'reviews.bids': {
    async setup(db) {
      const { need, snapshot } = await reviewOfA(db);
      return { input: { needId: need.id }, snapshot };
    },
  },
  'reviews.score': {
    async setup(db) {
      const { bid, snapshot } = await reviewOfA(db);
      return { input: { bidId: bid.id, scores: { technical: 1, team: 1, price: 1, credit: 1 } }, snapshot };
    },
  },
  'reviews.summary': {
    async setup(db) {
      const { need, snapshot } = await reviewOfA(db);
      return { input: { needId: need.id }, snapshot };
    },
  },
  'reviews.giveFeedback': {
    async setup(db) {
      const { other, snapshot } = await reviewOfA(db);
      return { input: { bidId: other.id, code: 'other', text: '外人的反馈。' }, snapshot };
    },
  },
  'reviews.award': {
    async setup(db) {
      const { need, bid, other, snapshot } = await reviewOfA(db);
      return { input: { needId: need.id, winners: [bid.id], feedback: [{ bidId: other.id, code: 'other', text: '外人的反馈。' }] }, snapshot };
    },
  },
};
