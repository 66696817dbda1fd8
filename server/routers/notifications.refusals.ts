import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import { notify } from '../notifications/notify';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';
import { inTransaction } from '../transaction';

/** A notification of organisation A's owner, and what that owner would see of it. */
async function someoneElsesNotification(db: Db) {
  const { actor } = await insertOrgWithOwner(db);
  await inTransaction(db, (tx, afterCommit) => notify(tx, afterCommit, [actor.userId], 'org.verified', { orgName: 'A' }, '/org'));
  const [row] = await db.select().from(notifications).where(eq(notifications.userId, actor.userId));
  if (!row) throw new Error('notification not stored');
  const snapshot = () => db.select().from(notifications).where(eq(notifications.userId, actor.userId));
  return { id: row.id, snapshot };
}

// Every procedure acts on the caller's own notifications only: a signed-in outsider may call the
// reading ones and mark-all (on its own rows) while A's notification stays exactly as it was.
export const refusals: RefusalTable = {
  'notifications.list': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await someoneElsesNotification(db);
      return { input: {}, snapshot };
    },
  },
  'notifications.unreadCount': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await someoneElsesNotification(db);
      return { input: undefined, snapshot };
    },
  },
  'notifications.markRead': {
    async setup(db) {
      const { id, snapshot } = await someoneElsesNotification(db);
      return { input: { id }, snapshot };
    },
  },
  'notifications.markAllRead': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await someoneElsesNotification(db);
      return { input: undefined, snapshot };
    },
  },
};
