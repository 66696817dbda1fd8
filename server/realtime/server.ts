import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Db } from '@/db/client';
import { actorFromCookies } from '../auth/cookie';
import type { Env } from '../env';
import { setAnnouncer } from '../notifications/announcer';
import { orgRoom, userRoom, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from './events';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Origins allowed to open a socket: the app's own public origin (and localhost equivalents in development). */
function allowedOrigins(env: Env): Set<string> {
  const origins = new Set([new URL(env.APP_URL).origin]);
  if (env.NODE_ENV !== 'production' || !env.DATABASE_URL) {
    origins.add(`http://localhost:${env.PORT}`);
    origins.add(`http://127.0.0.1:${env.PORT}`);
  }
  return origins;
}

export async function attachRealtime(httpServer: HttpServer, { db, env }: { db: Db; env: Env }) {
  const io: RealtimeServer = new Server(httpServer, {
    // Other upgrades (Next's dev HMR) are handled after socket.io's; it must not destroy them.
    destroyUpgrade: false,
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      // Browsers always send Origin on WebSocket and CORS requests; non-browser clients (tests, bench)
      // send none and still need a valid session cookie below.
      callback(null, !origin || allowedOrigins(env).has(origin));
    },
  });

  let closeAdapter = async () => {};
  if (env.REDIS_URL) {
    const [{ createAdapter }, { Redis }] = await Promise.all([import('@socket.io/redis-adapter'), import('ioredis')]);
    const pub = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (e) => console.error('[redis]', e.message));
    io.adapter(createAdapter(pub, sub));
    closeAdapter = async () => {
      pub.disconnect();
      sub.disconnect();
    };
  }

  // Handshake: the Auth.js cookie, checked against the sessions table. Anonymous and revoked sessions are refused.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- every path ends in nextMiddleware(); errors are caught
  io.use(async (socket, nextMiddleware) => {
    try {
      const actor = await actorFromCookies(db, socket.handshake.headers.cookie);
      if (!actor) return nextMiddleware(new Error('unauthorized'));
      socket.data = { userId: actor.userId, sessionId: actor.sessionId, orgId: actor.org?.id ?? null };
      nextMiddleware();
    } catch (e) {
      console.error('[realtime] handshake', e);
      nextMiddleware(new Error('unauthorized'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.userId));
    if (socket.data.orgId) void socket.join(orgRoom(socket.data.orgId));
    socket.on('ping:echo', (payload, ack) => {
      if (typeof ack === 'function') ack({ ok: true, data: { at: Number(payload?.at) || 0 } });
    });
  });

  setAnnouncer({
    toUser: (userId, event, payload) => io.to(userRoom(userId)).emit(event as 'notification:new', payload as never),
    toOrg: (orgId, event, payload) => io.to(orgRoom(orgId)).emit(event as 'notification:new', payload as never),
  });

  return {
    io,
    async close() {
      setAnnouncer(undefined);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await closeAdapter();
    },
  };
}
