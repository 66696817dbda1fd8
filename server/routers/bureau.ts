import { listOrganisationsInput, rejectInput, verifyInput } from '../orgs/inputs';
import { listOrganisations, rejectOrganisation, verifyOrganisation } from '../orgs/verification';
import { permittedProcedure, router } from '../trpc';

/** 资质审核: the bureau's review of organisations. */
export const bureauRouter = router({
  /** Organisations by status (pending by default), filtered by kind and name / credit code. */
  organisations: permittedProcedure('bureau.verifyOrg')
    .input(listOrganisationsInput)
    .query(({ ctx, input }) => listOrganisations(ctx.db, input)),
  /** Pending → verified; the organisation's owners and admins are notified. */
  verify: permittedProcedure('bureau.verifyOrg')
    .input(verifyInput)
    .mutation(({ ctx, input }) => verifyOrganisation(ctx.db, ctx.actor, input.orgId)),
  /** Pending → rejected with a required reason, which the organisation sees. */
  reject: permittedProcedure('bureau.verifyOrg')
    .input(rejectInput)
    .mutation(({ ctx, input }) => rejectOrganisation(ctx.db, ctx.actor, input.orgId, input.reason)),
});
