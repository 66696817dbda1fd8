import { z } from 'zod';
import type { Db } from '@/db/client';
import { actorForSession } from '../auth/sessions';
import { setMessagingAnnouncer, type MessagingAnnouncer } from '../messaging/announce';
import { participantConversation, participantOrgIds, participantUserIds } from '../messaging/conversations';
import { markReadAsSession } from '../messaging/session-statements';
import { historyInput, sendMessageInput } from '../messaging/inputs';
import { history, sendMessage, sendMessageAsSession, type MessageView } from '../messaging/messages';
import { notifyMentions } from '../messaging/mentions';
import { notifyOfflineParticipants } from '../messaging/offline';
import { conversationRoom, orgRoom } from './events';
import { handle, handleCheckingSession, type RealtimeSocket } from './handlers';
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
  const participantUsersCache = new Map<string, { userIds: string[]; at: number }>();
  const pendingOffline = new Map<string, NodeJS.Timeout>();

  /** The participants' users, cached as briefly: a member who joins meanwhile is found by the next sweep after it. */
  async function userIdsOf(conversationId: string): Promise<string[]> {
    const hit = participantUsersCache.get(conversationId);
    if (hit && Date.now() - hit.at < PARTICIPANTS_TTL_MS) return hit.userIds;
    const userIds = await participantUserIds(db, conversationId);
    participantUsersCache.set(conversationId, { userIds, at: Date.now() });
    return userIds;
  }

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
      Promise.all([usersInRoom(conversationId), userIdsOf(conversationId)])
        .then(([online, everyone]) => {
          // Everyone has it open (the busy case): no transaction to find that nobody is offline.
          if (everyone.every((userId) => online.has(userId))) return;
          return notifyOfflineParticipants(db, conversationId, online);
        })
        .catch((e: unknown) => console.error('[messaging] offline notifications', e));
    }, OFFLINE_NOTIFY_DELAY_MS);
    timer.unref();
    pendingOffline.set(conversationId, timer);
  }

  function emitNew(message: MessageView, exceptSocketId?: string): void {
    const room = io.to(conversationRoom(message.conversationId));
    (exceptSocketId ? room.except(exceptSocketId) : room).emit('message:new', message);
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
    messageNew: (message) => emitNew(message),
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

    handleCheckingSession(socket, db, 'message:send', sendMessageInput, async (payload, { sessionId }) => {
      const input = { ...payload, attachmentIds: payload.attachmentIds ?? [] };
      let sent: { message: MessageView; orgId: string | null } | null;
      if (input.attachmentIds.length === 0) {
        // The hot path: session, membership, idempotency, seq and insert in one statement.
        const stored = await sendMessageAsSession(db, sessionId, input);
        sent = stored && { message: stored.message, orgId: stored.sender.orgId };
      } else {
        const actor = await actorForSession(db, sessionId);
        sent = actor && { message: (await sendMessage(db, actor, input)).message, orgId: actor.org?.id ?? null };
      }
      if (!sent) return null;
      const { message } = sent;
      // Emitted for a retry too: the first attempt may have committed without reaching anyone (server killed).
      // The sending socket has it in the ack (its user's other tabs get the broadcast).
      emitNew(message, socket.id);
      return { orgId: sent.orgId, data: { id: message.id, seq: message.seq, message } };
    });

    // Every reader sends these while messages arrive: one statement each, session checked inside it.
    handleCheckingSession(socket, db, 'message:read', readInput, async (payload, { sessionId }) => {
      const moved = await markReadAsSession(db, sessionId, payload);
      if (!moved) return null;
      io.to(conversationRoom(payload.conversationId)).emit('message:read', {
        conversationId: payload.conversationId,
        userId: moved.userId,
        seq: moved.lastReadSeq,
      });
      return { orgId: moved.orgId, data: { lastReadSeq: moved.lastReadSeq } };
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
