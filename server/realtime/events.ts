/**
 * The typed socket.io event map, shared by the server and the browser client. Event names are
 * `domain:action`; every client→server event answers through a typed ack.
 */
export interface NotificationPayload {
  id: string;
  kind: string;
  payload: Record<string, string | number | null>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export type Ack<T> = (response: { ok: true; data: T } | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  'notification:new': (notification: NotificationPayload) => void;
  'notification:read': (payload: { ids: string[] | 'all'; unread: number }) => void;
  'session:revoked': () => void;
}

export interface ClientToServerEvents {
  'ping:echo': (payload: { at: number }, ack: Ack<{ at: number }>) => void;
}

export interface SocketData {
  userId: string;
  sessionId: string;
  orgId: string | null;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const orgRoom = (orgId: string) => `org:${orgId}`;
