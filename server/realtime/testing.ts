/**
 * Test support for socket.io suites: the real realtime server on a random port (no Next needed), real
 * Auth.js session cookies, and socket.io-client helpers that resolve on the outcome the test waits for.
 */
import crypto from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { Db } from '@/db/client';
import type { MemberActor } from '../actor';
import { startDirectConversation } from '../messaging/conversations';
import { insertMember, insertOrganization } from '../seed/factories';
import { getEnv, type Env } from '../env';
import type { ClientToServerEvents, ServerToClientEvents } from './events';
import { attachRealtime, type Realtime } from './server';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  realtime: Realtime;
  close(): Promise<void>;
}

/** A Redis key prefix of its own, so parallel test files sharing one Redis never hear each other. */
export const testRedisKey = () => `socket.io-test-${crypto.randomBytes(4).toString('hex')}`;

export async function startTestServer(
  db: Db,
  options: { env?: Env; installAnnouncer?: boolean; redisKey?: string } = {},
): Promise<TestServer> {
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const realtime = await attachRealtime(http, {
    db,
    env: options.env ?? getEnv(),
    installAnnouncer: options.installAnnouncer ?? true,
    redisKey: options.redisKey ?? testRedisKey(),
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, realtime, close: () => realtime.close() };
}

/** The cookie a browser holds after signing in: an Auth.js JWT carrying the server-side session id. */
export async function sessionCookie(session: { userId: string; sessionId: string }): Promise<string> {
  const name = 'authjs.session-token';
  const token = await encode({ token: { sub: session.userId, sid: session.sessionId }, secret: getEnv().AUTH_SECRET, salt: name });
  return `${name}=${token}`;
}

/** A client that does not reconnect on its own (tests decide). */
/**
 * Direct conversations of `size` people each (half an enterprise's, half a team's) for `people` people in all, with
 * every member's session cookie — the population bench:chat and chat:fault drive.
 */
export async function seedChatConversations(db: Db, people: number, size: number): Promise<Array<{ conversationId: string; cookies: string[] }>> {
  const conversations: Array<{ conversationId: string; cookies: string[] }> = [];
  const half = Math.ceil(size / 2);
  for (let made = 0; made < people; made += size) {
    const count = Math.min(size, people - made);
    const a = await insertOrganization(db, { kind: 'enterprise', status: 'verified' });
    const b = await insertOrganization(db, { kind: 'research_team', status: 'verified' });
    const members = [];
    for (let i = 0; i < count; i++) members.push(await insertMember(db, i < half ? a : b, i === 0 || i === half ? 'owner' : 'member'));
    const first = members[0];
    if (!first) continue;
    const { id } = await startDirectConversation(db, first.actor as MemberActor, { orgId: b.id });
    const cookies: string[] = [];
    for (const m of members) cookies.push(await sessionCookie(m.actor));
    conversations.push({ conversationId: id, cookies });
  }
  return conversations;
}

export function client(url: string, headers: { cookie?: string; origin?: string } = {}, transports?: Array<'polling' | 'websocket'>): TestClient {
  const extraHeaders: Record<string, string> = {};
  if (headers.cookie) extraHeaders.cookie = headers.cookie;
  if (headers.origin) extraHeaders.origin = headers.origin;
  return connectClient(url, { extraHeaders, reconnection: false, forceNew: true, ...(transports ? { transports } : {}) });
}

/** Resolves once connected, rejects with the connect_error. */
export function connected(socket: TestClient): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Resolves with the connect_error's message (fails if the socket connects instead). */
export function refused(socket: TestClient): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', (e) => resolve(e.message));
  });
}

/** Collects every `event` the socket receives. */
export function collect<E extends keyof ServerToClientEvents>(socket: TestClient, event: E): Array<Parameters<ServerToClientEvents[E]>> {
  const seen: Array<Parameters<ServerToClientEvents[E]>> = [];
  const listener = (...args: unknown[]) => void seen.push(args as Parameters<ServerToClientEvents[E]>);
  (socket as unknown as { on(e: string, l: (...a: unknown[]) => void): void }).on(event, listener);
  return seen;
}

/** Resolves when `check` holds, polling briefly; rejects after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
