/**
 * One chat server instance for bench/chat.ts and scripts/chat-fault.ts: the real realtime server
 * (attachRealtime, the same code server/main.ts mounts, messaging handlers included) on PORT, against
 * DATABASE_URL, with the Redis adapter when REDIS_URL is set. Next is not mounted: the socket path is what
 * is measured. `BENCH_BASELINE=1` runs instead a bare socket.io broadcast with no auth and no database.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { openDatabase } from '@/db/client';
import { getEnv } from '@/server/env';
import { attachRealtime } from '@/server/realtime/server';

const port = Number(process.env.PORT ?? 3114);

async function main() {
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  let close: () => Promise<void>;
  if (process.env.BENCH_BASELINE === '1') {
    const io = new Server(http, { serveClient: false });
    io.on('connection', (socket) => {
      socket.on('conversation:join', (p: { conversationId: string }, ack: (r: unknown) => void) => {
        void socket.join(`conversation:${p.conversationId}`);
        ack({ ok: true, data: { lastSeq: 0, online: [] } });
      });
      let seq = 0;
      socket.on('message:send', (p: { conversationId: string; clientId: string; body: string }, ack: (r: unknown) => void) => {
        const message = { id: p.clientId, clientId: p.clientId, conversationId: p.conversationId, seq: ++seq, body: p.body };
        io.to(`conversation:${p.conversationId}`).emit('message:new', message);
        ack({ ok: true, data: { id: message.id, seq: message.seq, message } });
      });
    });
    close = async () => void (await io.close());
  } else {
    const env = getEnv();
    if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
    const database = await openDatabase({ url: env.DATABASE_URL, max: Number(process.env.BENCH_POOL ?? 20) });
    const realtime = await attachRealtime(http, { db: database.db, env, redisKey: process.env.BENCH_REDIS_KEY });
    close = async () => {
      await realtime.close();
      await database.close();
    };
  }
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  process.send?.({ ready: true });
  console.log(`[chat-server] listening on ${port}`);
  const stop = () => void close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
