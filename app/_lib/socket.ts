'use client';
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/server/realtime/events';

/**
 * One socket.io connection per browser tab, shared by every component that listens. It opens only while
 * a signed-in component uses it (the bell is rendered for signed-in users only), and socket.io-client is
 * imported lazily after the page is idle, so it never counts toward first-load JS. Same origin, so the
 * httpOnly session cookie goes along with the handshake; the server refuses anything else.
 */
type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type ServerEvent = keyof ServerToClientEvents;
type AnyHandler = (...args: unknown[]) => void;
/** `connect` (every connect and reconnect) lets listeners catch up on what they may have missed. */
type Subscription = { event: ServerEvent | 'connect'; handler: AnyHandler };

const subscriptions = new Set<Subscription>();
let socket: AppSocket | null = null;
let starting: Promise<void> | null = null;
let users = 0;

function whenIdle(run: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 200);
}

function start(): void {
  if (socket || starting) return;
  starting = new Promise<void>((resolve) => whenIdle(resolve))
    .then(() => import('socket.io-client'))
    .then(({ io }) => {
      starting = null;
      if (users === 0) return; // everyone left while loading
      const s: AppSocket = io({ tryAllTransports: true });
      const untyped = s as unknown as { on(event: string, handler: AnyHandler): void };
      for (const sub of subscriptions) untyped.on(sub.event, sub.handler);
      socket = s;
    })
    .catch(() => {
      // Offline or the chunk failed to load: the page works without live updates; next mount retries.
      starting = null;
    });
}

function stop(): void {
  socket?.disconnect();
  socket = null;
}

/** Keeps the shared connection open while the calling component is mounted. */
export function useRealtimeConnection(): void {
  useEffect(() => {
    users++;
    start();
    return () => {
      users--;
      if (users === 0) stop();
    };
  }, []);
}

/** Calls `handler` for every `event` pushed to this user (latest handler, no re-subscribing on re-render). */
export function useSocketEvent<E extends ServerEvent | 'connect'>(
  event: E,
  handler: E extends ServerEvent ? ServerToClientEvents[E] : () => void,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const sub: Subscription = { event, handler: (...args) => (latest.current as AnyHandler)(...args) };
    subscriptions.add(sub);
    (socket as unknown as { on(event: string, handler: AnyHandler): void } | null)?.on(event, sub.handler);
    return () => {
      subscriptions.delete(sub);
      (socket as unknown as { off(event: string, handler: AnyHandler): void } | null)?.off(event, sub.handler);
    };
  }, [event]);
}

/**
 * Sends a client event and waits for its ack (messaging). Rejects when the tab is not connected or the
 * server does not answer in time: the caller keeps the payload (e.g. in its outbox) and retries on `connect`.
 */
export function emitWithAck<E extends keyof ClientToServerEvents>(
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 8000,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  const s = socket as unknown as { connected: boolean; timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<never> } } | null;
  if (!s?.connected) return Promise.reject(new Error('offline'));
  return s.timeout(timeoutMs).emitWithAck(event, payload);
}

/** Fire-and-forget variant for hints that may be lost (typing). */
export function emitQuietly<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): void {
  void emitWithAck(event, payload).catch(() => {});
}

/** Whether the tab's connection is open now. */
export function realtimeConnected(): boolean {
  return (socket as unknown as { connected?: boolean } | null)?.connected === true;
}
