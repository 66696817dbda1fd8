import { removeNeedAttachment } from '../files/attachments';
import { acceptNda, annexLog, openAnnex } from '../needs/annex';
import {
  cancelNeedInput,
  createDraftInput,
  listMineInput,
  needIdInput,
  searchNeedsInput,
  updateDraftInput,
} from '../needs/inputs';
import { cancelNeed, closeNeedEarly, createDraft, getNeed, listMyNeeds, publishNeed, updateDraft } from '../needs/needs';
import { marketStats } from '../needs/stats';
import { searchNeeds } from '../search/search';
import { permittedProcedure, publicProcedure, router } from '../trpc';

const summary = (row: { id: string; status: string; updatedAt: Date }) => ({ id: row.id, status: row.status, updatedAt: row.updatedAt });

export const needsRouter = router({
  /** Starts a draft need for the actor's organisation (pending organisations may prepare drafts). */
  createDraft: permittedProcedure('need.draft')
    .input(createDraftInput)
    .mutation(async ({ ctx, input }) => summary(await createDraft(ctx.db, ctx.actor, input))),

  /** Replaces the fields of one of the organisation's drafts. */
  updateDraft: permittedProcedure('need.draft')
    .input(updateDraftInput)
    .mutation(async ({ ctx, input }) => summary(await updateDraft(ctx.db, ctx.actor, input.id, input.fields))),

  /** draft → published (verified organisation, deadline ahead, budget or bounty set). */
  publish: permittedProcedure('need.publish')
    .input(needIdInput)
    .mutation(async ({ ctx, input }) => summary(await publishNeed(ctx.db, ctx.actor, input.id))),

  /** → cancelled, from any state before award. */
  cancel: permittedProcedure('need.cancel')
    .input(cancelNeedInput)
    .mutation(async ({ ctx, input }) => summary(await cancelNeed(ctx.db, ctx.actor, input.id, input.reason))),

  /** published → closed before the deadline (`open` needs only). */
  close: permittedProcedure('need.close')
    .input(needIdInput)
    .mutation(async ({ ctx, input }) => summary(await closeNeedEarly(ctx.db, ctx.actor, input.id))),

  /** One need: the public view for anyone (published needs), the full view for its organisation. */
  get: publicProcedure.input(needIdInput).query(({ ctx, input }) => getNeed(ctx.db, ctx.actor, input.id)),

  /** The organisation's own needs, drafts included. */
  listMine: permittedProcedure('need.readOwn')
    .input(listMineInput)
    .query(({ ctx, input }) => listMyNeeds(ctx.db, ctx.actor, input)),

  /** Chinese full-text search over published needs, with filters and highlighted matches. */
  search: publicProcedure.input(searchNeedsInput).query(({ ctx, input }) => searchNeeds(ctx.db, input)),

  /** The market's key figures for the home page (counts and the transaction volume; names nothing). */
  stats: publicProcedure.query(({ ctx }) => marketStats(ctx.db)),

  /** A research team accepts a need's NDA for its organisation (then its members may open the annex). */
  acceptNda: permittedProcedure('need.acceptNda')
    .input(needIdInput)
    .mutation(({ ctx, input }) => acceptNda(ctx.db, ctx.actor, input.id)),

  /** The confidential annex; logged when opened by anyone but the owner. */
  openAnnex: permittedProcedure('need.openAnnex')
    .input(needIdInput)
    .mutation(({ ctx, input }) => openAnnex(ctx.db, ctx.actor, input.id)),

  /** For the owner: NDA acceptances and annex openings. */
  annexLog: permittedProcedure('need.readAnnexLog')
    .input(needIdInput)
    .query(({ ctx, input }) => annexLog(ctx.db, ctx.actor, input.id)),

  /** Removes a file from one of the organisation's drafts (uploads go through POST /api/files). */
  removeAttachment: permittedProcedure('need.draft')
    .input(needIdInput)
    .mutation(async ({ ctx, input }) => {
      await removeNeedAttachment(ctx.db, ctx.actor, input.id);
      return { ok: true as const };
    }),
});
