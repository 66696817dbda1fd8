import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { memberships, sessions } from '@/db/schema';
import { createSession, revokeSession, revokeUserSessions } from '../auth/sessions';
import { getEnv } from '../env';
import { announcer, setAnnouncer } from '../notifications/announcer';
import { markNotificationRead } from '../notifications/notifications';
import { notify } from '../notifications/notify';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { inTransaction } from '../transaction';
import {
  client,
  collect,
  connected,
  eventually,
  refused,
  sessionCookie,
  sleep,
  startTestServer,
  testRedisKey,
  type TestClient,
  type TestServer,
} from './testing';

/**
 * The real socket.io server (the same attachRealtime as server/main.ts) on a random port, against a real
 * database, driven by socket.io-client with real Auth.js cookies. With REDIS_URL set every server here
 * runs on the Redis adapter, and the two-instance suite runs too.
 */
let database: Database;
let server: TestServer;
const open: TestClient[] = [];
const APP_ORIGIN = new URL(getEnv().APP_URL).origin;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database.db);
});
afterAll(async () => {
  await server.close();
  await database.close();
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.disconnect();
});

function track(socket: TestClient): TestClient {
  open.push(socket);
  return socket;
}

async function signedIn(session: { userId: string; sessionId: string }, opts: { url?: string; origin?: string; transports?: Array<'polling' | 'websocket'> } = {}) {
  const cookie = await sessionCookie(session);
  return connected(track(client(opts.url ?? server.url, { cookie, origin: opts.origin ?? APP_ORIGIN }, opts.transports)));
}

function disconnection(socket: TestClient): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('handshake', () => {
  it('refuses an anonymous connection', async () => {
    expect(await refused(track(client(server.url, { origin: APP_ORIGIN })))).toBe('unauthorized');
    expect(await refused(track(client(server.url, {}, ['websocket'])))).toBe('unauthorized');
  });

  it('refuses a cookie that is not ours or carries no live session', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const forged = (await sessionCookie(actor)).replace(/.{8}$/, 'AAAAAAAA');
    expect(await refused(track(client(server.url, { cookie: forged })))).toBe('unauthorized');
    const unknown = await sessionCookie({ userId: actor.userId, sessionId: 'no-such-session' });
    expect(await refused(track(client(server.url, { cookie: unknown })))).toBe('unauthorized');
  });

  it('refuses the cookie of a revoked session (logout), on both transports', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const cookie = await sessionCookie(actor);
    await connected(track(client(server.url, { cookie })));
    await revokeSession(database.db, actor.sessionId);
    expect(await refused(track(client(server.url, { cookie })))).toBe('unauthorized');
    expect(await refused(track(client(server.url, { cookie }, ['websocket'])))).toBe('unauthorized');
  });

  it('refuses a page of another origin even with a valid cookie; accepts ours and a client that sends none', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const cookie = await sessionCookie(actor);
    for (const transports of [['polling'], ['websocket']] as const) {
      const evil = track(client(server.url, { cookie, origin: 'https://evil.example' }, [...transports]));
      // Refused before the handshake middleware ever sees the cookie (an HTTP 403 from engine.io).
      expect(await refused(evil)).not.toBe('unauthorized');
    }
    await signedIn(actor, { origin: APP_ORIGIN });
    await connected(track(client(server.url, { cookie })));
  });
});

describe('notifications reach every tab of their user, and no one else', () => {
  it('a notification stored through notify in a transaction reaches both tabs of its user and not another user', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const colleague = await insertMember(database.db, org, 'member');
    const { actor: stranger } = await insertOrgWithOwner(database.db);
    const tab1 = await signedIn(owner);
    const tab2 = await signedIn(owner, { transports: ['websocket'] });
    const other = await signedIn(stranger);
    const otherColleague = await signedIn(colleague.actor);
    const got1 = collect(tab1, 'notification:new');
    const got2 = collect(tab2, 'notification:new');
    const gotOther = collect(other, 'notification:new');
    const gotColleague = collect(otherColleague, 'notification:new');

    await inTransaction(database.db, async (tx, afterCommit) => {
      await notify(tx, afterCommit, [owner.userId], 'org.verified', { orgName: org.name }, '/org');
      // Nothing leaves before the commit.
      await sleep(50);
      expect(got1).toEqual([]);
    });

    await eventually(() => got1.length === 1 && got2.length === 1);
    expect(got1[0]?.[0]).toMatchObject({ kind: 'org.verified', payload: { orgName: org.name }, link: '/org', readAt: null });
    expect(got2[0]).toEqual(got1[0]);
    await sleep(200);
    expect(gotOther).toEqual([]);
    expect(gotColleague).toEqual([]);
  });

  it('marking read in one tab tells the others the new unread count', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    await inTransaction(database.db, (tx, afterCommit) => notify(tx, afterCommit, [actor.userId, actor.userId], 'org.verified'));
    await inTransaction(database.db, (tx, afterCommit) => notify(tx, afterCommit, [actor.userId], 'org.verified'));
    const tab = await signedIn(actor);
    const reads = collect(tab, 'notification:read');
    const newOnes = collect(tab, 'notification:new');
    await inTransaction(database.db, (tx, afterCommit) => notify(tx, afterCommit, [actor.userId], 'org.verified'));
    await eventually(() => newOnes.length === 1);
    const id = newOnes[0]?.[0].id ?? '';
    await markNotificationRead(database.db, actor, { id });
    await eventually(() => reads.length === 1);
    expect(reads[0]?.[0]).toEqual({ ids: [id], unread: 2 });
  });

  it('an organisation broadcast reaches its members only, and a removed member stops hearing it', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const member = await insertMember(database.db, org, 'member');
    const { actor: stranger } = await insertOrgWithOwner(database.db);
    const toOwner = collect(await signedIn(owner), 'notification:new');
    const toMember = collect(await signedIn(member.actor), 'notification:new');
    const toStranger = collect(await signedIn(stranger), 'notification:new');
    const out = announcer();
    if (!out) throw new Error('realtime did not install its announcer');
    const message = { id: crypto.randomUUID(), kind: 'org.memberJoined', payload: {}, link: null, createdAt: new Date().toISOString(), readAt: null };

    out.toOrg(org.id, 'notification:new', message);
    await eventually(() => toOwner.length === 1 && toMember.length === 1);

    await database.db.delete(memberships).where(eq(memberships.userId, member.actor.userId));
    out.membershipChanged(member.actor.userId, null);
    await sleep(200);
    out.toOrg(org.id, 'notification:new', message);
    await eventually(() => toOwner.length === 2);
    await sleep(200);
    expect(toMember).toHaveLength(1);
    expect(toStranger).toEqual([]);
  });
});

describe('session revocation disconnects the session’s open sockets', () => {
  it('logout: the session’s sockets are told and disconnected for good; the user’s other session stays', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const phone = { userId: actor.userId, sessionId: await createSession(database.db, actor.userId) };
    const tabA = await signedIn(actor);
    const tabB = await signedIn(actor, { transports: ['websocket'] });
    const onPhone = await signedIn(phone);
    const told = collect(tabA, 'session:revoked');
    const [goneA, goneB] = [disconnection(tabA), disconnection(tabB)];

    await revokeSession(database.db, actor.sessionId);

    // "io server disconnect": the server closed the socket on purpose, the client does not reconnect.
    expect(await goneA).toBe('io server disconnect');
    expect(await goneB).toBe('io server disconnect');
    expect(told).toHaveLength(1);
    await sleep(100);
    expect(onPhone.connected).toBe(true);
  });

  it('password change: every other session’s sockets go once the transaction commits, the current one stays', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const other = { userId: actor.userId, sessionId: await createSession(database.db, actor.userId) };
    const current = await signedIn(actor);
    const elsewhere = await signedIn(other);
    const gone = disconnection(elsewhere);
    await inTransaction(database.db, async (tx, afterCommit) => {
      await revokeUserSessions(tx, actor.userId, actor.sessionId, afterCommit);
      await sleep(100);
      expect(elsewhere.connected).toBe(true);
    });
    expect(await gone).toBe('io server disconnect');
    expect(current.connected).toBe(true);
  });

  it('a session revoked without an announcement is still caught at its next event', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const tab = await signedIn(actor);
    expect(await tab.emitWithAck('ping:echo', { at: 7 })).toEqual({ ok: true, data: { at: 7 } });
    await database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId));
    const gone = disconnection(tab);
    expect(await tab.emitWithAck('ping:echo', { at: 8 })).toEqual({ ok: false, error: 'unauthorized' });
    expect(await gone).toBe('io server disconnect');
  });
});

describe('client events', () => {
  it('validates every payload and always answers with a typed ack', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const tab = await signedIn(actor);
    expect(await tab.emitWithAck('ping:echo', { at: 42 })).toEqual({ ok: true, data: { at: 42 } });
    const loose = tab as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    expect(await loose.emitWithAck('ping:echo', { at: 'soon' })).toEqual({ ok: false, error: 'invalidInput', fields: { at: 'v.invalid_type' } });
    expect(await loose.emitWithAck('ping:echo', null)).toMatchObject({ ok: false, error: 'invalidInput' });
    // An event without an ack is ignored, and the socket stays usable.
    (tab as unknown as { emit(event: string, payload: unknown): void }).emit('ping:echo', { at: 1 });
    expect(await tab.emitWithAck('ping:echo', { at: 2 })).toEqual({ ok: true, data: { at: 2 } });
  });
});

describe('graceful close', () => {
  it('closing the server drops its sockets as a transport close (clients reconnect elsewhere), and stops announcing', async () => {
    const own = await startTestServer(database.db, { installAnnouncer: false });
    const { actor } = await insertOrgWithOwner(database.db);
    const tab = await signedIn(actor, { url: own.url });
    const gone = disconnection(tab);
    await own.close();
    expect(await gone).toBe('transport close');
    // The process-wide announcer (the suite's server) is untouched by closing another instance.
    expect(announcer()).toBe(server.realtime.announcer);
  });
});

describe.runIf(process.env.REDIS_URL)('two instances sharing the Redis adapter', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const key = testRedisKey();
    a = await startTestServer(database.db, { installAnnouncer: false, redisKey: key });
    b = await startTestServer(database.db, { installAnnouncer: false, redisKey: key });
  });
  afterAll(async () => {
    setAnnouncer(server.realtime.announcer);
    await Promise.all([a.close(), b.close()]);
  });

  it('a notification emitted on one instance reaches the user’s clients on both, and no one else', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const { actor: stranger } = await insertOrgWithOwner(database.db);
    const onB = await signedIn(actor, { url: b.url });
    const onA = await signedIn(actor, { url: a.url });
    const strangerOnB = await signedIn(stranger, { url: b.url });
    const gotB = collect(onB, 'notification:new');
    const gotA = collect(onA, 'notification:new');
    const gotStranger = collect(strangerOnB, 'notification:new');

    setAnnouncer(a.realtime.announcer);
    await inTransaction(database.db, (tx, afterCommit) => notify(tx, afterCommit, [actor.userId], 'org.verified', { orgName: '跨实例' }));

    await eventually(() => gotB.length === 1 && gotA.length === 1);
    expect(gotB[0]?.[0]).toMatchObject({ kind: 'org.verified', payload: { orgName: '跨实例' } });
    await sleep(200);
    expect(gotStranger).toEqual([]);
  });

  it('a session revoked on one instance disconnects its socket on the other', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const onB = await signedIn(actor, { url: b.url });
    const gone = disconnection(onB);
    setAnnouncer(a.realtime.announcer);
    await revokeSession(database.db, actor.sessionId);
    expect(await gone).toBe('io server disconnect');
  });

  it('moving a user between organisations moves their sockets on every instance', async () => {
    const { org, actor: owner } = await insertOrgWithOwner(database.db);
    const member = await insertMember(database.db, org, 'member');
    const onB = await signedIn(member.actor, { url: b.url });
    await signedIn(owner, { url: a.url });
    const got = collect(onB, 'notification:new');
    const message = { id: crypto.randomUUID(), kind: 'org.removed', payload: {}, link: null, createdAt: new Date().toISOString(), readAt: null };
    a.realtime.announcer.toOrg(org.id, 'notification:new', message);
    await eventually(() => got.length === 1);
    a.realtime.announcer.membershipChanged(member.actor.userId, null);
    await sleep(300);
    a.realtime.announcer.toOrg(org.id, 'notification:new', message);
    await sleep(300);
    expect(got).toHaveLength(1);
  });
});
