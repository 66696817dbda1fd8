'use client';
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import type { NotificationPage } from '@/server/notifications/notifications';
import type { NotificationPayload } from '@/server/realtime/events';
import { useTRPC } from '../_lib/trpc';

type CachedList = NotificationPage | InfiniteData<NotificationPage, unknown>;

function markPage(page: NotificationPage, ids: ReadonlySet<string> | 'all', at: string): NotificationPage {
  return {
    ...page,
    items: page.items.map((n) => (n.readAt === null && (ids === 'all' || ids.has(n.id)) ? { ...n, readAt: at } : n)),
  };
}

/**
 * What the bell and the notifications page do with notifications. Every change ends in the react-query
 * cache, so the badge, the dropdown and the page agree: reads are applied to the cached lists at once
 * (then confirmed by a refetch), the count is set from the server's answer.
 */
export function useNotificationCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshLists = () => queryClient.invalidateQueries(trpc.notifications.list.pathFilter());
  return {
    setUnread(unread: number | ((current: number) => number)) {
      queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), (current) =>
        typeof unread === 'function' ? unread(current ?? 0) : unread,
      );
    },
    markRead(ids: readonly string[] | 'all') {
      const which = ids === 'all' ? 'all' : new Set(ids);
      const at = new Date().toISOString();
      queryClient.setQueriesData<CachedList>(trpc.notifications.list.pathFilter(), (data) => {
        if (!data) return data;
        return 'pages' in data ? { ...data, pages: data.pages.map((p) => markPage(p, which, at)) } : markPage(data, which, at);
      });
      void refreshLists();
    },
    refreshLists,
    refreshAll() {
      return queryClient.invalidateQueries(trpc.notifications.pathFilter());
    },
  };
}

/** Whose notifications the tab's query cache holds. */
let cacheOwner: string | null = null;

/**
 * Signing out and in as someone else without reloading the tab keeps the query cache: before any
 * notification query reads it, drop what belongs to another user. (A state initialiser runs during the
 * first render, ahead of the component's queries.)
 */
export function useNotificationCacheOwner(userId: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useState(() => {
    if (cacheOwner !== userId) queryClient.removeQueries(trpc.notifications.pathFilter());
    cacheOwner = userId;
  });
}

export function useNotificationActions() {
  const trpc = useTRPC();
  const cache = useNotificationCache();
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: ({ unread }, { id }) => {
        cache.setUnread(unread);
        cache.markRead([id]);
      },
    }),
  );
  const markAllRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: ({ unread }) => {
        cache.setUnread(unread);
        cache.markRead('all');
      },
    }),
  );
  return {
    markRead,
    markAllRead,
    /** Opening a notification reads it; the link (if any) is followed by the row itself. */
    open(notification: NotificationPayload) {
      if (notification.readAt === null) markRead.mutate({ id: notification.id });
    },
  };
}
