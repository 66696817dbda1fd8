import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { notFound } from '../errors';
import type { NotificationPayload } from '../realtime/events';
import { inTransaction } from '../transaction';
import { announcer } from './announcer';
import { listNotificationsInput, type ListNotificationsInput } from './inputs';
import { toPayload } from './notify';

/**
 * A user's own notifications: every query carries `user_id = actor`, so another user's notification
 * is simply not there (NOT_FOUND), whatever its id.
 *
 * Marking read is not written to the audit log: it is the reader's own view state (like a read receipt),
 * not a change to any record of an organisation, and logging every click would drown the real entries.
 */

export interface NotificationPage {
  items: NotificationPayload[];
  /** Pass back as `cursor` for the next (older) page; null when this was the last. */
  nextCursor: string | null;
}

/** Newest first, keyset-paginated on (created_at, id) through the (user_id, created_at) index. */
export async function listNotifications(db: Db, actor: Actor, raw: ListNotificationsInput = {}): Promise<NotificationPage> {
  const input = listNotificationsInput.parse(raw);
  const conditions = [eq(notifications.userId, actor.userId)];
  if (input.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (input.cursor) {
    // The cursor row is looked up among the actor's own notifications: a foreign or unknown id gives an empty page.
    conditions.push(
      sql`(${notifications.createdAt}, ${notifications.id}) < (select c.created_at, c.id from notifications c where c.id = ${input.cursor} and c.user_id = ${actor.userId})`,
    );
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(toPayload), nextCursor: rows.length > input.limit && last ? last.id : null };
}

export async function unreadCount(db: Db, actor: Pick<Actor, 'userId'>): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the actor's notifications read; the user's other tabs learn the new count over socket.io. */
export async function markNotificationRead(db: Db, actor: Actor, input: { id: string }): Promise<{ unread: number }> {
  return inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .select({ id: notifications.id, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, input.id), eq(notifications.userId, actor.userId)))
      .limit(1);
    if (!row) throw notFound();
    if (!row.readAt) {
      await tx
        .update(notifications)
        .set({ readAt: now() })
        .where(and(eq(notifications.id, row.id), isNull(notifications.readAt)));
    }
    const unread = await unreadCount(tx, actor);
    afterCommit(() => announcer()?.toUser(actor.userId, 'notification:read', { ids: [row.id], unread }));
    return { unread };
  });
}

/** Marks every unread notification of the actor read. */
export async function markAllNotificationsRead(db: Db, actor: Actor): Promise<{ marked: number; unread: number }> {
  return inTransaction(db, async (tx, afterCommit) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: now() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    const unread = await unreadCount(tx, actor);
    afterCommit(() => announcer()?.toUser(actor.userId, 'notification:read', { ids: 'all', unread }));
    return { marked: marked.length, unread };
  });
}
