'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useTRPC } from '../../_lib/trpc';
import { problemOf } from '../contracts/problem';
import { ConversationPanel } from './conversation-panel';

/** A contract's room on the contract page: opened (created on first use) by either party, then the same panel as /messages. */
export function ContractRoom({ contractId, userId }: { contractId: string; userId: string }) {
  const t = useTranslations('chat.panels');
  const te = useTranslations('errors');
  const trpc = useTRPC();
  const open = useMutation(trpc.messages.contractConversation.mutationOptions());
  if (open.data) return <ConversationPanel conversationId={open.data.id} userId={userId} title={t('contractRoom')} className="h-[28rem]" />;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={open.isPending}
        onClick={() => open.mutate({ contractId })}
        className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50"
      >
        {t('openContractRoom')}
      </button>
      {open.error && (
        <p role="alert" className="text-sm text-red-700">
          {te(problemOf(open.error).error.key)}
        </p>
      )}
    </div>
  );
}

/** The need's owner: its 答疑 threads (one per asking team), unread counts, each opening in /messages. */
export function NeedQuestionThreads({ needId }: { needId: string }) {
  const t = useTranslations('chat.panels');
  const trpc = useTRPC();
  const threads = useQuery(trpc.messages.conversations.queryOptions({ limit: 100, needId }));
  const list = threads.data ?? [];
  if (threads.isPending) return null;
  if (list.length === 0) return <p className="text-sm text-gray-600">{t('noQuestions')}</p>;
  return (
    <ul className="divide-y divide-gray-100 rounded-md border border-gray-200">
      {list.map((c) => (
        <li key={c.id}>
          <Link href={`/messages?c=${c.id}`} className="flex items-center justify-between gap-2 px-3 py-2 text-sm hover:bg-gray-50">
            <span className="min-w-0 truncate">
              <span className="font-medium text-gray-900">{c.others.map((o) => o.name).join('、')}</span>
              {c.lastMessage && !c.lastMessage.deleted ? <span className="ml-2 text-gray-600">{c.lastMessage.body}</span> : null}
            </span>
            {c.unread > 0 && <span className="shrink-0 rounded-full bg-red-600 px-2 text-xs leading-5 text-white">{t('unread', { count: c.unread })}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
