import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { messages } from '@/db/schema';
import { getEnv } from '../env';
import { directFixture } from '../messaging/test-fixtures';
import type { MessageView } from '../messaging/messages';
import { setAnnouncer } from '../notifications/announcer';
import type { AckResponse } from './events';
import { client, collect, connected, eventually, sessionCookie, sleep, startTestServer, testRedisKey, type TestClient, type TestServer } from './testing';

/**
 * Two instances on the Redis adapter, and Redis goes down for a while (a private redis-server this file
 * starts and kills on a port of its own — never the shared one REDIS_URL names, which only switches the
 * suite on). While it is down, sends are still stored and acknowledged (the database, not Redis, is the
 * record), a client that reconnects is let in and backfills everything it missed, and once Redis is back
 * messages cross instances again; every client ends with every message once, in seq order.
 */
let database: Database;
let redis: ChildProcess | null = null;
let port = 0;
let a: TestServer;
let b: TestServer;
const open: TestClient[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.write('PING\r\n');
  });
}

async function startRedis(): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const started: { error?: Error } = {};
  child.once('error', (e) => (started.error = new Error(`redis-server could not start: ${e.message}`)));
  redis = child;
  const until = Date.now() + 10_000;
  while (!(await redisAnswers())) {
    if (started.error) throw started.error;
    if (Date.now() > until) throw new Error('redis-server did not answer');
    await sleep(50);
  }
}

async function stopRedis(): Promise<void> {
  const child = redis;
  redis = null;
  if (!child || child.exitCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

async function connect(server: TestServer, session: { userId: string; sessionId: string }): Promise<TestClient> {
  const socket = client(server.url, { cookie: await sessionCookie(session) });
  open.push(socket);
  return connected(socket);
}

function ask<T = unknown>(socket: TestClient, event: string, payload: unknown, ms = 5000): Promise<AckResponse<T>> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<AckResponse<T>> } }).timeout(ms).emitWithAck(event, payload);
}

function data<T>(response: AckResponse<T>): T {
  if (!response.ok) throw new Error(`refused: ${response.error}`);
  return response.data;
}

describe.runIf(process.env.REDIS_URL)('Redis briefly down', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    await startRedis();
    const env = { ...getEnv(), REDIS_URL: `redis://127.0.0.1:${port}` };
    const redisKey = testRedisKey();
    a = await startTestServer(database.db, { env, installAnnouncer: false, redisKey });
    b = await startTestServer(database.db, { env, installAnnouncer: false, redisKey });
  });
  afterAll(async () => {
    for (const socket of open.splice(0)) socket.disconnect();
    // Let the instances finish what those disconnects set off (presence through Redis) before closing them.
    await sleep(500);
    setAnnouncer(undefined);
    await Promise.all([a?.close(), b?.close()]);
    await stopRedis();
    await database?.close();
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect();
  });

  it('sends are stored and acknowledged while Redis is down; a reconnecting client backfills them; cross-instance delivery resumes; every message once, in order', async () => {
    const fx = await directFixture(database.db);
    const conversationId = fx.conversationId;
    const held = new Map<string, number>([[fx.message.id, fx.message.seq]]);
    const keep = (list: readonly MessageView[]) => {
      for (const m of list) if (!held.has(m.id)) held.set(m.id, m.seq);
    };
    const send = (socket: TestClient, body: string) =>
      ask<{ id: string; seq: number; message: MessageView }>(socket, 'message:send', { conversationId, clientId: crypto.randomUUID(), body });

    const sender = await connect(a, fx.enterprise.actor);
    data(await ask(sender, 'conversation:join', { conversationId }));
    let reader = await connect(b, fx.team.actor);
    data(await ask(reader, 'conversation:join', { conversationId }));
    let live = collect(reader, 'message:new');
    const heardBySender = collect(sender, 'message:new');

    // Through Redis: sent on instance A, heard on instance B.
    data(await send(sender, '经 Redis 送达'));
    await eventually(() => live.length === 1);

    await stopRedis();
    // Sends while Redis is down: stored (consecutive seqs) and acknowledged, none refused.
    const during: number[] = [];
    for (let i = 0; i < 5; i++) during.push(data(await send(sender, `Redis 中断期间 ${i}`)).seq);
    expect(during).toEqual([3, 4, 5, 6, 7]);
    const rows = await database.db.select({ seq: messages.seq }).from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The outage is real: nothing crossed to instance B.
    await sleep(300);
    expect(live).toHaveLength(1);
    for (const [m] of live) keep([m]);

    // The reader's connection drops and comes back to B while Redis is still down: it is let in, joins
    // (subscribe first) and backfills after the last seq it holds.
    reader.disconnect();
    reader = await connect(b, fx.team.actor);
    live = collect(reader, 'message:new');
    const joined = data(await ask<{ lastSeq: number }>(reader, 'conversation:join', { conversationId }, 3000));
    expect(joined.lastSeq).toBe(7);
    const backfill = data(await ask<{ messages: MessageView[] }>(reader, 'conversation:history', { conversationId, afterSeq: Math.max(...held.values()) }));
    keep(backfill.messages);
    expect([...held.values()].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    // Redis is back: the adapter reconnects on its own; messages cross instances again, both ways.
    await startRedis();
    // Until both instances have resubscribed, a publish can miss the other one (Redis keeps no pub/sub
    // backlog; that is what backfill is for): probe every half second.
    for (let probe = 0; !heardBySender.some(([m]) => m.body.startsWith('恢复后 B→A')); probe++) {
      if (probe > 30) throw new Error('no cross-instance delivery after Redis came back');
      // The sending socket holds its own message from the ack, as the browser does.
      keep([data(await send(reader, `恢复后 B→A ${probe}`)).message]);
      await sleep(500);
    }
    data(await send(sender, '恢复后 A→B'));
    await eventually(() => live.some(([m]) => m.body === '恢复后 A→B'), 15_000);

    // Publishes queued during the outage may arrive late: the client keeps one copy per id.
    await sleep(500);
    for (const [m] of live) keep([m]);
    const rest = data(await ask<{ messages: MessageView[] }>(reader, 'conversation:history', { conversationId, afterSeq: Math.max(...held.values()) }));
    keep(rest.messages);
    const all = await database.db.select({ id: messages.id, seq: messages.seq }).from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.seq);
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect([...held.entries()].sort((x, y) => x[1] - y[1])).toEqual(all.map((r) => [r.id, r.seq]));
  });
});
