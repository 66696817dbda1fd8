import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentActor, serverApi } from '../_lib/api';
import { NotificationList } from './notification-list';

const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notifications');
  return { title: t('title') };
}

/** Every notification of the signed-in user, newest first: the first page is rendered here, later ones load on demand. */
export default async function NotificationsPage() {
  const actor = await currentActor();
  if (!actor) redirect('/login?callbackUrl=%2Fnotifications');
  const api = await serverApi();
  const [firstPage, unread] = await Promise.all([api.notifications.list({ limit: PAGE_SIZE }), api.notifications.unreadCount()]);
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <NotificationList userId={actor.userId} firstPage={firstPage} initialUnread={unread} pageSize={PAGE_SIZE} />
    </main>
  );
}
