'use client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { NotificationPage } from '@/server/notifications/notifications';
import { useTRPC } from '../_lib/trpc';
import { NotificationRow } from '../_components/notification-row';
import { useNotificationActions, useNotificationCacheOwner } from '../_components/use-notifications';

/**
 * The full list: mark one or all read, load older pages. It stays live without its own socket listener:
 * the bell in the header (always mounted for a signed-in user) refreshes the cached lists on every push.
 */
export function NotificationList({
  userId,
  firstPage,
  initialUnread,
  pageSize,
}: {
  userId: string;
  firstPage: NotificationPage;
  initialUnread: number;
  pageSize: number;
}) {
  useNotificationCacheOwner(userId);
  const t = useTranslations('notifications');
  const trpc = useTRPC();
  const actions = useNotificationActions();
  const [status, setStatus] = useState<'' | 'allRead' | 'failed'>('');

  const unread = useQuery(trpc.notifications.unreadCount.queryOptions(undefined, { initialData: initialUnread })).data;
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { limit: pageSize },
      {
        initialData: { pages: [firstPage], pageParams: [null] },
        getNextPageParam: (page) => page.nextCursor,
      },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="notifications-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="notifications-title" className="text-2xl font-semibold text-gray-900">
            {t('title')}
          </h1>
          <p className="mt-1 text-sm text-gray-600">{unread > 0 ? t('unreadCount', { count: unread }) : t('allReadNow')}</p>
        </div>
        <button
          type="button"
          disabled={unread === 0 || actions.markAllRead.isPending}
          onClick={() =>
            actions.markAllRead.mutate(undefined, {
              onSuccess: () => setStatus('allRead'),
              onError: () => setStatus('failed'),
            })
          }
          className="rounded-md border border-primary-600 px-3 py-1.5 text-sm text-primary-700 hover:bg-primary-50 disabled:cursor-not-allowed disabled:border-gray-300 disabled:text-gray-500"
        >
          {t('markAllRead')}
        </button>
      </div>

      <p aria-live="polite" className={`mt-3 text-sm ${status === 'failed' ? 'text-red-700' : 'text-green-700'}`}>
        {status === 'allRead' ? t('markedAllRead') : status === 'failed' ? t('failed') : ''}
      </p>
      {actions.markRead.isError ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {t('failed')}
        </p>
      ) : null}

      {items.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-gray-300 px-4 py-10 text-center text-sm leading-relaxed text-gray-600">{t('empty')}</p>
      ) : (
        <ul className="mt-4 divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={`flex items-start ${n.readAt === null ? 'bg-primary-50' : ''}`}>
              <div className="min-w-0 flex-1">
                <NotificationRow notification={n} onOpen={(opened) => actions.open(opened)} />
              </div>
              {n.readAt === null ? (
                <button
                  type="button"
                  onClick={() => actions.markRead.mutate({ id: n.id })}
                  disabled={actions.markRead.isPending && actions.markRead.variables.id === n.id}
                  className="m-2 shrink-0 rounded px-2 py-1 text-xs text-primary-700 hover:bg-primary-100 disabled:opacity-60"
                >
                  {t('markRead')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <div className="mt-4 text-center text-sm">
        {list.hasNextPage ? (
          <button
            type="button"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className="rounded-md border border-gray-300 px-4 py-2 text-gray-700 hover:border-primary-600 disabled:opacity-60"
          >
            {list.isFetchingNextPage ? t('loading') : t('loadMore')}
          </button>
        ) : items.length > pageSize ? (
          <p className="text-gray-500">{t('end')}</p>
        ) : null}
        {list.isFetchNextPageError ? (
          <p role="alert" className="mt-2 text-red-700">
            {t('loadFailed')}
          </p>
        ) : null}
      </div>
    </section>
  );
}
