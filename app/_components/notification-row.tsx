'use client';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { NotificationPayload } from '@/server/realtime/events';
import { notificationText, safeLink } from '../_lib/notification-text';

/**
 * One notification, as the bell's dropdown and the notifications page show it: translated title and body,
 * relative time, an unread marker (a dot and, for screen readers, the word). Opening it marks it read and
 * follows its link.
 */
export function NotificationRow({
  notification,
  onOpen,
  compact = false,
}: {
  notification: NotificationPayload;
  onOpen: (notification: NotificationPayload) => void;
  compact?: boolean;
}) {
  const t = useTranslations('notifications');
  const format = useFormatter();
  const { title, body } = notificationText(t, notification);
  const unread = notification.readAt === null;
  const created = new Date(notification.createdAt);
  const link = safeLink(notification.link);
  const content = (
    <span className="flex items-start gap-2">
      <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${unread ? 'bg-primary-600' : ''}`} />
      <span className="min-w-0 flex-1">
        <span className={`block ${unread ? 'font-semibold text-gray-900' : 'text-gray-700'}`}>
          {title}
          {unread ? <span className="sr-only"> {t('unreadMark')}</span> : null}
        </span>
        {body ? <span className={`mt-0.5 block text-gray-600 ${compact ? 'line-clamp-2' : ''}`}>{body}</span> : null}
        <time
          dateTime={notification.createdAt}
          title={format.dateTime(created, { dateStyle: 'medium', timeStyle: 'short' })}
          className="mt-1 block text-xs text-gray-600"
          suppressHydrationWarning
        >
          {format.relativeTime(created, new Date())}
        </time>
      </span>
    </span>
  );
  // The unread background belongs to the list item (the parent), so it spans any buttons beside the row.
  const className = 'block w-full px-4 py-3 text-left text-sm leading-relaxed hover:bg-gray-50/70';
  return link ? (
    <Link href={link} className={className} onClick={() => onOpen(notification)}>
      {content}
    </Link>
  ) : (
    <button type="button" className={className} onClick={() => onOpen(notification)}>
      {content}
    </button>
  );
}
