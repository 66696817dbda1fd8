import { notifications } from '@/db/schema';
import type { Db } from '@/db/client';
import { now } from '../clock';
import type { NotificationPayload } from '../realtime/events';
import type { AfterCommit } from '../transaction';
import { announcer } from './announcer';
import type { NotificationKind } from './kinds';

/** A link inside the app (`/needs/…`): the bell navigates to it, so it must never lead off-site. */
export function isInternalLink(link: string): boolean {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\');
}

export type NotificationRow = typeof notifications.$inferSelect;

/** The wire shape of a stored notification (socket.io event and tRPC output alike). */
export function toPayload(row: NotificationRow): NotificationPayload {
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Stores a notification for each user inside the caller's transaction and pushes it to the users'
 * rooms (every open tab, on every instance) once the transaction has committed.
 * `payload` holds what the kind's translated title/body interpolate (`notifications.kinds.<kind>`).
 */
export async function notify(
  tx: Db,
  afterCommit: AfterCommit,
  userIds: readonly string[],
  kind: NotificationKind,
  payload: Record<string, string | number | null> = {},
  link: string | null = null,
): Promise<void> {
  if (link !== null && !isInternalLink(link)) throw new Error(`notification link must be an app path, got ${link}`);
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const createdAt = now();
  const rows = await tx
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, kind, payload, link, createdAt })))
    .returning();
  afterCommit(() => {
    const out = announcer();
    if (!out) return;
    for (const row of rows) out.toUser(row.userId, 'notification:new', toPayload(row));
  });
}
