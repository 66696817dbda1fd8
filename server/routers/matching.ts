import { inviteToBidInput, needMatchesInput, recommendationsInput } from '../matching/inputs';
import { inviteToBid, matchesForNeed, recommendedNeeds } from '../matching/matches';
import { permittedProcedure, router } from '../trpc';

export const matchingRouter = router({
  /** Ranked teams for a need with score and 匹配理由: its owner's organisation and the bureau only. */
  forNeed: permittedProcedure('match.read')
    .input(needMatchesInput)
    .query(({ ctx, input }) => matchesForNeed(ctx.db, ctx.actor, input)),

  /** The owner invites a matched team to bid on its published need (notification, and a message if written). */
  invite: permittedProcedure('match.invite')
    .input(inviteToBidInput)
    .mutation(({ ctx, input }) => inviteToBid(ctx.db, ctx.actor, input)),

  /** Open needs recommended for the actor's research team. */
  recommendations: permittedProcedure('match.recommendations')
    .input(recommendationsInput)
    .query(({ ctx, input }) => recommendedNeeds(ctx.db, ctx.actor, input)),
});
