import { dashboardOverview } from '../dashboard/dashboard';
import { dashboardFilterInput } from '../dashboard/inputs';
import { permittedProcedure, router } from '../trpc';

/** 科技局驾驶舱: the bureau's dashboard, and an incubator's over its own enclaves. */
export const dashboardRouter = router({
  /** Every figure and table for the filters (period, field, enclave); another incubator's enclave is NOT_FOUND. */
  overview: permittedProcedure('dashboard.read')
    .input(dashboardFilterInput)
    .query(({ ctx, input }) => dashboardOverview(ctx.db, ctx.actor, input)),
});
