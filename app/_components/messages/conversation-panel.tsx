'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageView } from '@/server/messaging/messages';
import { emitQuietly } from '../../_lib/socket';
import { useTRPC } from '../../_lib/trpc';
import { problemOf } from '../contracts/problem';
import { MessageText } from '../markdown/markdown';
import { useConversation } from './use-conversation';

const EDIT_WINDOW_MS = 5 * 60 * 1000;
const SEND_MODE_KEY = 'kc.chat.sendMode';
type SendMode = 'enter' | 'ctrlEnter';

function time(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** One conversation: history with scroll-back, live messages, typing, presence, read receipts, composer. */
export function ConversationPanel({ conversationId, userId, title }: { conversationId: string; userId: string; title: string }) {
  const t = useTranslations('chat');
  const te = useTranslations('errors');
  const { state, send, loadOlder, markRead, merge } = useConversation(conversationId, userId);
  const [draft, setDraft] = useState('');
  const [mode, setMode] = useState<SendMode>('enter');
  const listRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const lastTyping = useRef(0);

  useEffect(() => {
    const saved = window.localStorage.getItem(SEND_MODE_KEY);
    if (saved === 'enter' || saved === 'ctrlEnter') setMode(saved);
  }, []);

  // Follow new messages while the reader is at the bottom; mark what is shown as read.
  useEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
    markRead();
  }, [state.messages.length, state.pending.length, markRead]);
  useEffect(() => {
    const onVisible = () => markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [markRead]);

  function submit() {
    const body = draft.trim();
    if (!body) return;
    send(body);
    setDraft('');
    stickToBottom.current = true;
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key !== 'Enter') return;
    // Enter that confirms a pinyin (IME) candidate is part of typing, never a send.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const ctrl = e.ctrlKey || e.metaKey;
    if ((mode === 'enter' && !e.shiftKey && !ctrl) || (mode === 'ctrlEnter' && ctrl)) {
      e.preventDefault();
      submit();
    }
  }

  function onInput(value: string) {
    setDraft(value);
    if (Date.now() - lastTyping.current > 3000 && value.trim()) {
      lastTyping.current = Date.now();
      emitQuietly('typing', { conversationId });
    }
  }

  const othersRead = Math.max(0, ...[...state.reads].filter(([id]) => id !== userId).map(([, seq]) => seq));
  const typingNames = [...state.typing.values()].map((v) => v.name);
  const othersOnline = [...state.online].filter((id) => id !== userId).length;

  return (
    <section aria-label={title} className="flex h-[70vh] min-h-96 flex-col rounded-lg border border-gray-200 bg-white">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-2">
        <h2 className="font-medium text-gray-900">{title}</h2>
        <p className="text-xs text-gray-600" role="status">
          {state.connected ? t('onlineCount', { count: othersOnline }) : t('offline')}
        </p>
      </header>
      <ol
        ref={listRef}
        aria-live="polite"
        className="flex-1 space-y-3 overflow-y-auto px-4 py-3"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {state.hasOlder && (
          <li className="text-center">
            <button type="button" onClick={() => void loadOlder()} disabled={state.loadingOlder} className="text-sm text-primary-700 hover:underline disabled:text-gray-400">
              {state.loadingOlder ? t('loading') : t('loadOlder')}
            </button>
          </li>
        )}
        {state.messages.length === 0 && state.pending.length === 0 && <li className="py-10 text-center text-sm text-gray-500">{t('emptyConversation')}</li>}
        {state.messages.map((m) => (
          <MessageItem key={m.id} message={m} own={m.senderUserId === userId} read={m.senderUserId === userId && othersRead >= m.seq} onChanged={merge} />
        ))}
        {state.pending.map((p) => (
          <li key={p.clientId} className="flex justify-end">
            <div className="max-w-[85%] rounded-lg bg-primary-50 px-3 py-2 text-sm text-gray-800 opacity-70">
              <p className="whitespace-pre-wrap break-words">
                <MessageText body={p.body} />
              </p>
              <p className="mt-1 text-right text-xs text-gray-500">{p.failed ? te(p.failed) : t('sending')}</p>
            </div>
          </li>
        ))}
      </ol>
      <p className="h-5 px-4 text-xs text-gray-500" aria-live="polite">
        {typingNames.length > 0 ? t('typing', { names: typingNames.join('、') }) : ''}
      </p>
      <form
        className="border-t border-gray-200 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={`composer-${conversationId}`} className="sr-only">
          {t('composerLabel')}
        </label>
        <textarea
          id={`composer-${conversationId}`}
          value={draft}
          onChange={(e) => onInput(e.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          maxLength={4000}
          placeholder={mode === 'enter' ? t('placeholderEnter') : t('placeholderCtrlEnter')}
          className="w-full resize-none rounded-md border border-gray-300 px-3 py-2 text-sm focus:border-primary-600 focus:outline-none"
        />
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <label className="flex items-center gap-2 text-xs text-gray-600">
            <input
              type="checkbox"
              checked={mode === 'ctrlEnter'}
              onChange={(e) => {
                const next: SendMode = e.target.checked ? 'ctrlEnter' : 'enter';
                setMode(next);
                window.localStorage.setItem(SEND_MODE_KEY, next);
              }}
            />
            {t('ctrlEnterMode')}
          </label>
          <button type="submit" disabled={!draft.trim()} className="rounded-md bg-primary-600 px-4 py-1.5 text-sm text-white hover:bg-primary-700 disabled:bg-gray-300">
            {t('send')}
          </button>
        </div>
      </form>
    </section>
  );
}

function MessageItem({ message: m, own, read, onChanged }: { message: MessageView; own: boolean; read: boolean; onChanged: (m: MessageView[]) => void }) {
  const t = useTranslations('chat');
  const te = useTranslations('errors');
  const trpc = useTRPC();
  const edit = useMutation(trpc.messages.edit.mutationOptions({ onSuccess: (v) => onChanged([v]) }));
  const withdraw = useMutation(trpc.messages.delete.mutationOptions({ onSuccess: (v) => onChanged([v]) }));
  const report = useMutation(trpc.messages.report.mutationOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);
  const editable = own && !m.deleted && Date.now() - new Date(m.createdAt).getTime() < EDIT_WINDOW_MS;
  const failure = edit.error ?? withdraw.error ?? report.error;

  return (
    <li className={`flex ${own ? 'justify-end' : 'justify-start'}`} data-seq={m.seq}>
      <div className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${own ? 'bg-primary-50' : 'bg-gray-100'} text-gray-800`}>
        {!own && (
          <p className="mb-0.5 text-xs text-gray-600">
            {m.senderName ?? t('formerMember')} · {m.senderOrgName}
          </p>
        )}
        {m.deleted ? (
          <p className="italic text-gray-500">{t('withdrawn')}</p>
        ) : editing !== null ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (editing.trim()) edit.mutate({ messageId: m.id, body: editing.trim() }, { onSuccess: () => setEditing(null) });
            }}
          >
            <label htmlFor={`edit-${m.id}`} className="sr-only">
              {t('editLabel')}
            </label>
            <textarea id={`edit-${m.id}`} value={editing} onChange={(e) => setEditing(e.target.value)} rows={2} className="w-full rounded border border-gray-300 px-2 py-1" />
            <div className="mt-1 flex gap-2 text-xs">
              <button type="submit" className="text-primary-700">{t('save')}</button>
              <button type="button" onClick={() => setEditing(null)} className="text-gray-600">{t('cancel')}</button>
            </div>
          </form>
        ) : (
          <p className="whitespace-pre-wrap break-words">
            <MessageText body={m.body} />
          </p>
        )}
        <p className="mt-1 flex flex-wrap items-center justify-end gap-2 text-xs text-gray-500">
          <span>{time(m.createdAt)}</span>
          {m.editedAt && !m.deleted && <span>{t('edited')}</span>}
          {own && !m.deleted && <span>{read ? t('read') : t('unread')}</span>}
          {editable && editing === null && (
            <button type="button" onClick={() => setEditing(m.body)} className="text-primary-700 hover:underline">
              {t('edit')}
            </button>
          )}
          {own && !m.deleted && !confirming && (
            <button type="button" onClick={() => setConfirming(true)} className="text-primary-700 hover:underline">
              {t('withdraw')}
            </button>
          )}
          {confirming && (
            <span>
              {t('withdrawConfirm')}{' '}
              <button type="button" onClick={() => withdraw.mutate({ messageId: m.id }, { onSettled: () => setConfirming(false) })} className="text-red-700 hover:underline">
                {t('confirm')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)} className="hover:underline">
                {t('cancel')}
              </button>
            </span>
          )}
          {!own && !m.deleted && reporting === null && !report.isSuccess && (
            <button type="button" onClick={() => setReporting('')} className="hover:underline">
              {t('report')}
            </button>
          )}
          {report.isSuccess && <span role="status">{t('reported')}</span>}
        </p>
        {reporting !== null && (
          <form
            className="mt-1 flex flex-wrap gap-2 text-xs"
            onSubmit={(e) => {
              e.preventDefault();
              report.mutate({ messageId: m.id, reason: reporting }, { onSuccess: () => setReporting(null) });
            }}
          >
            <label htmlFor={`report-${m.id}`} className="sr-only">
              {t('reportReason')}
            </label>
            <input id={`report-${m.id}`} value={reporting} onChange={(e) => setReporting(e.target.value)} placeholder={t('reportReason')} className="flex-1 rounded border border-gray-300 px-2 py-1" />
            <button type="submit" className="text-red-700">{t('reportSubmit')}</button>
            <button type="button" onClick={() => setReporting(null)} className="text-gray-600">{t('cancel')}</button>
          </form>
        )}
        {failure && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {te(problemOf(failure).error.key)}
          </p>
        )}
      </div>
    </li>
  );
}
