/**
 * npm run bench:chat — live messaging under load (issue #5).
 *
 * Creates a scratch PostgreSQL database (`kechuang_chat_bench_<random>` on DATABASE_URL, default the local
 * server; dropped afterwards), seeds C users in conversations of 10 (two organisations of five members each,
 * signed in: real sessions and Auth.js cookies), starts the chat server (bench/chat-server.ts: the real
 * realtime server with its messaging handlers; `--instances 2` starts two on the Redis adapter and spreads
 * the clients over both), and runs the clients in a process of their own (bench/chat-clients.ts): M
 * messages at a fixed rate, each stored (idempotent client id, per-conversation seq) and pushed to the nine
 * other members. Then the same load against a bare socket.io broadcast with no auth and no database, as
 * the baseline. Prints delivered, lost, duplicated, p50/p95/p99 send→receive latency, messages/s, server
 * RSS (peak, MB), the ratio to the baseline, and a final key=value line.
 *
 * Options: --clients 1000 --size 10 --messages 5000 --rate 500 --instances 1 --skip-baseline
 * --reads: every client also sends read receipts (已读) as the browser does (at most one a second), which the
 * server broadcasts to the conversation; the baseline does not answer them.
 * BENCH_CPU_PROF=<dir> writes each server's V8 CPU profile into <dir> when it stops.
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '@/db/client';
import { getEnv } from '@/server/env';
import { seedChatConversations } from '@/server/realtime/testing';
import type { ClientsConfig, ClientsResult } from './chat-clients';

const { values: opts } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    size: { type: 'string', default: '10' },
    messages: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '500' },
    instances: { type: 'string', default: '1' },
    'base-port': { type: 'string', default: '3114' },
    'skip-baseline': { type: 'boolean', default: false },
    reads: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(opts.clients);
const SIZE = Number(opts.size);
const MESSAGES = Number(opts.messages);
const RATE = Number(opts.rate);
const INSTANCES = Number(opts.instances);
const BASE_PORT = Number(opts['base-port']);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const here = path.dirname(new URL(import.meta.url).pathname);

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : 0;
  } catch {
    return 0;
  }
}

function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'chat-server.ts'), [], {
      // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there on exit (chrome://inspect, speedscope).
      execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
      env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`chat server exited with ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function runClients(config: ClientsConfig): Promise<ClientsResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'chat-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m: { result?: ClientsResult; error?: string }) => (m.result ? resolve(m.result) : reject(new Error(m.error))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`clients exited with ${code}`)));
    child.send(config);
  });
}

async function measure(servers: ChildProcess[], config: ClientsConfig) {
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, servers.reduce((sum, s) => sum + rssMb(s.pid), 0));
  }, 250);
  try {
    const result = await runClients(config);
    return { ...result, rssMb: peak };
  } finally {
    clearInterval(sampler);
  }
}

function print(label: string, r: ClientsResult & { rssMb: number }) {
  console.log(
    `${label}: clients ${r.connected}, acked ${r.acked}/${r.sent} (failed ${r.failed}), delivered ${r.delivered}/${r.expected}, lost ${r.lost}, duplicated ${r.duplicated}, ` +
      `reordered on the wire ${r.outOfOrder}, ${r.readsSent ? `read receipts sent ${r.readsSent}, ` : ''}latency p50 ${r.p50} ms p95 ${r.p95} ms p99 ${r.p99} ms, ${r.sentPerSecond} msgs/s sent, ${r.deliveredPerSecond} deliveries/s, server RSS ${r.rssMb} MB`,
  );
}

async function main() {
  const env = getEnv();
  const dbName = `kechuang_chat_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const servers: ChildProcess[] = [];
  try {
    const database = await openDatabase({ url: url.toString(), max: 10 });
    await migrateDatabase(database);
    console.log(`seeding ${CLIENTS} users in conversations of ${SIZE} …`);
    const clients: ClientsConfig['clients'] = [];
    /** seats[i]: the i-th member of every conversation. */
    const seats: Array<ClientsConfig['clients']> = [];
    const members: Record<string, number> = {};
    for (const { conversationId, cookies } of await seedChatConversations(database.db, CLIENTS, SIZE)) {
      members[conversationId] = cookies.length;
      for (const [i, cookie] of cookies.entries()) (seats[i] ??= []).push({ cookie, conversationId });
    }
    await database.close();
    // Senders take turns round-robin over the conversations (the 1st member of each, then the 2nd …): a
    // conversation's sends queue on its row lock, so sending ten in a row into one room, then the next,
    // would measure one room's ceiling (about one send per statement latency), not the server's.
    clients.push(...seats.flat());

    const redisKey = `socket.io-chat-bench-${crypto.randomBytes(4).toString('hex')}`;
    const serverEnv: Record<string, string> = { DATABASE_URL: url.toString(), AUTH_SECRET: env.AUTH_SECRET, BENCH_REDIS_KEY: redisKey };
    if (INSTANCES > 1) {
      if (!env.REDIS_URL && !process.env.REDIS_URL) serverEnv.REDIS_URL = 'redis://127.0.0.1:6379';
    } else delete process.env.REDIS_URL;
    for (let i = 0; i < INSTANCES; i++) servers.push(await startServer(BASE_PORT + i, serverEnv));
    const urls = servers.map((_, i) => `http://127.0.0.1:${BASE_PORT + i}`);
    const config: ClientsConfig = { urls, clients, members, messages: MESSAGES, rate: RATE, drainMs: 15_000, reads: opts.reads };
    console.log(`${INSTANCES} instance(s)${INSTANCES > 1 ? ' on the Redis adapter' : ''}, PostgreSQL; ${MESSAGES} messages at ${RATE}/s …`);
    const product = await measure(servers, config);
    print('messaging', product);
    for (const s of servers.splice(0)) await stopServer(s);

    let ratio = '';
    if (!opts['skip-baseline']) {
      servers.push(await startServer(BASE_PORT, { BENCH_BASELINE: '1' }));
      const baseline = await measure(servers, { ...config, urls: [`http://127.0.0.1:${BASE_PORT}`], reads: false });
      print('baseline (bare socket.io broadcast, no auth, no database)', baseline);
      for (const s of servers.splice(0)) await stopServer(s);
      const p99Ratio = baseline.p99 > 0 ? Math.round((product.p99 / baseline.p99) * 10) / 10 : 0;
      const throughputRatio = baseline.deliveredPerSecond > 0 ? Math.round((product.deliveredPerSecond / baseline.deliveredPerSecond) * 100) / 100 : 0;
      console.log(`ratio messaging/baseline: p99 ×${p99Ratio}, deliveries/s ×${throughputRatio}, RSS ×${baseline.rssMb ? Math.round((product.rssMb / baseline.rssMb) * 10) / 10 : 0}`);
      ratio = ` baseline_p99_ms=${baseline.p99} baseline_deliveries_per_s=${baseline.deliveredPerSecond} baseline_rss_mb=${baseline.rssMb} p99_ratio=${p99Ratio} throughput_ratio=${throughputRatio}`;
    }
    console.log(
      `clients=${product.connected} instances=${INSTANCES} sent=${product.acked} delivered=${product.delivered} lost=${product.lost} duplicated=${product.duplicated} ` +
        `p50_ms=${product.p50} p95_ms=${product.p95} p99_ms=${product.p99} msgs_per_s=${product.sentPerSecond} deliveries_per_s=${product.deliveredPerSecond} rss_mb=${product.rssMb}${ratio}`,
    );
  } finally {
    for (const s of servers) await stopServer(s);
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
