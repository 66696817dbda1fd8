import { currentActor, serverApi } from '../_lib/api';
import { NotificationBellLoader } from './notification-bell-loader';

/**
 * The bell in the header, for signed-in users: the unread count is rendered on the server (no flash, no
 * extra request); the menu then keeps it live over socket.io.
 */
export async function NotificationBell() {
  const actor = await currentActor();
  if (!actor) return null;
  const unread = await (await serverApi()).notifications.unreadCount().catch(() => 0);
  return <NotificationBellLoader userId={actor.userId} initialUnread={unread} />;
}
