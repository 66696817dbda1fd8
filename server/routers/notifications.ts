import { listNotificationsInput, markNotificationReadInput } from '../notifications/inputs';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
} from '../notifications/notifications';
import { protectedProcedure, router } from '../trpc';

/** The signed-in user's own notifications (any user, with or without an organisation). */
export const notificationsRouter = router({
  /** Newest first, a page at a time (`cursor` = last id shown). */
  list: protectedProcedure.input(listNotificationsInput).query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),
  /** The bell's badge. */
  unreadCount: protectedProcedure.query(({ ctx }) => unreadCount(ctx.db, ctx.actor)),
  /** One of the caller's notifications read; someone else's id is NOT_FOUND. */
  markRead: protectedProcedure
    .input(markNotificationReadInput)
    .mutation(({ ctx, input }) => markNotificationRead(ctx.db, ctx.actor, input)),
  /** Every unread notification of the caller read. */
  markAllRead: protectedProcedure.mutation(({ ctx }) => markAllNotificationsRead(ctx.db, ctx.actor)),
});
