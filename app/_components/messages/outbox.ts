import type { MessageFile } from '@/server/messaging/files';

/**
 * Messages typed while the tab was offline (or not yet acknowledged), kept in localStorage so they survive a
 * reload and are sent on the next connect. Each keeps its client id: the server stores a retried id once.
 */
export interface QueuedMessage {
  conversationId: string;
  clientId: string;
  body: string;
  /** Files already uploaded (their ids are sent; name and type show the pending message). */
  files?: MessageFile[];
  queuedAt: string;
}

const key = (userId: string) => `kc.chat.outbox.${userId}`;

export function readOutbox(userId: string): QueuedMessage[] {
  try {
    const raw = window.localStorage.getItem(key(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as QueuedMessage[]).filter((m) => typeof m?.clientId === 'string' && typeof m.body === 'string') : [];
  } catch {
    return [];
  }
}

function write(userId: string, items: QueuedMessage[]): void {
  try {
    window.localStorage.setItem(key(userId), JSON.stringify(items));
  } catch {
    // Storage full or disabled: the message stays in memory for this tab only.
  }
}

export function enqueue(userId: string, message: QueuedMessage): void {
  write(userId, [...readOutbox(userId).filter((m) => m.clientId !== message.clientId), message]);
}

export function dequeue(userId: string, clientId: string): void {
  write(userId, readOutbox(userId).filter((m) => m.clientId !== clientId));
}
