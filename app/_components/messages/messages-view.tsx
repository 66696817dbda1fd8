'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { ConversationSummary } from '@/server/messaging/conversations';
import { useRealtimeConnection, useSocketEvent } from '../../_lib/socket';
import { useTRPC } from '../../_lib/trpc';
import { ConversationPanel } from './conversation-panel';

/** The wire shape of a summary (dates arrive as strings through the server component's props, as Dates through tRPC). */
type Summary = Omit<ConversationSummary, 'lastMessageAt' | 'lastMessage'> & {
  lastMessageAt: Date | string | null;
  lastMessage: (Omit<NonNullable<ConversationSummary['lastMessage']>, 'createdAt'> & { createdAt: Date | string }) | null;
};

function useTitle() {
  const t = useTranslations('chat');
  return (c: Summary) => {
    const names = c.others.map((o) => o.name).join('、') || t('noOthers');
    return c.kind === 'direct' ? names : `${t(`kinds.${c.kind}`)} · ${names}`;
  };
}

/** 在线沟通: the organisation's conversations with unread counts, and the open one. */
export function MessagesView({ initial, selectedId, userId, focusSeq }: { initial: Summary[]; selectedId: string | null; userId: string; focusSeq?: number }) {
  useRealtimeConnection();
  const t = useTranslations('chat');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.messages.conversations.queryOptions({}), initialData: initial as ConversationSummary[] });
  const refresh = () => void queryClient.invalidateQueries(trpc.messages.conversations.pathFilter());
  useSocketEvent('conversation:activity', refresh);
  useSocketEvent('connect', refresh);
  const title = useTitle();
  const conversations = (list.data ?? []) as Summary[];
  const selected = conversations.find((c) => c.id === selectedId) ?? null;

  return (
    <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
      <nav aria-label={t('listLabel')} className={selected ? 'hidden md:block' : ''}>
        {conversations.length === 0 ? (
          <p className="rounded-lg border border-dashed border-gray-300 p-6 text-center text-sm text-gray-600">{t('emptyList')}</p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
            {conversations.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/messages?c=${c.id}`}
                  aria-current={c.id === selectedId ? 'page' : undefined}
                  className={`flex items-start justify-between gap-2 px-3 py-3 hover:bg-gray-50 ${c.id === selectedId ? 'bg-primary-50' : ''}`}
                >
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-medium text-gray-900">{title(c)}</span>
                    <span className="block truncate text-xs text-gray-600">
                      {c.lastMessage ? (c.lastMessage.deleted ? t('withdrawn') : c.lastMessage.body) : t('noMessages')}
                    </span>
                  </span>
                  {c.unread > 0 && (
                    <span className="shrink-0 rounded-full bg-red-600 px-2 text-xs leading-5 text-white" aria-label={t('unreadCount', { count: c.unread })}>
                      {c.unread > 99 ? '99+' : c.unread}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <div>
        {selected ? (
          <>
            <Link href="/messages" className="mb-2 inline-block text-sm text-primary-700 md:hidden">
              ← {t('back')}
            </Link>
            <ConversationPanel key={selected.id} conversationId={selected.id} userId={userId} title={title(selected)} focusSeq={focusSeq} />
          </>
        ) : (
          <p className="hidden rounded-lg border border-dashed border-gray-300 p-10 text-center text-sm text-gray-600 md:block">{t('pick')}</p>
        )}
      </div>
    </div>
  );
}
