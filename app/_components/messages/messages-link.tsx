'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRealtimeConnection, useSocketEvent } from '../../_lib/socket';
import { useTRPC } from '../../_lib/trpc';

/** 在线沟通 in the header with the caller's unread count, kept current by the conversation activity events. */
export function MessagesLink({ label, unreadLabel, initialUnread }: { label: string; unreadLabel: string; initialUnread: number }) {
  useRealtimeConnection();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const total = useQuery({ ...trpc.messages.unreadTotal.queryOptions(), initialData: { unread: initialUnread } });
  const refresh = () => void queryClient.invalidateQueries(trpc.messages.unreadTotal.pathFilter());
  useSocketEvent('conversation:activity', refresh);
  useSocketEvent('message:new', refresh);
  useSocketEvent('message:read', refresh);
  useSocketEvent('connect', refresh);
  const unread = total.data.unread;
  return (
    <Link href="/messages" className="relative inline-flex items-center whitespace-nowrap px-2 text-gray-700 hover:text-primary-700">
      {label}
      {unread > 0 && (
        <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs leading-5 text-white" aria-label={unreadLabel}>
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
