import type { MessageView } from '../messaging/messages';

/**
 * The typed socket.io event map, shared by the server and the browser client (type imports only on the
 * client, so none of this reaches its bundle). Event names are `domain:action`.
 *
 * Adding a client→server event: declare it below as `(payload: P, ack: Ack<R>) => void`, then register it
 * in server.ts's connection handler with `handle(socket, db, 'domain:action', zodSchemaOfP, handler)`
 * (server/realtime/handlers.ts): the payload is validated, the session re-checked for that very event,
 * and the sender always gets `{ ok: true, data: R }` or `{ ok: false, error: <errors key>, fields? }`.
 * Server→client pushes go through the domain's Announcer (server/notifications/announcer.ts), after commit.
 */
export interface NotificationPayload {
  id: string;
  kind: string;
  payload: Record<string, string | number | null>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Why an event was refused: `error` is a key of the `errors` namespace; `fields` as tRPC's zod field errors. */
export interface AckError {
  ok: false;
  error: string;
  fields?: Record<string, string>;
}
export type AckResponse<T> = { ok: true; data: T } | AckError;
export type Ack<T> = (response: AckResponse<T>) => void;

export interface ServerToClientEvents {
  /** A notification was stored for this user (sent to every open tab). */
  'notification:new': (notification: NotificationPayload) => void;
  /** Notifications were marked read in some tab: the others update their badge to `unread`. */
  'notification:read': (payload: { ids: string[] | 'all'; unread: number }) => void;
  /** The session behind this socket was revoked (logout, password change, deletion); a disconnect follows. */
  'session:revoked': () => void;
  /** A message was stored (after commit) in a conversation this socket joined. */
  'message:new': (message: MessageView) => void;
  /** A message was edited or withdrawn (已撤回). */
  'message:updated': (message: MessageView) => void;
  /** A participant's read cursor moved (已读). */
  'message:read': (payload: { conversationId: string; userId: string; seq: number }) => void;
  /** Someone in the conversation is typing (sent at most every few seconds while they type). */
  typing: (payload: { conversationId: string; userId: string; name: string }) => void;
  /** A participant opened or left the conversation. */
  presence: (payload: { conversationId: string; userId: string; online: boolean }) => void;
  /** New activity in one of the organisation's conversations (for lists and unread badges). */
  'conversation:activity': (payload: { conversationId: string; seq: number }) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check (latency, liveness of the session): answers the client's own timestamp. */
  'ping:echo': (payload: { at: number }, ack: Ack<{ at: number }>) => void;
  /** Open a conversation's live stream (participants only); answers its last seq and who is online there. */
  'conversation:join': (payload: { conversationId: string }, ack: Ack<{ lastSeq: number; online: string[] }>) => void;
  'conversation:leave': (payload: { conversationId: string }, ack: Ack<null>) => void;
  /** Store a message (idempotent by clientId); the ack carries its id and seq once committed. */
  'message:send': (
    payload: { conversationId: string; clientId: string; body: string; attachmentIds?: string[] },
    ack: Ack<{ id: string; seq: number; message: MessageView }>,
  ) => void;
  'message:read': (payload: { conversationId: string; seq: number }, ack: Ack<{ lastReadSeq: number }>) => void;
  /** Backfill over the socket itself (same as the tRPC history): messages after `afterSeq`, ascending. */
  'conversation:history': (
    payload: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit?: number },
    ack: Ack<{ messages: MessageView[]; lastSeq: number; hasMore: boolean }>,
  ) => void;
  typing: (payload: { conversationId: string }, ack: Ack<null>) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  orgId: string | null;
}

/** Every tab of a user. */
export const userRoom = (userId: string) => `user:${userId}`;
/** Every connected member of an organisation. */
export const orgRoom = (orgId: string) => `org:${orgId}`;
/** The sockets opened with one login session: revoking the session disconnects exactly these. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The sockets that opened one conversation (participants only: joining checks membership). */
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
