/**
 * npm run chat:fault — the delivery guarantee under faults (issue #5), on PostgreSQL. Not a timed test.
 *
 * A scratch database (`kechuang_chat_fault_<random>` on DATABASE_URL, default the local server; dropped
 * afterwards), N clients (default 20) in conversations of 10, and the chat server (bench/chat-server.ts) in a
 * process of its own. Every client sends continuously, one message at a time, retrying the same client id
 * until the server acknowledges it; it subscribes (joins) on every connect and then backfills after the
 * highest contiguous seq it holds, de-duplicating by id. Meanwhile the server is killed with SIGKILL and
 * restarted (KILLS times) and random clients have their connection dropped.
 *
 * Afterwards: every participant must hold every acknowledged message of its conversation exactly once, in
 * sequence order with no gap, and everything it holds must be in the database. Prints lost, duplicated and
 * out of order, and a final key=value line; exits 1 unless all three are 0.
 * Options: --clients 20 --size 10 --seconds 20 --kills 3 --port 3115
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { migrateDatabase, openDatabase } from '@/db/client';
import { messages } from '@/db/schema';
import { getEnv } from '@/server/env';
import type { MessageView } from '@/server/messaging/messages';
import { seedChatConversations } from '@/server/realtime/testing';

const { values: opts } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    size: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    kills: { type: 'string', default: '3' },
    port: { type: 'string', default: '3115' },
  },
});
const CLIENTS = Number(opts.clients);
const SIZE = Number(opts.size);
const SECONDS = Number(opts.seconds);
const KILLS = Number(opts.kills);
const PORT = Number(opts.port);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'bench/chat-server.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env, PORT: String(PORT), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`chat server exited with ${code}`)));
  });
}

/** One participant: sends its own messages with retry, holds what it has received, resumes on every connect. */
class Participant {
  readonly held = new Map<string, MessageView>();
  readonly acked: Array<{ id: string; clientId: string; seq: number }> = [];
  receivedTwice = 0;
  private socket: Socket;
  private resuming: Promise<void> | null = null;
  sending = true;

  constructor(
    url: string,
    cookie: string,
    readonly conversationId: string,
    readonly index: number,
  ) {
    this.socket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnectionDelay: 100, reconnectionDelayMax: 500, forceNew: true });
    this.socket.on('message:new', (m: MessageView) => this.take([m]));
    this.socket.on('connect', () => void this.resume());
  }

  private take(list: readonly MessageView[]) {
    for (const m of list) {
      if (m.conversationId !== this.conversationId) continue;
      if (this.held.has(m.id)) this.receivedTwice++;
      else this.held.set(m.id, m);
    }
  }

  contiguousSeq(): number {
    const seqs = [...this.held.values()].map((m) => m.seq).sort((a, b) => a - b);
    let top = 0;
    for (const s of seqs) {
      if (s > top + 1) break;
      top = s;
    }
    return top;
  }

  private async ask<T>(event: string, payload: unknown): Promise<Ack<T>> {
    return (await this.socket.timeout(3000).emitWithAck(event, payload)) as Ack<T>;
  }

  /** Subscribe first, then backfill everything after what is held contiguously. */
  resume(): Promise<void> {
    this.resuming ??= (async () => {
      try {
        const joined = await this.ask('conversation:join', { conversationId: this.conversationId });
        if (!joined.ok) return;
        for (;;) {
          const page = await this.ask<{ messages: MessageView[]; hasMore: boolean }>('conversation:history', {
            conversationId: this.conversationId,
            afterSeq: this.contiguousSeq(),
            limit: 200,
          });
          if (!page.ok) return;
          this.take(page.data.messages);
          if (!page.data.hasMore) break;
        }
      } catch {
        // Dropped mid-way: the next connect resumes again.
      } finally {
        this.resuming = null;
      }
    })();
    return this.resuming;
  }

  /** Sends messages one after another; each is retried with its client id until acknowledged. */
  async sendLoop(): Promise<void> {
    let n = 0;
    while (this.sending) {
      const clientId = crypto.randomUUID();
      const body = `客户端${this.index} 第${++n}条`;
      for (;;) {
        try {
          if (!this.socket.connected) throw new Error('offline');
          const ack = await this.ask<{ id: string; seq: number; message: MessageView }>('message:send', { conversationId: this.conversationId, clientId, body });
          if (ack.ok) {
            this.acked.push({ id: ack.data.id, clientId, seq: ack.data.seq });
            // As the browser does: the sending socket holds its message from the ack (the broadcast skips it).
            this.take([ack.data.message]);
            break;
          }
          if (ack.error !== 'internal') throw new Error(`refused: ${ack.error}`);
        } catch (e) {
          if (String(e).includes('refused')) throw e;
        }
        await sleep(50);
      }
      await sleep(20 + Math.random() * 60);
    }
  }

  drop(): void {
    // The transport closes as a network failure would; socket.io reconnects on its own.
    (this.socket.io.engine as unknown as { close(): void } | undefined)?.close();
  }

  close(): void {
    this.socket.disconnect();
  }
}

async function main() {
  const env = getEnv();
  const dbName = `kechuang_chat_fault_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), max: 5 });
  let server: ChildProcess | null = null;
  const participants: Participant[] = [];
  try {
    await migrateDatabase(database);
    const seats = (await seedChatConversations(database.db, CLIENTS, SIZE)).flatMap(({ conversationId, cookies }) =>
      cookies.map((cookie) => ({ cookie, conversationId })),
    );
    const serverEnv = { DATABASE_URL: url.toString(), AUTH_SECRET: env.AUTH_SECRET };
    delete process.env.REDIS_URL;
    server = await startServer(serverEnv);
    seats.forEach((s, i) => participants.push(new Participant(`http://127.0.0.1:${PORT}`, s.cookie, s.conversationId, i)));
    const loops = participants.map((p) => p.sendLoop());

    const started = Date.now();
    let kills = 0;
    let drops = 0;
    const killEvery = (SECONDS * 1000) / (KILLS + 1);
    while (Date.now() - started < SECONDS * 1000) {
      await sleep(250);
      if (Math.random() < 0.3) {
        const victim = participants[Math.floor(Math.random() * participants.length)];
        victim?.drop();
        drops++;
      }
      if (kills < KILLS && Date.now() - started > killEvery * (kills + 1) && server) {
        server.kill('SIGKILL');
        await new Promise((r) => server?.once('exit', r));
        kills++;
        console.log(`server killed (SIGKILL) #${kills}; restarting …`);
        await sleep(300);
        server = await startServer(serverEnv);
      }
    }
    for (const p of participants) p.sending = false;
    await Promise.all(loops);
    // Settle: every participant resumes once more (as a reconnect would) so late pushes and backfills land.
    await sleep(1000);
    await Promise.all(participants.map((p) => p.resume()));
    await sleep(500);

    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    let notInDb = 0;
    let ackedTotal = 0;
    const byConversation = new Map<string, Participant[]>();
    for (const p of participants) byConversation.set(p.conversationId, [...(byConversation.get(p.conversationId) ?? []), p]);
    for (const [conversationId, group] of byConversation) {
      const rows = await database.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.seq);
      const rowIds = new Set(rows.map((r) => r.id));
      // Stored twice = two rows with one client id (the unique index forbids it; checked anyway).
      duplicated += rows.length - new Set(rows.map((r) => r.clientId)).size;
      // Seq must be 1..n with no gap in the database.
      rows.forEach((r, i) => {
        if (r.seq !== i + 1) outOfOrder++;
      });
      const acked = group.flatMap((p) => p.acked);
      ackedTotal += acked.length;
      for (const a of acked) if (!rowIds.has(a.id)) lost++;
      for (const p of group) {
        const held = [...p.held.values()].sort((x, y) => x.seq - y.seq);
        // What the participant shows is the held list in seq order: it must be exactly 1..n, each once.
        held.forEach((m, i) => {
          if (m.seq !== i + 1) outOfOrder++;
        });
        duplicated += held.length - new Set(held.map((m) => m.clientId)).size;
        for (const m of held) if (!rowIds.has(m.id)) notInDb++;
        const heldIds = new Set(held.map((m) => m.id));
        for (const a of acked) if (!heldIds.has(a.id)) lost++;
      }
    }
    const receivedTwice = participants.reduce((s, p) => s + p.receivedTwice, 0);
    console.log(
      `${participants.length} clients, ${ackedTotal} messages acknowledged, server killed ${kills}×, ${drops} client connections dropped; ` +
        `re-deliveries absorbed by id ${receivedTwice}`,
    );
    console.log(`lost=${lost} duplicated=${duplicated} out_of_order=${outOfOrder} held_not_in_db=${notInDb} acked=${ackedTotal} kills=${kills} drops=${drops}`);
    process.exitCode = lost === 0 && duplicated === 0 && outOfOrder === 0 && notInDb === 0 ? 0 : 1;
  } finally {
    for (const p of participants) p.close();
    server?.kill('SIGKILL');
    await database.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
