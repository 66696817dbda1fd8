'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageFile } from '@/server/messaging/files';
import type { MessageView } from '@/server/messaging/messages';
import { emitQuietly } from '../../_lib/socket';
import { useTRPC } from '../../_lib/trpc';
import { fileSize } from '../bids/format';
import { problemOf } from '../contracts/problem';
import { FileUploads, useUploads } from '../files/uploads';
import { Marked } from '../needs/marked';
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
export function ConversationPanel({
  conversationId,
  userId,
  title,
  focusSeq,
  className = 'h-[70vh] min-h-96',
}: {
  conversationId: string;
  userId: string;
  title: string;
  /** Open at this message (a notification's or search hit's link). */
  focusSeq?: number;
  className?: string;
}) {
  const t = useTranslations('chat');
  const te = useTranslations('errors');
  const { state, send, loadOlder, markRead, merge, people, reveal } = useConversation(conversationId, userId);
  const uploads = useUploads('?for=message');
  const names = people.map((p) => p.name);
  const [flash, setFlash] = useState<number | null>(null);

  /** Scrolls to a message, loading history back to it first; it is briefly highlighted. */
  async function jumpTo(seq: number) {
    if (!(await reveal(seq))) return;
    stickToBottom.current = false;
    setFlash(seq);
    requestAnimationFrame(() => listRef.current?.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView({ block: 'center' }));
    setTimeout(() => setFlash((f) => (f === seq ? null : f)), 2500);
  }
  const focused = useRef(false);
  useEffect(() => {
    if (focusSeq === undefined || focused.current || state.messages.length === 0) return;
    focused.current = true;
    void jumpTo(focusSeq);
    // jumpTo is re-created each render; the first page's arrival is what matters.
  }, [focusSeq, state.messages.length]);
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
    if ((!body && uploads.files.length === 0) || uploads.busy) return;
    send(body, uploads.files);
    setDraft('');
    uploads.clear();
    stickToBottom.current = true;
  }

  // @ typed: offer the people of the conversation whose names start with what follows it.
  const at = /@([^\s@]{0,20})$/u.exec(draft);
  const suggestions = at ? people.filter((p) => p.userId !== userId && p.name.startsWith(at[1] ?? '')).slice(0, 6) : [];

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
    <section aria-label={title} className={`flex flex-col rounded-lg border border-gray-200 bg-white ${className}`}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-2">
        <h2 className="min-w-0 font-medium text-gray-900">{title}</h2>
        <p className="text-xs text-gray-600" role="status">
          {state.connected ? t('onlineCount', { count: othersOnline }) : t('offline')}
        </p>
        <HistorySearch conversationId={conversationId} onPick={(seq) => void jumpTo(seq)} />
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
          <MessageItem
            key={m.id}
            message={m}
            own={m.senderUserId === userId}
            read={m.senderUserId === userId && othersRead >= m.seq}
            onChanged={merge}
            people={names}
            flash={flash === m.seq}
          />
        ))}
        {state.pending.map((p) => (
          <li key={p.clientId} className="flex justify-end">
            <div className="max-w-[85%] rounded-lg bg-primary-50 px-3 py-2 text-sm text-gray-800 opacity-70">
              <p className="whitespace-pre-wrap break-words">
                <MessageText body={p.body} people={names} />
              </p>
              {p.files?.length ? <FileList files={p.files} /> : null}
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
        {suggestions.length > 0 && (
          <div className="mt-1 flex flex-wrap items-center gap-1 text-xs" role="group" aria-label={t('mentionPick')}>
            {suggestions.map((p) => (
              <button
                key={p.userId}
                type="button"
                className="rounded-full border border-primary-200 bg-primary-50 px-2 py-0.5 text-primary-800 hover:bg-primary-100"
                onClick={() => setDraft(draft.slice(0, draft.length - (at?.[1]?.length ?? 0)) + `${p.name} `)}
              >
                @{p.name}
              </button>
            ))}
          </div>
        )}
        <div className="mt-2">
          <FileUploads id={`files-${conversationId}`} state={uploads} label={t('attach')} hint={t('attachHint')} compact />
        </div>
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
          <button type="submit" disabled={(!draft.trim() && uploads.files.length === 0) || uploads.busy} className="rounded-md bg-primary-600 px-4 py-1.5 text-sm text-white hover:bg-primary-700 disabled:bg-gray-300">
            {t('send')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A message's files: images as thumbnails (opened full size on click), other files as chips with name and size. */
function FileList({ files }: { files: readonly MessageFile[] }) {
  const t = useTranslations('chat');
  const images = files.filter((f) => f.contentType.startsWith('image/'));
  const others = files.filter((f) => !f.contentType.startsWith('image/'));
  return (
    <div className="mt-1 space-y-1">
      {images.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {images.map((f) => (
            <a key={f.id} href={`/api/files/${f.id}`} target="_blank" rel="noopener" title={f.name}>
              <img src={`/api/files/${f.id}`} alt={f.name} loading="lazy" className="max-h-40 max-w-full rounded border border-gray-200 object-contain" />
            </a>
          ))}
        </div>
      )}
      {others.map((f) => (
        <a
          key={f.id}
          href={`/api/files/${f.id}`}
          className="flex max-w-full items-center gap-2 rounded-md border border-gray-200 bg-white px-2 py-1 text-xs text-gray-800 hover:bg-gray-50"
          aria-label={t('download', { name: f.name })}
        >
          <span aria-hidden="true">📎</span>
          <span className="min-w-0 truncate">{f.name}</span>
          <span className="shrink-0 text-gray-500 tabular-nums">{fileSize(f.size)}</span>
        </a>
      ))}
    </div>
  );
}

/** 搜索聊天记录: hits newest first, each a button that jumps to its message. */
function HistorySearch({ conversationId, onPick }: { conversationId: string; onPick: (seq: number) => void }) {
  const t = useTranslations('chat');
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const result = useQuery({ ...trpc.messages.search.queryOptions({ conversationId, query }), enabled: query.length > 0 });
  return (
    <div className="relative w-full sm:w-auto">
      <form
        role="search"
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
          setOpen(text.trim().length > 0);
        }}
      >
        <label htmlFor={`search-${conversationId}`} className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id={`search-${conversationId}`}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('searchPlaceholder')}
          className="min-w-0 flex-1 rounded-md border border-gray-300 px-2 py-1 text-sm sm:w-44"
        />
        <button type="submit" className="rounded-md border border-gray-300 px-2 py-1 text-sm text-gray-800 hover:bg-gray-50">
          {t('search')}
        </button>
      </form>
      {open && (
        <div className="absolute right-0 z-10 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-gray-200 bg-white shadow-lg sm:w-80" aria-live="polite">
          <div className="flex items-center justify-between border-b border-gray-100 px-3 py-1 text-xs text-gray-600">
            <span>{result.isFetching ? t('loading') : t('searchResults', { count: result.data?.hits.length ?? 0 })}</span>
            <button type="button" onClick={() => setOpen(false)} className="text-primary-700 hover:underline">
              {t('close')}
            </button>
          </div>
          <ul>
            {result.data?.hits.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className="block w-full px-3 py-2 text-left text-sm hover:bg-gray-50"
                  onClick={() => {
                    setOpen(false);
                    onPick(h.seq);
                  }}
                >
                  <span className="block text-xs text-gray-500">
                    {h.senderName ?? t('formerMember')} · {h.senderOrgName} · {time(h.createdAt)}
                  </span>
                  <span className="block break-words text-gray-800">
                    <Marked segments={h.segments} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function MessageItem({
  message: m,
  own,
  read,
  onChanged,
  people,
  flash,
}: {
  message: MessageView;
  own: boolean;
  read: boolean;
  onChanged: (m: MessageView[]) => void;
  people: readonly string[];
  flash: boolean;
}) {
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
      <div className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${own ? 'bg-primary-50' : 'bg-gray-100'} text-gray-800 ${flash ? 'ring-2 ring-amber-400' : ''}`}>
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
          <>
            {m.body && (
              <p className="whitespace-pre-wrap break-words">
                <MessageText body={m.body} people={people} />
              </p>
            )}
            {m.files.length > 0 && <FileList files={m.files} />}
          </>
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
