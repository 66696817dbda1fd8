import { z } from 'zod';
import type { Db } from '@/db/client';
import { setMessagingAnnouncer, type MessagingAnnouncer } from '../messaging/announce';
import { markRead, participantConversation, participantOrgIds } from '../messaging/conversations';
import { historyInput, sendMessageInput } from '../messaging/inputs';
import { history, sendMessage, type MessageView } from '../messaging/messages';
import { notifyMentions } from '../messaging/mentions';
import { notifyOfflineParticipants } from '../messaging/offline';
import { conversationRoom, orgRoom } from './events';
import { handle, type RealtimeSocket } from './handlers';
import type { RealtimeServer } from './server';

const conversationOnly = z.object({ conversationId: z.uuid() });
const readInput = z.object({ conversationId: z.uuid(), seq: z.number().int().min(0) });

/** How long after a message the offline participants are looked for (one look per burst of messages). */
const OFFLINE_NOTIFY_DELAY_MS = 3000;
/** Participant organisations rarely change (never for direct, Q&A and contract rooms): a short cache spares a query per message. */
const PARTICIPANTS_TTL_MS = 30_000;
/** How long presence waits for the other instances (through Redis) before answering with this one's sockets. */
const PRESENCE_WAIT_MS = 1000;

/**
 * 在线沟通 over socket.io. Every event re-checks, through the domain, that the actor's organisation takes
 * part in the conversation (not only on join). Messages are emitted only after their transaction has
 * committed; clients de-duplicate by id and backfill gaps by seq, so a re-emit (a retried send) is harmless.
 */
export function createMessaging(io: RealtimeServer, db: Db) {
  const participantsCache = new Map<string, { orgIds: string[]; at: number }>();
  const pendingOffline = new Map<string, NodeJS.Timeout>();

  async function orgIdsOf(conversationId: string): Promise<string[]> {
    const hit = participantsCache.get(conversationId);
    if (hit && Date.now() - hit.at < PARTICIPANTS_TTL_MS) return hit.orgIds;
    const orgIds = await participantOrgIds(db, conversationId);
    participantsCache.set(conversationId, { orgIds, at: Date.now() });
    return orgIds;
  }

  /**
   * Who has the conversation open, on every instance. Asking the other instances goes through Redis, and
   * while Redis is down that question waits for it to come back: after a short wait the answer is this
   * instance's own sockets, so joining (and its backfill) never hangs on Redis — presence is only a hint.
   */
  async function usersInRoom(conversationId: string): Promise<Set<string>> {
    const room = conversationRoom(conversationId);
    let timer: NodeJS.Timeout | undefined;
    const localOnly = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), PRESENCE_WAIT_MS);
    });
    try {
      const everywhere = io.in(room).fetchSockets();
      everywhere.catch(() => {});
      const first = await Promise.race([everywhere, localOnly]);
      const sockets = first === 'timeout' ? await io.local.in(room).fetchSockets() : first;
      return new Set(sockets.map((s) => s.data.userId));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Users with the conversation open count as online; the others get one notification per unread stretch. */
  function scheduleOfflineNotifications(conversationId: string): void {
    if (pendingOffline.has(conversationId)) return;
    const timer = setTimeout(() => {
      pendingOffline.delete(conversationId);
      usersInRoom(conversationId)
        .then((online) => notifyOfflineParticipants(db, conversationId, online))
        .catch((e: unknown) => console.error('[messaging] offline notifications', e));
    }, OFFLINE_NOTIFY_DELAY_MS);
    timer.unref();
    pendingOffline.set(conversationId, timer);
  }

  function emitNew(message: MessageView): void {
    io.to(conversationRoom(message.conversationId)).emit('message:new', message);
    orgIdsOf(message.conversationId)
      .then((orgIds) => {
        // Members looking at the conversation already got the message itself; the rest update lists and badges.
        if (orgIds.length)
          io.to(orgIds.map(orgRoom))
            .except(conversationRoom(message.conversationId))
            .emit('conversation:activity', { conversationId: message.conversationId, seq: message.seq });
      })
      .catch((e: unknown) => console.error('[messaging] activity', e));
    scheduleOfflineNotifications(message.conversationId);
    // @mentions: told at once, online or not (idempotent, so a re-emitted retry tells no one twice).
    if (message.body.includes('@')) notifyMentions(db, message).catch((e: unknown) => console.error('[messaging] mentions', e));
  }

  const announcer: MessagingAnnouncer = {
    messageNew: emitNew,
    messageUpdated: (message) => void io.to(conversationRoom(message.conversationId)).emit('message:updated', message),
  };

  function register(socket: RealtimeSocket): void {
    handle(socket, db, 'conversation:join', conversationOnly, async ({ conversationId }, { actor }) => {
      const conversation = await participantConversation(db, actor, conversationId);
      const room = conversationRoom(conversation.id);
      await socket.join(room);
      socket.to(room).emit('presence', { conversationId, userId: actor.userId, online: true });
      return { lastSeq: conversation.lastSeq, online: [...(await usersInRoom(conversationId))] };
    });

    handle(socket, db, 'conversation:leave', conversationOnly, async ({ conversationId }, { actor }) => {
      await socket.leave(conversationRoom(conversationId));
      await announceOfflineIfGone(conversationId, actor.userId);
      return null;
    });

    handle(socket, db, 'message:send', sendMessageInput, async (payload, { actor }) => {
      const { message } = await sendMessage(db, actor, { ...payload, attachmentIds: payload.attachmentIds ?? [] });
      // Emitted for a retry too: the first attempt may have committed without reaching anyone (server killed).
      emitNew(message);
      return { id: message.id, seq: message.seq, message };
    });

    handle(socket, db, 'message:read', readInput, async (payload, { actor }) => {
      const result = await markRead(db, actor, payload);
      io.to(conversationRoom(payload.conversationId)).emit('message:read', {
        conversationId: payload.conversationId,
        userId: actor.userId,
        seq: result.lastReadSeq,
      });
      return result;
    });

    handle(socket, db, 'conversation:history', historyInput, (payload, { actor }) => history(db, actor, { ...payload, limit: payload.limit ?? 50 }));

    handle(socket, db, 'typing', conversationOnly, async ({ conversationId }, { actor }) => {
      await participantConversation(db, actor, conversationId);
      socket.to(conversationRoom(conversationId)).emit('typing', { conversationId, userId: actor.userId, name: actor.name });
      return null;
    });

    socket.on('disconnecting', () => {
      const userId = socket.data.userId;
      const rooms = [...socket.rooms].filter((r) => r.startsWith('conversation:'));
      // After the socket is gone, tell each room it left unless the user still has another tab there.
      setImmediate(() => {
        for (const room of rooms) void announceOfflineIfGone(room.slice('conversation:'.length), userId);
      });
    });
  }

  async function announceOfflineIfGone(conversationId: string, userId: string): Promise<void> {
    try {
      if ((await usersInRoom(conversationId)).has(userId)) return;
      io.to(conversationRoom(conversationId)).emit('presence', { conversationId, userId, online: false });
    } catch (e) {
      console.error('[messaging] presence', e);
    }
  }

  return {
    register,
    announcer,
    install: () => setMessagingAnnouncer(announcer),
    close() {
      for (const timer of pendingOffline.values()) clearTimeout(timer);
      pendingOffline.clear();
    },
  };
}
