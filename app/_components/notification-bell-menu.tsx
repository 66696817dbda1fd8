'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { notificationText } from '../_lib/notification-text';
import { useRealtimeConnection, useSocketEvent } from '../_lib/socket';
import { useTRPC } from '../_lib/trpc';
import { NotificationRow } from './notification-row';
import { useNotificationActions, useNotificationCache, useNotificationCacheOwner } from './use-notifications';

const LATEST = 10;

/** The bell: count badge, a dropdown with the latest notifications, and the live socket.io connection. */
export function NotificationBellMenu({ userId, initialUnread }: { userId: string; initialUnread: number }) {
  const t = useTranslations('notifications');
  const trpc = useTRPC();
  useNotificationCacheOwner(userId);
  const router = useRouter();
  const cache = useNotificationCache();
  const actions = useNotificationActions();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const [announcement, setAnnouncement] = useState('');
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const unread = useQuery(trpc.notifications.unreadCount.queryOptions(undefined, { initialData: initialUnread })).data;
  const latest = useQuery({ ...trpc.notifications.list.queryOptions({ limit: LATEST }), enabled: open });

  useRealtimeConnection();
  useSocketEvent('notification:new', (notification) => {
    cache.setUnread((n) => n + 1);
    void cache.refreshLists();
    setAnnouncement(notificationText(t, notification).title);
  });
  useSocketEvent('notification:read', ({ ids, unread: count }) => {
    cache.setUnread(count);
    cache.markRead(ids);
  });
  // After a (re)connect, catch up on whatever was pushed while the socket was down.
  useSocketEvent('connect', () => void cache.refreshAll());
  // Signed out elsewhere (another tab, password change): show this tab signed out too.
  useSocketEvent('session:revoked', () => router.refresh());

  // Fixed under the bell, whatever the header's layout: full width on a phone (the bell is not at the
  // screen's edge there), a 24rem card aligned to the bell's right edge on wider screens.
  function placeUnderBell() {
    const rect = buttonRef.current?.getBoundingClientRect();
    if (!rect) return;
    const top = rect.bottom + 8;
    setPlace(
      window.innerWidth >= 640 ? { top, right: Math.max(8, window.innerWidth - rect.right), width: '24rem' } : { top, left: 8, right: 8 },
    );
  }

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    window.addEventListener('resize', placeUnderBell);
    window.addEventListener('scroll', placeUnderBell, { passive: true });
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('resize', placeUnderBell);
      window.removeEventListener('scroll', placeUnderBell);
    };
  }, [open]);

  const items = latest.data?.items ?? [];
  return (
    <div ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={unread > 0 ? t('bell.unread', { count: unread }) : t('bell.label')}
        onClick={() => {
          if (!open) placeUnderBell();
          setOpen(!open);
        }}
        className="relative rounded-md p-1.5 text-gray-700 hover:bg-gray-100 hover:text-primary-700"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span aria-hidden className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label={t('bell.latest')}
          style={place}
          className="fixed z-40 rounded-lg border border-gray-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between gap-2 border-b border-gray-200 px-4 py-2">
            <h2 className="text-sm font-semibold text-gray-900">{t('bell.latest')}</h2>
            {unread > 0 ? (
              <button
                type="button"
                disabled={actions.markAllRead.isPending}
                onClick={() => actions.markAllRead.mutate()}
                className="text-sm text-primary-700 hover:underline disabled:opacity-60"
              >
                {t('markAllRead')}
              </button>
            ) : null}
          </div>
          {actions.markAllRead.isError || actions.markRead.isError ? (
            <p role="alert" className="px-4 py-2 text-sm text-red-700">
              {t('failed')}
            </p>
          ) : null}
          {latest.isPending ? (
            <p className="px-4 py-6 text-center text-sm text-gray-500">{t('loading')}</p>
          ) : latest.isError ? (
            <p role="alert" className="px-4 py-6 text-center text-sm text-red-700">
              {t('loadFailed')}
            </p>
          ) : items.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm leading-relaxed text-gray-600">{t('empty')}</p>
          ) : (
            <ul className="max-h-[60vh] divide-y divide-gray-100 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className={n.readAt === null ? 'bg-primary-50' : ''}>
                  <NotificationRow
                    compact
                    notification={n}
                    onOpen={(opened) => {
                      actions.open(opened);
                      setOpen(false);
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-gray-200 px-4 py-2 text-center">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-sm text-primary-700 hover:underline">
              {t('viewAll')}
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
