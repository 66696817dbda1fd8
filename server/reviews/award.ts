import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bidFeedback, bidRevisions, bids, memberships, reviewInvitations } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { actorCan } from '../bids/access';
import { applyBidEvent, COMPETING } from '../bids/states';
import { now } from '../clock';
import { createContractFromBid } from '../contracts/create';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { applyNeedEvent, fireNeedEvent } from '../needs/states';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { writeFeedback } from './feedback';
import type { AwardInput } from './inputs';
import { ownNeed } from './invitations';

/**
 * 中标 (SPEC §3): the owner awards one bid (`open`, `jiebang`) or 2–3 (`horse_race`, up to the need's award
 * count). No bid ends in silence: every bid in competition that is not awarded must carry coded feedback
 * — written before, or passed in this call — or the award is refused and nothing changes. In ONE
 * transaction: the need moves (closed → evaluating if the owner had not opened evaluation, then →
 * awarded, through the need's state machine), each winner's bid → awarded and its contract is created
 * (server/contracts), every other bid in competition → not_awarded, each with its audit row. The teams and
 * the reviewers are told after commit.
 */

/** The owner opens the evaluation of a closed need (closed → evaluating) without waiting for a first score. */
export const startEvaluation = (db: Db, actor: Actor, needId: string) => fireNeedEvent(db, actor, needId, 'startEvaluation');

export async function awardNeed(db: Db, actor: MemberActor, input: AwardInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    let need = await ownNeed(tx, actor, input.needId, true);
    if (!actorCan(actor, 'need.award')) throw new AppError('FORBIDDEN', actor.org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
    if (need.status !== 'closed' && need.status !== 'evaluating') throw conflict('reviews.notAwardable', { status: need.status });

    const live = await tx
      .select()
      .from(bids)
      .where(and(eq(bids.needId, need.id), inArray(bids.status, [...COMPETING])))
      .for('update');
    const byId = new Map(live.map((b) => [b.id, b]));
    // Ids outside the bids in competition (withdrawn, drafts, another need's) are NOT_FOUND, as the owner never saw them.
    for (const id of [...input.winners, ...input.feedback.map((f) => f.bidId)]) if (!byId.has(id)) throw notFound();

    const [min, max] = need.mode === 'horse_race' ? [2, Math.max(2, need.awardCount)] : [1, 1];
    if (input.winners.length < min || input.winners.length > max) {
      throw badRequest('reviews.winnerCount', { winners: 'v.review.winnerCount' }, { min, max });
    }
    const winners = new Set(input.winners);
    if (input.feedback.some((f) => winners.has(f.bidId))) throw badRequest('reviews.feedbackForWinner', { feedback: 'v.review.feedbackForWinner' });
    const seen = new Set<string>();
    for (const f of input.feedback) {
      if (seen.has(f.bidId)) throw badRequest('reviews.feedbackDuplicate', { feedback: 'v.review.feedbackDuplicate' });
      seen.add(f.bidId);
    }
    const losers = live.filter((b) => !winners.has(b.id));
    const written = losers.length
      ? await tx
          .select({ bidId: bidFeedback.bidId })
          .from(bidFeedback)
          .where(
            inArray(
              bidFeedback.bidId,
              losers.map((b) => b.id),
            ),
          )
      : [];
    const hasFeedback = new Set([...written.map((w) => w.bidId), ...seen]);
    const missing = losers.filter((b) => !hasFeedback.has(b.id));
    if (missing.length > 0) {
      throw badRequest('reviews.feedbackMissing', { feedback: 'v.review.feedbackMissing' }, { count: missing.length, bids: missing.map((b) => b.id).join(',') });
    }

    if (need.status === 'closed') need = await applyNeedEvent(tx, afterCommit, actor, need, 'startEvaluation');
    for (const f of input.feedback) {
      const bid = byId.get(f.bidId);
      if (bid) await writeFeedback(tx, actor, need, bid, f);
    }
    need = await applyNeedEvent(tx, afterCommit, actor, need, 'award');

    const at = now();
    const contracts: { bidId: string; contractId: string }[] = [];
    for (const id of input.winners) {
      const bid = byId.get(id);
      if (!bid?.currentRevisionId) throw notFound();
      const [revision] = await tx.select().from(bidRevisions).where(eq(bidRevisions.id, bid.currentRevisionId));
      if (!revision) throw notFound();
      await applyBidEvent(tx, actor, need, bid, 'award', { set: { decidedAt: at }, details: { revision: revision.number } });
      // The contract holds the current revision's milestones and price (server/contracts reads them).
      const contract = await createContractFromBid(tx, actor, { needId: need.id, bidId: bid.id, fundingMode: input.fundingMode });
      contracts.push({ bidId: bid.id, contractId: contract.id });
    }
    for (const bid of losers) await applyBidEvent(tx, actor, need, bid, 'decline', { set: { decidedAt: at } });

    const codes = losers.length
      ? await tx
          .select({ bidId: bidFeedback.bidId, code: bidFeedback.code })
          .from(bidFeedback)
          .where(
            inArray(
              bidFeedback.bidId,
              losers.map((b) => b.id),
            ),
          )
      : [];
    await audit(tx, actor, {
      action: 'review.award',
      entityType: 'need',
      entityId: need.id,
      orgId: need.ownerOrgId,
      after: { winners: input.winners, contracts, notAwarded: codes, fundingMode: input.fundingMode },
    });

    const payload = { needId: need.id, title: need.title };
    const teamMembers = async (orgId: string) =>
      (await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, orgId))).map((m) => m.userId);
    for (const id of input.winners) {
      const bid = byId.get(id);
      if (bid) await notify(tx, afterCommit, await teamMembers(bid.orgId), 'bid.awarded', payload, `/bids/${bid.id}`);
    }
    for (const bid of losers) await notify(tx, afterCommit, await teamMembers(bid.orgId), 'bid.notAwarded', payload, `/bids/${bid.id}`);
    const reviewers = await tx
      .select({ userId: reviewInvitations.reviewerUserId })
      .from(reviewInvitations)
      .where(and(eq(reviewInvitations.needId, need.id), isNull(reviewInvitations.revokedAt)));
    await notify(
      tx,
      afterCommit,
      reviewers.map((r) => r.userId).filter((u) => u !== actor.userId),
      'review.needAwarded',
      payload,
      `/reviews`,
    );
    return { needId: need.id, status: need.status, contracts };
  });
}
