import type { Socket } from 'socket.io';
import type { z, ZodError } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { actorForSession } from '../auth/sessions';
import { AppError } from '../errors';
import {
  orgRoom,
  type Ack,
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
  // socket.io's typed `on` cannot be called with a generic event name; the listener below checks everything itself.
  const untyped = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  untyped.on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function' || args.length < 2) return;
    const reply = ack as (response: AckResponse<ResultOf<E>>) => void;
    void run(args[0]).then(reply, (e: unknown) => {
      if (e instanceof AppError) return reply({ ok: false, error: e.messageKey });
      console.error(`[realtime] ${event}`, e);
      reply({ ok: false, error: 'internal' });
    });
  });

  async function run(raw: unknown): Promise<AckResponse<ResultOf<E>>> {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: 'invalidInput', fields: fieldsOf(parsed.error) };
    const actor = await actorForSession(db, socket.data.sessionId);
    if (!actor) {
      // Revoked while this socket stayed open (e.g. the broadcast was missed while Redis was down).
      setImmediate(() => {
        socket.emit('session:revoked');
        socket.disconnect();
      });
      return { ok: false, error: 'unauthorized' };
    }
    syncOrgRoom(socket, actor.org?.id ?? null);
    return { ok: true, data: await handler(parsed.data, { db, actor, socket }) };
  }
}

/** Keeps the socket in the room of the organisation the user belongs to now. */
export function syncOrgRoom(socket: RealtimeSocket, orgId: string | null): void {
  if (socket.data.orgId === orgId) return;
  if (socket.data.orgId) void socket.leave(orgRoom(socket.data.orgId));
  if (orgId) void socket.join(orgRoom(orgId));
  socket.data.orgId = orgId;
}
