import { auditListInput } from '../audit/inputs';
import { auditFacets, listAudit } from '../audit/queries';
import { memberProcedure, router } from '../trpc';

/**
 * The audit log. Two permissions decide the scope (bureau `audit.readAll`, managers `audit.readOwn`),
 * so the procedures check them in the domain (`auditScope`) rather than through one `permittedProcedure`.
 */
export const auditRouter = router({
  list: memberProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),
  facets: memberProcedure.query(({ ctx }) => auditFacets(ctx.db, ctx.actor)),
});
