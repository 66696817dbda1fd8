import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { actorFromCookies } from '../auth/cookie';
import type { Env } from '../env';
import { announcer as installedAnnouncer, setAnnouncer, type Announcer } from '../notifications/announcer';
import {
  orgRoom,
  sessionRoom,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './events';
import { handle } from './handlers';
import { createMessaging } from './messaging-handlers';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeOptions {
  db: Db;
  env: Env;
  /** Install this server as the process's announcer (default). Tests running two instances in one process choose. */
  installAnnouncer?: boolean;
  /** Redis pub/sub key prefix; instances that share rooms must share it (tests isolate themselves with their own). */
  redisKey?: string;
}

export interface Realtime {
  io: RealtimeServer;
  announcer: Announcer;
  close(): Promise<void>;
}

/** Origins allowed to open a socket: the app's own public origin (and localhost equivalents for local installs). */
export function allowedOrigins(env: Env): Set<string> {
  const origins = new Set([new URL(env.APP_URL).origin]);
  if (env.NODE_ENV !== 'production' || !env.DATABASE_URL) {
    origins.add(`http://localhost:${env.PORT}`);
    origins.add(`http://127.0.0.1:${env.PORT}`);
  }
  return origins;
}

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on WebSocket and cross-origin
 * requests, so a page elsewhere cannot open a socket with the user's cookie. Clients that send no Origin
 * (tests, the chat bench, other servers) are not browsers acting for a user; they still need a valid
 * session cookie in the handshake below.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, origins: Set<string>): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origins.has(origin);
}

const pingInput = z.object({ at: z.number().finite() });

export async function attachRealtime(
  httpServer: HttpServer,
  { db, env, installAnnouncer = true, redisKey }: RealtimeOptions,
): Promise<Realtime> {
  const origins = allowedOrigins(env);
  const io: RealtimeServer = new Server(httpServer, {
    // Other upgrades (Next's dev HMR) are handled after socket.io's; it must not destroy them.
    destroyUpgrade: false,
    serveClient: false,
    // Engine.io calls this for every handshake (polling or WebSocket); later requests carry the handshake's sid.
    allowRequest: (req, callback) => {
      if (originAllowed(req, origins)) callback(null, true);
      else callback('origin not allowed', false);
    },
    // Events are small JSON; files go over HTTP.
    maxHttpBufferSize: 256 * 1024,
  });

  let closeAdapter = async () => {};
  if (env.REDIS_URL) {
    const [{ createAdapter }, { Redis }] = await Promise.all([import('@socket.io/redis-adapter'), import('ioredis')]);
    const pub = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (e: Error) => console.error('[redis]', e.message));
    io.adapter(createAdapter(pub, sub, redisKey ? { key: redisKey } : {}));
    closeAdapter = async () => {
      // QUIT runs after the commands already queued (the last presence publishes), so none is cut off
      // mid-way; with Redis unreachable, give up after a second and drop the connections.
      await Promise.race([Promise.allSettled([pub.quit(), sub.quit()]), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      pub.disconnect();
      sub.disconnect();
    };
  }

  // Handshake: the Auth.js cookie, checked against the sessions table. Anonymous and revoked sessions are refused
  // (a middleware refusal is final: the client does not retry on its own).
  io.use((socket, nextMiddleware) => {
    actorFromCookies(db, socket.handshake.headers.cookie).then(
      (actor) => {
        if (!actor) return nextMiddleware(new Error('unauthorized'));
        socket.data = { userId: actor.userId, sessionId: actor.sessionId, orgId: actor.org?.id ?? null };
        nextMiddleware();
      },
      (e: unknown) => {
        console.error('[realtime] handshake', e);
        nextMiddleware(new Error('unauthorized'));
      },
    );
  });

  const messaging = createMessaging(io, db);
  if (installAnnouncer) messaging.install();

  io.on('connection', (socket) => {
    const rooms = [userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)];
    if (socket.data.orgId) rooms.push(orgRoom(socket.data.orgId));
    void socket.join(rooms);

    handle(socket, db, 'ping:echo', pingInput, (payload) => ({ at: payload.at }));
    messaging.register(socket);
  });

  const realtimeAnnouncer: Announcer = {
    toUser: (userId, event, ...args) => void io.to(userRoom(userId)).emit(event, ...args),
    toOrg: (orgId, event, ...args) => void io.to(orgRoom(orgId)).emit(event, ...args),
    sessionsRevoked(sessionIds) {
      const rooms = sessionIds.map(sessionRoom);
      // Through the adapter, so sockets on every instance hear it; the disconnect packet (not a dropped
      // connection) tells the client not to reconnect.
      io.to(rooms).emit('session:revoked');
      io.in(rooms).disconnectSockets();
    },
    membershipChanged(userId, orgId) {
      const target = orgId ? orgRoom(orgId) : null;
      io.in(userRoom(userId))
        .fetchSockets()
        .then((sockets) => {
          for (const socket of sockets) {
            // Conversation rooms were joined as a member of the old organisation: the client re-joins (checked) if still a participant.
            for (const room of socket.rooms) if ((room.startsWith('org:') && room !== target) || room.startsWith('conversation:')) socket.leave(room);
            if (target) socket.join(target);
          }
        })
        .catch((e: unknown) => console.error('[realtime] membershipChanged', e));
    },
  };
  if (installAnnouncer) setAnnouncer(realtimeAnnouncer);

  return {
    io,
    announcer: realtimeAnnouncer,
    /**
     * Graceful close: stop announcing, tell every socket the server is going away (clients reconnect,
     * to another instance or after the restart), close the adapter. socket.io also closes the HTTP server.
     */
    async close() {
      if (installedAnnouncer() === realtimeAnnouncer) setAnnouncer(undefined);
      messaging.close();
      await io.close();
      await closeAdapter();
    },
  };
}
