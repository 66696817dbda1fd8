import { notifications } from '@/db/schema';
import type { Db } from '@/db/client';
import type { NotificationPayload } from '../realtime/events';
import type { AfterCommit } from '../transaction';
import { announcer } from './announcer';
import type { NotificationKind } from './kinds';

/**
 * Stores a notification for each user inside the caller's transaction and pushes it to the users'
 * rooms (every open tab) once the transaction has committed.
 */
export async function notify(
  tx: Db,
  afterCommit: AfterCommit,
  userIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, string | number | null> = {},
  link: string | null = null,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const rows = await tx.insert(notifications).values(unique.map((userId) => ({ userId, kind, payload, link }))).returning();
  afterCommit(() => {
    const out = announcer();
    if (!out) return;
    for (const row of rows) {
      const message: NotificationPayload = {
        id: row.id,
        kind: row.kind,
        payload: row.payload,
        link: row.link,
        createdAt: row.createdAt.toISOString(),
        readAt: null,
      };
      out.toUser(row.userId, 'notification:new', message);
    }
  });
}
