import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidFeedback, bids, needs } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { biddingOver, sealedFromEvaluators } from '../bids/access';
import { COMPETING } from '../bids/states';
import { now } from '../clock';
import { conflict, notFound } from '../errors';
import { inTransaction } from '../transaction';
import type { FeedbackInput } from './inputs';

/**
 * 未中标反馈 (SPEC §3): the owner's coded feedback (budget, approach, timing, capability, other + a
 * sentence) to a bid it will not award. Written during the evaluation and editable until the award, which
 * refuses to become final while a bid it does not award has none; the team reads it once the award is made.
 */

type NeedRow = typeof needs.$inferSelect;
type BidRow = typeof bids.$inferSelect;

/**
 * Writes (or replaces) the feedback of one bid inside `tx`; the caller has checked the owner, the need
 * and that the bid is in competition. The audit row is the owner's record, not the team's: the team must
 * not read its feedback in its audit log before the award.
 */
export async function writeFeedback(tx: Db, actor: MemberActor, need: NeedRow, bid: BidRow, input: Omit<FeedbackInput, 'bidId'>) {
  const at = now();
  const [before] = await tx.select().from(bidFeedback).where(eq(bidFeedback.bidId, bid.id)).for('update');
  const [row] = await tx
    .insert(bidFeedback)
    .values({ bidId: bid.id, code: input.code, text: input.text, authorUserId: actor.userId, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: bidFeedback.bidId, set: { code: input.code, text: input.text, authorUserId: actor.userId, updatedAt: at } })
    .returning();
  if (!row) throw new Error('feedback write returned no row');
  await audit(tx, actor, {
    action: 'bid.feedback',
    entityType: 'bid',
    entityId: bid.id,
    orgId: need.ownerOrgId,
    before: before ? { code: before.code, text: before.text } : null,
    after: { code: row.code, text: row.text },
  });
  return { bidId: row.bidId, code: row.code, text: row.text, updatedAt: row.updatedAt };
}

/** The owner's feedback to one bid, once bidding is over and before the award. */
export async function giveFeedback(db: Db, actor: MemberActor, input: FeedbackInput) {
  return inTransaction(db, async (tx) => {
    const [found] = await tx
      .select({ bid: bids, need: needs })
      .from(bids)
      .innerJoin(needs, eq(needs.id, bids.needId))
      .where(and(eq(bids.id, input.bidId), eq(needs.ownerOrgId, actor.org.id)))
      .for('update');
    // Bids the owner cannot see (drafts, withdrawn, sealed) are NOT_FOUND, like bids that do not exist.
    if (!found || !COMPETING.includes(found.bid.status) || sealedFromEvaluators(found.need)) {
      if (found && (found.bid.status === 'awarded' || found.bid.status === 'not_awarded')) throw conflict('reviews.alreadyAwarded');
      throw notFound();
    }
    const { bid, need } = found;
    if (!biddingOver(need)) throw conflict('reviews.biddingStillOpen');
    if (need.status !== 'closed' && need.status !== 'evaluating') throw conflict('reviews.needNotReviewable', { status: need.status });
    return writeFeedback(tx, actor, need, bid, input);
  });
}
