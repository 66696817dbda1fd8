import { awardNeed, startEvaluation } from '../reviews/award';
import { giveFeedback } from '../reviews/feedback';
import {
  awardInput,
  declareCoiInput,
  feedbackInput,
  invitationIdInput,
  inviteReviewerInput,
  needIdInput,
  scoreBidInput,
} from '../reviews/inputs';
import { declareCoi, inviteReviewer, listReviewers, myInvitations, revokeReviewer } from '../reviews/invitations';
import { reviewerBids, scoreBid } from '../reviews/scoring';
import { evaluationSummary } from '../reviews/summary';
import { memberProcedure, permittedProcedure, router } from '../trpc';

export const reviewsRouter = router({
  /** The owner invites a platform user (id or email) to review a need. */
  invite: permittedProcedure('review.manage')
    .input(inviteReviewerInput)
    .mutation(({ ctx, input }) => inviteReviewer(ctx.db, ctx.actor, input)),

  /** The owner withdraws an invitation before the award. */
  revoke: permittedProcedure('review.manage')
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => revokeReviewer(ctx.db, ctx.actor, input.invitationId)),

  /** The owner's list of a need's reviewers and their declarations. */
  reviewers: permittedProcedure('bid.readReceived')
    .input(needIdInput)
    .query(({ ctx, input }) => listReviewers(ctx.db, ctx.actor, input.needId)),

  /** closed → evaluating, opened by the owner. */
  startEvaluation: permittedProcedure('need.evaluate')
    .input(needIdInput)
    .mutation(async ({ ctx, input }) => {
      const need = await startEvaluation(ctx.db, ctx.actor, input.needId);
      return { id: need.id, status: need.status, updatedAt: need.updatedAt };
    }),

  /** The signed-in reviewer's invitations. */
  mine: permittedProcedure('review.score').query(({ ctx }) => myInvitations(ctx.db, ctx.actor)),

  /** The reviewer's conflict-of-interest declaration. */
  declare: permittedProcedure('review.score')
    .input(declareCoiInput)
    .mutation(({ ctx, input }) => declareCoi(ctx.db, ctx.actor, input)),

  /** The bids a reviewer scores (after declaring no conflict; `jiebang`: after the deadline). */
  bids: permittedProcedure('review.score')
    .input(needIdInput)
    .query(({ ctx, input }) => reviewerBids(ctx.db, ctx.actor, input.needId)),

  /** Saves the reviewer's score of one bid (editable until the award). */
  score: permittedProcedure('review.score')
    .input(scoreBidInput)
    .mutation(({ ctx, input }) => scoreBid(ctx.db, ctx.actor, input)),

  /** Per-bid averages and spread, for the owner (and the bureau once bidding is over). */
  summary: memberProcedure.input(needIdInput).query(({ ctx, input }) => evaluationSummary(ctx.db, ctx.actor, input.needId)),

  /** The owner's coded feedback to a bid it will not award. */
  giveFeedback: permittedProcedure('bid.feedback')
    .input(feedbackInput)
    .mutation(({ ctx, input }) => giveFeedback(ctx.db, ctx.actor, input)),

  /** Awards one bid (2–3 in a horse race); refused until every other bid has feedback. */
  award: permittedProcedure('need.award')
    .input(awardInput)
    .mutation(({ ctx, input }) => awardNeed(ctx.db, ctx.actor, input)),
});
