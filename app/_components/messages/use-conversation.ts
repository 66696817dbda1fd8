'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageFile } from '@/server/messaging/files';
import type { MessageView } from '@/server/messaging/messages';
import { emitWithAck, realtimeConnected, useRealtimeConnection, useSocketEvent } from '../../_lib/socket';
import { useTRPC } from '../../_lib/trpc';
import { dequeue, enqueue, readOutbox, type QueuedMessage } from './outbox';

/** Final refusals: retrying will not help, so the queued message is dropped and shown as failed. */
const FINAL_ERRORS = new Set(['notFound', 'invalidInput', 'forbidden', 'orgNotVerified', 'unauthorized']);
/** Read receipts (已读) go out at most this often per conversation. */
const READ_INTERVAL_MS = 1000;

export interface ConversationState {
  /** Stored messages by seq, ascending, one per id. */
  messages: MessageView[];
  /** Typed here and not yet acknowledged (queued in localStorage). */
  pending: Array<QueuedMessage & { failed?: string }>;
  hasOlder: boolean;
  loadingOlder: boolean;
  online: Set<string>;
  typing: Map<string, { name: string; until: number }>;
  /** userId → last read seq (read receipts). */
  reads: Map<string, number>;
  connected: boolean;
}

/**
 * One conversation's live state. On every connect: join the room first (subscribe), then backfill from the
 * database everything after the highest contiguous seq held, de-duplicating by id (tRPC next-sse-chat):
 * no gap, no duplicate. A live message that skips a seq triggers the same backfill. Then the outbox is sent.
 */
export function useConversation(conversationId: string, userId: string) {
  useRealtimeConnection();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const byId = useRef(new Map<string, MessageView>());
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [pending, setPending] = useState<ConversationState['pending']>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [online, setOnline] = useState<Set<string>>(new Set());
  const [typing, setTyping] = useState<ConversationState['typing']>(new Map());
  const [reads, setReads] = useState<Map<string, number>>(new Map());
  const [people, setPeople] = useState<Array<{ userId: string; name: string }>>([]);
  const [connected, setConnected] = useState(false);
  const backfilling = useRef<Promise<void> | null>(null);

  const merge = useCallback((incoming: readonly MessageView[]) => {
    let changed = false;
    for (const m of incoming) {
      if (m.conversationId !== conversationId) continue;
      const held = byId.current.get(m.id);
      // Same id: keep the newer state (an edit or withdrawal), never a second copy.
      if (!held || (m.editedAt ?? '') > (held.editedAt ?? '') || (m.deleted && !held.deleted)) {
        byId.current.set(m.id, m);
        changed = true;
      }
    }
    if (changed) setMessages([...byId.current.values()].sort((a, b) => a.seq - b.seq));
  }, [conversationId]);

  /** The highest seq up to which nothing is missing. */
  const contiguousSeq = useCallback(() => {
    const seqs = [...byId.current.values()].map((m) => m.seq).sort((a, b) => a - b);
    if (seqs.length === 0) return 0;
    let top = seqs[0] ?? 0;
    for (const s of seqs) {
      if (s > top + 1) break;
      top = s;
    }
    return top;
  }, []);

  const fetchHistory = useCallback(
    (input: { afterSeq?: number; beforeSeq?: number }) =>
      queryClient.fetchQuery({ ...trpc.messages.history.queryOptions({ conversationId, limit: 100, ...input }), staleTime: 0 }),
    [conversationId, queryClient, trpc],
  );

  const backfill = useCallback(() => {
    backfilling.current ??= (async () => {
      try {
        for (;;) {
          const page = await fetchHistory({ afterSeq: contiguousSeq() });
          merge(page.messages);
          if (!page.hasMore) break;
        }
      } finally {
        backfilling.current = null;
      }
    })();
    return backfilling.current;
  }, [contiguousSeq, fetchHistory, merge]);

  const sendQueued = useCallback(
    async (item: QueuedMessage) => {
      try {
        const ack = await emitWithAck('message:send', {
          conversationId: item.conversationId,
          clientId: item.clientId,
          body: item.body,
          attachmentIds: (item.files ?? []).map((f) => f.id),
        });
        if (ack.ok) {
          dequeue(userId, item.clientId);
          merge([ack.data.message]);
          setPending((p) => p.filter((m) => m.clientId !== item.clientId));
        } else if (FINAL_ERRORS.has(ack.error)) {
          dequeue(userId, item.clientId);
          setPending((p) => p.map((m) => (m.clientId === item.clientId ? { ...m, failed: ack.error } : m)));
        }
      } catch {
        // Offline or no answer: it stays queued and goes out on the next connect (same client id).
      }
    },
    [merge, userId],
  );

  const flushOutbox = useCallback(async () => {
    for (const item of readOutbox(userId)) await sendQueued(item);
  }, [sendQueued, userId]);

  const resume = useCallback(async () => {
    setConnected(realtimeConnected());
    try {
      const joined = await emitWithAck('conversation:join', { conversationId });
      if (joined.ok) setOnline(new Set(joined.data.online));
    } catch {
      return;
    }
    await backfill();
    await flushOutbox();
  }, [backfill, conversationId, flushOutbox]);

  // First page (latest messages) and the queued ones of this conversation, then the live stream.
  useEffect(() => {
    byId.current = new Map();
    setMessages([]);
    setPending(readOutbox(userId).filter((m) => m.conversationId === conversationId));
    let cancelled = false;
    void fetchHistory({}).then((page) => {
      if (cancelled) return;
      merge(page.messages);
      setHasOlder(page.hasMore);
      if (realtimeConnected()) void resume();
    });
    void queryClient
      .fetchQuery({ ...trpc.messages.conversation.queryOptions({ conversationId }), staleTime: 0 })
      .then((detail) => {
        if (cancelled) return;
        setReads(new Map(detail.reads.map((r) => [r.userId, r.lastReadSeq])));
        setPeople(detail.people);
      });
    return () => {
      cancelled = true;
      void emitWithAck('conversation:leave', { conversationId }).catch(() => {});
    };
    // Runs once per conversation (the callbacks it uses are stable for a given conversation).
  }, [conversationId]);

  useSocketEvent('connect', () => void resume());
  useSocketEvent('message:new', (m) => {
    if (m.conversationId !== conversationId) return;
    const gap = m.seq > contiguousSeq() + 1;
    merge([m]);
    setTyping((t) => {
      if (!m.senderUserId || !t.has(m.senderUserId)) return t;
      const next = new Map(t);
      next.delete(m.senderUserId);
      return next;
    });
    if (gap) void backfill();
  });
  useSocketEvent('message:updated', (m) => merge([m]));
  useSocketEvent('message:read', (r) => {
    if (r.conversationId !== conversationId) return;
    setReads((prev) => new Map(prev).set(r.userId, Math.max(prev.get(r.userId) ?? 0, r.seq)));
  });
  useSocketEvent('presence', (p) => {
    if (p.conversationId !== conversationId) return;
    setOnline((prev) => {
      const next = new Set(prev);
      if (p.online) next.add(p.userId);
      else next.delete(p.userId);
      return next;
    });
  });
  useSocketEvent('typing', (t) => {
    if (t.conversationId !== conversationId || t.userId === userId) return;
    setTyping((prev) => new Map(prev).set(t.userId, { name: t.name, until: Date.now() + 4000 }));
  });

  // Typing hints fade on their own.
  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => {
      setTyping((prev) => {
        const next = new Map([...prev].filter(([, v]) => v.until > Date.now()));
        return next.size === prev.size ? prev : next;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [typing.size]);

  const send = useCallback(
    (body: string, files: MessageFile[] = []) => {
      const item: QueuedMessage = { conversationId, clientId: crypto.randomUUID(), body, files, queuedAt: new Date().toISOString() };
      enqueue(userId, item);
      setPending((p) => [...p, item]);
      void sendQueued(item);
    },
    [conversationId, sendQueued, userId],
  );

  const loadOlder = useCallback(async () => {
    const first = [...byId.current.values()].reduce((min, m) => Math.min(min, m.seq), Number.POSITIVE_INFINITY);
    if (!Number.isFinite(first)) return;
    setLoadingOlder(true);
    try {
      const page = await fetchHistory({ beforeSeq: first });
      merge(page.messages);
      setHasOlder(page.hasMore);
    } finally {
      setLoadingOlder(false);
    }
  }, [fetchHistory, merge]);

  /** Loads history back until the message with `seq` is held (a search hit, a notification's link). */
  const reveal = useCallback(
    async (seq: number): Promise<boolean> => {
      for (let page = 0; page < 100; page++) {
        const held = [...byId.current.values()];
        if (held.some((m) => m.seq === seq)) return true;
        const first = held.reduce((min, m) => Math.min(min, m.seq), Number.POSITIVE_INFINITY);
        if (Number.isFinite(first) && first < seq) return false;
        const older = await fetchHistory({ beforeSeq: Number.isFinite(first) ? first : seq + 1 });
        merge(older.messages);
        setHasOlder(older.hasMore);
        if (older.messages.length === 0) return false;
      }
      return false;
    },
    [fetchHistory, merge],
  );

  const lastReadSent = useRef(0);
  const lastReadAt = useRef(0);
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A busy conversation would otherwise cost a read event (and a refetch of the list) per message for every
  // reader: at most one a second, carrying the latest seq held when it goes.
  const markRead = useCallback(() => {
    if (readTimer.current) return;
    readTimer.current = setTimeout(() => {
      readTimer.current = null;
      const top = contiguousSeq();
      if (top <= lastReadSent.current || document.visibilityState !== 'visible') return;
      lastReadSent.current = top;
      lastReadAt.current = Date.now();
      void emitWithAck('message:read', { conversationId, seq: top })
        .then(() => queryClient.invalidateQueries(trpc.messages.conversations.pathFilter()))
        .catch(() => {
          lastReadSent.current = 0;
        });
    }, Math.max(0, lastReadAt.current + READ_INTERVAL_MS - Date.now()));
  }, [contiguousSeq, conversationId, queryClient, trpc]);
  useEffect(
    () => () => {
      if (readTimer.current) clearTimeout(readTimer.current);
      readTimer.current = null;
    },
    [],
  );

  // The shared socket exposes no disconnect event to listeners; the status line only needs to be roughly current.
  useEffect(() => {
    const timer = setInterval(() => setConnected(realtimeConnected()), 1500);
    return () => clearInterval(timer);
  }, []);

  return {
    state: { messages, pending, hasOlder, loadingOlder, online, typing, reads, connected } satisfies ConversationState,
    people,
    reveal,
    send,
    loadOlder,
    markRead,
    merge,
  };
}
