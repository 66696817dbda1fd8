import { discardDraft, getBid, listBidsForNeed, listMyBids, myBidOnNeed, reviseBid, saveDraft, submitBid, withdrawBid } from '../bids/bids';
import { bidIdInput, getBidInput, listMyBidsInput, needIdInput, reviseBidInput, saveDraftInput, submitBidInput } from '../bids/inputs';
import { memberProcedure, permittedProcedure, router } from '../trpc';

export const bidsRouter = router({
  /** Creates or edits the team's draft on a need (any member; pending teams may prepare too). */
  saveDraft: permittedProcedure('bid.draft')
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.actor, input.needId, input.content)),

  /** Submits the team's bid (new, its draft, or a withdrawn one entered again) before the deadline. */
  submit: permittedProcedure('bid.submit')
    .input(submitBidInput)
    .mutation(({ ctx, input }) => submitBid(ctx.db, ctx.actor, input.needId, input.content)),

  /** A new revision of the team's submitted bid, before the deadline. */
  revise: permittedProcedure('bid.revise')
    .input(reviseBidInput)
    .mutation(({ ctx, input }) => reviseBid(ctx.db, ctx.actor, input.bidId, input.content)),

  /** Takes the team's bid out of the competition, before the deadline. */
  withdraw: permittedProcedure('bid.withdraw')
    .input(bidIdInput)
    .mutation(({ ctx, input }) => withdrawBid(ctx.db, ctx.actor, input.bidId)),

  /** Drops the team's draft. */
  discardDraft: permittedProcedure('bid.draft')
    .input(bidIdInput)
    .mutation(({ ctx, input }) => discardDraft(ctx.db, ctx.actor, input.bidId)),

  /** One bid, for whoever access.ts lets read it (team, owner, bureau, reviewer); anyone else NOT_FOUND. */
  get: memberProcedure.input(getBidInput).query(({ ctx, input }) => getBid(ctx.db, ctx.actor, input.bidId, input.revision)),

  /** The team's own bids. */
  listMine: permittedProcedure('bid.readOwn')
    .input(listMyBidsInput)
    .query(({ ctx, input }) => listMyBids(ctx.db, ctx.actor, input)),

  /** The team's bid on one need (or null) and what it may do now. */
  mineOnNeed: permittedProcedure('bid.readOwn')
    .input(needIdInput)
    .query(({ ctx, input }) => myBidOnNeed(ctx.db, ctx.actor, input.needId)),

  /** The bids of a need for its owner or the bureau (sealed `jiebang` lists answer with the deadline only). */
  listForNeed: memberProcedure.input(needIdInput).query(({ ctx, input }) => listBidsForNeed(ctx.db, ctx.actor, input.needId)),
});
