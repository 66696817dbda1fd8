import type { Socket } from 'socket.io';
import type { z, ZodError } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { actorForSession } from '../auth/sessions';
import { AppError } from '../errors';
import {
  orgRoom,
  type Ack,
  type AckError,
  type AckResponse,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './events';

export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type ClientEvent = keyof ClientToServerEvents;
export type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
export type ResultOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends Ack<infer R> ? R : never;

export interface EventContext {
  db: Db;
  /** Re-read from the sessions table for this very event: a revoked session never acts. */
  actor: Actor;
  socket: RealtimeSocket;
}

export type EventHandler<E extends ClientEvent> = (payload: PayloadOf<E>, ctx: EventContext) => Promise<ResultOf<E>> | ResultOf<E>;

/** zod issues as the forms know them from tRPC: path → `v.<issue code>` or the schema's own `v.*` message. */
function fieldsOf(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message.startsWith('v.') ? issue.message : `v.${issue.code}`;
  }
  return fields;
}

/**
 * Registers a client→server event the one way every event is handled:
 * the payload is validated with `schema`, the session is checked again (it may have been revoked since
 * the handshake, or the user moved organisation), the handler runs, and the client always gets a typed
 * ack — `{ ok: true, data }` or `{ ok: false, error: <errors key>, fields? }`. An event sent without an
 * ack callback is ignored: there would be no way to tell the sender what happened.
 */
export function handle<E extends ClientEvent>(
  socket: RealtimeSocket,
  db: Db,
  event: E,
  schema: z.ZodType<PayloadOf<E>>,
  handler: EventHandler<E>,
): void {
  listen(socket, event, schema, async (payload) => {
    const actor = await actorForSession(db, socket.data.sessionId);
    if (!actor) return refuseRevoked(socket);
    syncOrgRoom(socket, actor.org?.id ?? null);
    return { ok: true, data: await handler(payload, { db, actor, socket }) };
  });
}

/**
 * The same, for the hot path (message:send): the handler checks the session itself, inside the statement
 * that does its work (so the event costs one statement, and the check is as fresh as the write). It answers
 * the organisation the user belongs to now with its result, or null when the session is gone.
 */
export function handleCheckingSession<E extends ClientEvent>(
  socket: RealtimeSocket,
  db: Db,
  event: E,
  schema: z.ZodType<PayloadOf<E>>,
  handler: (payload: PayloadOf<E>, ctx: { db: Db; sessionId: string; socket: RealtimeSocket }) => Promise<{ orgId: string | null; data: ResultOf<E> } | null>,
): void {
  listen(socket, event, schema, async (payload) => {
    const done = await handler(payload, { db, sessionId: socket.data.sessionId, socket });
    if (!done) return refuseRevoked(socket);
    syncOrgRoom(socket, done.orgId);
    return { ok: true, data: done.data };
  });
}

function listen<E extends ClientEvent>(
  socket: RealtimeSocket,
  event: E,
  schema: z.ZodType<PayloadOf<E>>,
  run: (payload: PayloadOf<E>) => Promise<AckResponse<ResultOf<E>>>,
): void {
  // socket.io's typed `on` cannot be called with a generic event name; the listener below checks everything itself.
  const untyped = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  untyped.on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function' || args.length < 2) return;
    const reply = ack as (response: AckResponse<ResultOf<E>>) => void;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) return reply({ ok: false, error: 'invalidInput', fields: fieldsOf(parsed.error) });
    void run(parsed.data).then(reply, (e: unknown) => {
      if (e instanceof AppError) return reply({ ok: false, error: e.messageKey });
      console.error(`[realtime] ${event}`, e);
      reply({ ok: false, error: 'internal' });
    });
  });
}

/** Revoked while this socket stayed open (e.g. the broadcast was missed while Redis was down). */
function refuseRevoked(socket: RealtimeSocket): AckError {
  setImmediate(() => {
    socket.emit('session:revoked');
    socket.disconnect();
  });
  return { ok: false, error: 'unauthorized' };
}

/** Keeps the socket in the room of the organisation the user belongs to now. */
export function syncOrgRoom(socket: RealtimeSocket, orgId: string | null): void {
  if (socket.data.orgId === orgId) return;
  if (socket.data.orgId) void socket.leave(orgRoom(socket.data.orgId));
  if (orgId) void socket.join(orgRoom(orgId));
  socket.data.orgId = orgId;
}
