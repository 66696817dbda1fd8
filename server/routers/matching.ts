import { inviteToBidInput, needInvitationInput, needMatchesInput, recommendationsInput } from '../matching/inputs';
import { declineInvitation, invitationOf, inviteToBid, matchesForNeed, recommendedNeeds } from '../matching/matches';
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

  /** The actor's team's invitation to bid on a need, and its answer (null when not invited). */
  invitation: permittedProcedure('match.recommendations')
    .input(needInvitationInput)
    .query(({ ctx, input }) => invitationOf(ctx.db, ctx.actor, input)),

  /** The invited team declines the invitation (bidding answers it too); its answer counts as responsiveness. */
  decline: permittedProcedure('match.decline')
    .input(needInvitationInput)
    .mutation(({ ctx, input }) => declineInvitation(ctx.db, ctx.actor, input)),
});
