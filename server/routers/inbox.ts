import { inbox } from '../inbox/inbox';
import { protectedProcedure, router } from '../trpc';

export const inboxRouter = router({
  /**
   * 待办: what waits for the caller (reviews, milestones, payments, ratings, rulings, verifications). Any signed-in
   * user: reviewer invitations are personal; the organisation's items follow the permission table.
   */
  list: protectedProcedure.query(({ ctx }) => inbox(ctx.db, ctx.actor)),
});
