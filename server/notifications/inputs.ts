import { z } from 'zod';

/** What callers send to the notifications procedures (shared by the router and the client components). */
export const NOTIFICATION_PAGE_MAX = 50;

export const listNotificationsInput = z.object({
  /** The id of the last notification already shown: the page continues after it (newest first). */
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(20),
  unreadOnly: z.boolean().default(false),
});
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

export const markNotificationReadInput = z.object({ id: z.uuid() });
