/**
 * The client side of bench/chat.ts, in a process of its own: connects every client (WebSocket, the
 * session cookie in the handshake), joins its conversation, then sends `messages` messages at a fixed
 * `rate` per second from the clients in turn and measures, at every other member, delivery once,
 * duplicates and send→receive latency. Reports one JSON object to the parent over IPC.
 */
import crypto from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

export interface ClientsConfig {
  urls: string[];
  clients: Array<{ cookie: string; conversationId: string }>;
  /** conversationId → number of members. */
  members: Record<string, number>;
  messages: number;
  rate: number;
  /** How long to wait for the last deliveries after the last send. */
  drainMs: number;
  /** Send read receipts (已读) as the browser does: at most one a second per client, with the highest seq held. */
  reads?: boolean;
}

export interface ClientsResult {
  connected: number;
  sent: number;
  acked: number;
  failed: number;
  expected: number;
  delivered: number;
  duplicated: number;
  lost: number;
  outOfOrder: number;
  p50: number;
  p95: number;
  p99: number;
  sendSeconds: number;
  sentPerSecond: number;
  deliveredPerSecond: number;
  readsSent: number;
}

interface Wire {
  clientId: string;
  conversationId: string;
  seq: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(config: ClientsConfig): Promise<ClientsResult> {
  const sockets: Socket[] = [];
  const sentAt = new Map<string, number>();
  const senderOf = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let duplicated = 0;
  /** clientId → how many other members received it (to tell, for acknowledged messages, who missed one). */
  const receivers = new Map<string, number>();
  let outOfOrder = 0;
  const seen: Array<Set<string>> = [];
  const lastSeq: number[] = [];
  const readPending: boolean[] = [];
  let readsSent = 0;

  // Connect in batches, so the handshake storm does not itself become the benchmark.
  for (let i = 0; i < config.clients.length; i += 50) {
    const batch = config.clients.slice(i, i + 50).map(async (c, j) => {
      const index = i + j;
      const url = config.urls[index % config.urls.length] ?? '';
      const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie: c.cookie }, reconnection: false, forceNew: true });
      seen[index] = new Set();
      lastSeq[index] = 0;
      socket.on('message:new', (m: Wire) => {
        const at = performance.now();
        if (senderOf.get(m.clientId) === index) return;
        const mine = seen[index];
        if (!mine) return;
        if (mine.has(m.clientId)) {
          duplicated++;
          return;
        }
        mine.add(m.clientId);
        delivered++;
        receivers.set(m.clientId, (receivers.get(m.clientId) ?? 0) + 1);
        if (m.seq < (lastSeq[index] ?? 0)) outOfOrder++;
        lastSeq[index] = Math.max(lastSeq[index] ?? 0, m.seq);
        if (config.reads && !readPending[index]) {
          readPending[index] = true;
          setTimeout(() => {
            readPending[index] = false;
            readsSent++;
            void socket.timeout(30_000).emitWithAck('message:read', { conversationId: c.conversationId, seq: lastSeq[index] ?? 0 }).catch(() => {});
          }, 1000);
        }
        const t0 = sentAt.get(m.clientId);
        if (t0 !== undefined) latencies.push(at - t0);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const joined = (await socket.timeout(10_000).emitWithAck('conversation:join', { conversationId: c.conversationId })) as { ok: boolean };
      if (!joined.ok) throw new Error('join refused');
      sockets[index] = socket;
    });
    await Promise.all(batch);
  }

  let sent = 0;
  let acked = 0;
  let failed = 0;
  let expected = 0;
  let lastAckAt = 0;
  const ackedIds: string[] = [];
  const start = performance.now();
  const inFlight: Array<Promise<void>> = [];
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(config.messages, Math.floor(((performance.now() - start) / 1000) * config.rate));
      while (sent < due) {
        const index = sent % sockets.length;
        const socket = sockets[index];
        const client = config.clients[index];
        if (!socket || !client) break;
        const clientId = crypto.randomUUID();
        senderOf.set(clientId, index);
        sentAt.set(clientId, performance.now());
        sent++;
        inFlight.push(
          (socket.timeout(30_000).emitWithAck('message:send', { conversationId: client.conversationId, clientId, body: `压测消息 ${sent}` }) as Promise<{ ok: boolean }>).then(
            (ack) => {
              if (ack.ok) {
                acked++;
                lastAckAt = performance.now();
                ackedIds.push(clientId);
                expected += (config.members[client.conversationId] ?? 1) - 1;
              } else failed++;
            },
            () => void failed++,
          ),
        );
      }
      if (sent >= config.messages) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(inFlight);
  const until = Date.now() + config.drainMs;
  const deliveredAcked = () => ackedIds.reduce((sum, id) => sum + (receivers.get(id) ?? 0), 0);
  while (deliveredAcked() < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const totalSeconds = (performance.now() - start) / 1000;
  for (const s of sockets) s?.disconnect();
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    connected: sockets.filter(Boolean).length,
    sent,
    acked,
    failed,
    expected,
    delivered,
    duplicated,
    // Acknowledged messages some member never received (a message whose ack timed out is not counted as sent).
    lost: expected - deliveredAcked(),
    outOfOrder,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    sendSeconds: round(sendSeconds),
    // Stored and acknowledged per second, until the last ack (a server that falls behind shows here, not only in latency).
    sentPerSecond: round(acked / Math.max(sendSeconds, (lastAckAt - start) / 1000)),
    deliveredPerSecond: round(delivered / totalSeconds),
    readsSent,
  };
}

process.once('message', (config: ClientsConfig) => {
  run(config).then(
    (result) => {
      process.send?.({ result });
      setTimeout(() => process.exit(0), 100);
    },
    (e: unknown) => {
      process.send?.({ error: String(e) });
      setTimeout(() => process.exit(1), 100);
    },
  );
});
