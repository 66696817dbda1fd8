import crypto from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { memberships, messages, notifications, sessions } from '@/db/schema';
import { advanceClock, resetClock } from '../clock';
import { callerFor } from '../test/caller';
import { directFixture } from '../messaging/test-fixtures';
import { sendMessage } from '../messaging/messages';
import { notifyOfflineParticipants } from '../messaging/offline';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import type { AckResponse } from './events';
import { client, collect, connected, eventually, sessionCookie, sleep, startTestServer, type TestClient, type TestServer } from './testing';

/**
 * 在线沟通 over the real socket.io server on a random port, real Auth.js cookies, a real database
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL). Delivery guarantees, membership on every event, edit rules.
 */
let database: Database;
let server: TestServer;
const open: TestClient[] = [];

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

async function connect(session: { userId: string; sessionId: string }): Promise<TestClient> {
  const socket = client(server.url, { cookie: await sessionCookie(session) });
  open.push(socket);
  return connected(socket);
}

/** Emits and resolves with the ack (socket.io's typed emitWithAck, loosened for refusal cases). */
function ask<T = unknown>(socket: TestClient, event: string, payload: unknown): Promise<AckResponse<T>> {
  return (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<AckResponse<T>> }).emitWithAck(event, payload);
}

async function stored(conversationId: string) {
  return database.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.seq);
}

describe('sending', () => {
  it('a retry with the same client id stores once and answers the same id and seq', async () => {
    const fx = await directFixture(database.db);
    const sender = await connect(fx.team.actor);
    await ask(sender, 'conversation:join', { conversationId: fx.conversationId });
    const clientId = crypto.randomUUID();
    const payload = { conversationId: fx.conversationId, clientId, body: '同一条消息' };
    const [first, second] = await Promise.all([ask(sender, 'message:send', payload), ask(sender, 'message:send', payload)]);
    const third = await ask(sender, 'message:send', payload);
    expect(first.ok && second.ok && third.ok).toBe(true);
    const ids = [first, second, third].map((r) => (r.ok ? (r.data as { id: string; seq: number }) : null));
    expect(new Set(ids.map((d) => d?.id)).size).toBe(1);
    expect(new Set(ids.map((d) => d?.seq)).size).toBe(1);
    const rows = (await stored(fx.conversationId)).filter((m) => m.clientId === clientId);
    expect(rows).toHaveLength(1);
  });

  it('concurrent senders get consecutive seqs with no gap; each reaches the others once after commit (clients order by seq)', async () => {
    const fx = await directFixture(database.db);
    const a = await connect(fx.enterprise.actor);
    const b = await connect(fx.team.actor);
    for (const s of [a, b]) await ask(s, 'conversation:join', { conversationId: fx.conversationId });
    const seenByA = collect(a, 'message:new');
    const sends = [];
    for (let i = 0; i < 20; i++) {
      const socket = i % 2 ? a : b;
      sends.push(ask(socket, 'message:send', { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body: `第${i}条` }));
    }
    const acks = await Promise.all(sends);
    expect(acks.every((r) => r.ok)).toBe(true);
    const seqs = (await stored(fx.conversationId)).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    // A hears B's ten live and holds its own ten from their acks (the broadcast skips the sending socket).
    await eventually(() => seenByA.length === 10);
    await sleep(100);
    expect(seenByA.every(([m]) => m.senderUserId === fx.team.actor.userId)).toBe(true);
    const ownAcks = acks.filter((_, i) => i % 2).map((r) => (r.ok ? (r.data as { message: { id: string; seq: number } }).message : null));
    const held = [...seenByA.map(([m]) => m), ...ownAcks.flatMap((m) => (m ? [m] : []))];
    expect(held.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(new Set(held.map((m) => m.id)).size).toBe(20);
  });

  it('a dropped client resumes: subscribe, then backfill after its last seq, de-duplicated by id — no gap, no duplicate', async () => {
    const fx = await directFixture(database.db);
    const sender = await connect(fx.enterprise.actor);
    await ask(sender, 'conversation:join', { conversationId: fx.conversationId });
    let reader = await connect(fx.team.actor);
    await ask(reader, 'conversation:join', { conversationId: fx.conversationId });
    const held = new Map<string, number>([[fx.message.id, fx.message.seq]]);
    for (const [m] of collect(reader, 'message:new')) held.set(m.id, m.seq);
    const live = collect(reader, 'message:new');
    const send = (i: number) => ask(sender, 'message:send', { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body: `消息${i}` });
    for (let i = 0; i < 3; i++) await send(i);
    await eventually(() => live.length === 3);
    for (const [m] of live) held.set(m.id, m.seq);
    reader.disconnect();
    for (let i = 3; i < 8; i++) await send(i);
    // Reconnect: subscribe first (join), keep what arrives live, then backfill from the last seq held.
    const lastSeq = Math.max(...held.values());
    reader = await connect(fx.team.actor);
    const afterReconnect = collect(reader, 'message:new');
    await ask(reader, 'conversation:join', { conversationId: fx.conversationId });
    const racing = Promise.all([send(8), send(9)]);
    const backfill = await callerFor(database.db, fx.team.actor).messages.history({ conversationId: fx.conversationId, afterSeq: lastSeq });
    await racing;
    await eventually(() => afterReconnect.length >= 1);
    for (const m of [...backfill.messages, ...afterReconnect.map(([x]) => x)]) {
      if (!held.has(m.id)) held.set(m.id, m.seq);
    }
    // Whatever the interleaving, a second backfill closes any gap left by a live message that outran it.
    const top = Math.max(...held.values());
    const rest = await callerFor(database.db, fx.team.actor).messages.history({ conversationId: fx.conversationId, afterSeq: top });
    for (const m of rest.messages) held.set(m.id, m.seq);
    const seqs = [...held.values()].sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(held.size).toBe(11);
  });

  it('stores an XSS payload as the text typed (rendering is text, proven in the browser)', async () => {
    const fx = await directFixture(database.db);
    const s = await connect(fx.team.actor);
    const body = '<img src=x onerror="alert(1)"><script>alert(2)</script>[x](javascript:alert(3))';
    const ack = await ask<{ message: { body: string } }>(s, 'message:send', { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body });
    expect(ack.ok && ack.data.message.body).toBe(body);
    const history = await callerFor(database.db, fx.enterprise.actor).messages.history({ conversationId: fx.conversationId });
    expect(history.messages.at(-1)?.body).toBe(body);
  });

  it('refuses an empty message and a malformed payload with field errors', async () => {
    const fx = await directFixture(database.db);
    const s = await connect(fx.team.actor);
    const empty = await ask(s, 'message:send', { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body: '   ' });
    expect(empty).toEqual({ ok: false, error: 'invalidInput', fields: { body: 'v.messageEmpty' } });
    const bad = await ask(s, 'message:send', { conversationId: 'nope', clientId: 1, body: 'x' });
    expect(bad.ok).toBe(false);
    expect(await stored(fx.conversationId)).toHaveLength(1);
  });
});

describe('only participants', () => {
  it('an outsider is refused on join, history, post, read and typing, and hears nothing', async () => {
    const fx = await directFixture(database.db);
    const outsider = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    const o = await connect(outsider.actor);
    const member = await connect(fx.team.actor);
    await ask(member, 'conversation:join', { conversationId: fx.conversationId });
    const heard = [...['message:new', 'typing', 'presence', 'message:read'].map((e) => collect(o, e as 'typing'))];
    const id = fx.conversationId;
    expect(await ask(o, 'conversation:join', { conversationId: id })).toEqual({ ok: false, error: 'notFound' });
    expect(await ask(o, 'message:send', { conversationId: id, clientId: crypto.randomUUID(), body: '插话' })).toEqual({ ok: false, error: 'notFound' });
    expect(await ask(o, 'message:read', { conversationId: id, seq: 1 })).toEqual({ ok: false, error: 'notFound' });
    expect(await ask(o, 'typing', { conversationId: id })).toEqual({ ok: false, error: 'notFound' });
    expect(await ask(o, 'conversation:history', { conversationId: id, afterSeq: 0 })).toEqual({ ok: false, error: 'notFound' });
    await expect(callerFor(database.db, outsider.actor).messages.history({ conversationId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ask(member, 'message:send', { conversationId: id, clientId: crypto.randomUUID(), body: '内部消息' });
    await ask(member, 'typing', { conversationId: id });
    await sleep(100);
    expect(heard.every((h) => h.length === 0)).toBe(true);
    expect(await stored(id)).toHaveLength(2);
  });

  it('membership is checked on every event: a member who leaves the organisation is refused at once', async () => {
    const fx = await directFixture(database.db);
    const colleague = await insertMember(database.db, fx.team.org, 'member');
    const s = await connect(colleague.actor);
    expect((await ask(s, 'conversation:join', { conversationId: fx.conversationId })).ok).toBe(true);
    expect((await ask(s, 'typing', { conversationId: fx.conversationId })).ok).toBe(true);
    await database.db.delete(memberships).where(eq(memberships.userId, colleague.actor.userId));
    expect(await ask(s, 'typing', { conversationId: fx.conversationId })).toEqual({ ok: false, error: 'notFound' });
    expect(await ask(s, 'message:send', { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body: '已离开' })).toEqual({ ok: false, error: 'notFound' });
  });

  it('the session is checked by the send itself: revoked (no announcement) or expired, nothing is stored and the socket is told', async () => {
    const fx = await directFixture(database.db);
    const colleague = await insertMember(database.db, fx.team.org, 'member');
    const send = (socket: TestClient, body: string) => ask(socket, 'message:send', { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body });
    const live = await connect(colleague.actor);
    expect((await send(live, '会话有效')).ok).toBe(true);
    await database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, colleague.actor.sessionId));
    const revoked = new Promise<void>((resolve) => live.once('session:revoked', () => resolve()));
    expect(await send(live, '会话已撤销')).toEqual({ ok: false, error: 'unauthorized' });
    await revoked;

    const other = await insertMember(database.db, fx.team.org, 'member');
    const later = await connect(other.actor);
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, other.actor.sessionId));
    expect(await send(later, '会话已过期')).toEqual({ ok: false, error: 'unauthorized' });
    expect((await stored(fx.conversationId)).map((m) => m.body)).toEqual([fx.message.body, '会话有效']);
  });
});

describe('typing, receipts, presence', () => {
  it('participants see typing, read receipts and who joined', async () => {
    const fx = await directFixture(database.db);
    const a = await connect(fx.enterprise.actor);
    const b = await connect(fx.team.actor);
    await ask(a, 'conversation:join', { conversationId: fx.conversationId });
    const presence = collect(a, 'presence');
    const typing = collect(a, 'typing');
    const reads = collect(a, 'message:read');
    const joined = await ask<{ online: string[] }>(b, 'conversation:join', { conversationId: fx.conversationId });
    expect(joined.ok && joined.data.online.sort()).toEqual([fx.enterprise.actor.userId, fx.team.actor.userId].sort());
    await ask(b, 'typing', { conversationId: fx.conversationId });
    await ask(b, 'message:read', { conversationId: fx.conversationId, seq: 1 });
    await eventually(() => presence.length === 1 && typing.length === 1 && reads.length === 1);
    expect(typing[0]?.[0].userId).toBe(fx.team.actor.userId);
    expect(reads[0]?.[0]).toEqual({ conversationId: fx.conversationId, userId: fx.team.actor.userId, seq: 1 });
    const detail = await callerFor(database.db, fx.enterprise.actor).messages.conversation({ conversationId: fx.conversationId });
    expect(detail.reads).toEqual([expect.objectContaining({ userId: fx.team.actor.userId, lastReadSeq: 1 })]);
    b.disconnect();
    await eventually(() => presence.some(([p]) => !p.online));
  });

  it('unread counts follow the read cursor; offline users are notified once per unread stretch', async () => {
    const fx = await directFixture(database.db);
    const team = callerFor(database.db, fx.team.actor);
    expect((await team.messages.conversations({})).find((c) => c.id === fx.conversationId)?.unread).toBe(1);
    const notified = await notifyOfflineParticipants(database.db, fx.conversationId, new Set());
    expect(notified).toEqual([fx.team.actor.userId]);
    await sendMessage(database.db, fx.enterprise.actor, { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body: '再补充一句', attachmentIds: [] });
    expect(await notifyOfflineParticipants(database.db, fx.conversationId, new Set())).toEqual([]);
    await team.messages.markRead({ conversationId: fx.conversationId, seq: 2 });
    expect((await team.messages.conversations({})).find((c) => c.id === fx.conversationId)?.unread).toBe(0);
    await sendMessage(database.db, fx.enterprise.actor, { conversationId: fx.conversationId, clientId: crypto.randomUUID(), body: '第三条', attachmentIds: [] });
    expect(await notifyOfflineParticipants(database.db, fx.conversationId, new Set([fx.team.actor.userId]))).toEqual([]);
    expect(await notifyOfflineParticipants(database.db, fx.conversationId, new Set())).toEqual([fx.team.actor.userId]);
    const [row] = await database.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, fx.team.actor.userId), eq(notifications.kind, 'message.new')));
    expect(row?.n).toBe(2);
  });
});

describe('edit and withdraw', () => {
  it('the sender edits within 5 minutes, not after; others cannot edit or withdraw; withdrawn shows no text', async () => {
    const fx = await directFixture(database.db);
    const owner = callerFor(database.db, fx.enterprise.actor);
    const other = callerFor(database.db, fx.team.actor);
    const edited = await owner.messages.edit({ messageId: fx.message.id, body: '更正：想了解热处理工艺' });
    expect(edited.editedAt).not.toBeNull();
    await expect(other.messages.edit({ messageId: fx.message.id, body: '篡改' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(other.messages.delete({ messageId: fx.message.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    try {
      advanceClock(5 * 60 * 1000 + 1000);
      await expect(owner.messages.edit({ messageId: fx.message.id, body: '太晚了' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await owner.messages.delete({ messageId: fx.message.id });
    } finally {
      resetClock();
    }
    const seen = (await other.messages.history({ conversationId: fx.conversationId })).messages[0];
    expect(seen).toMatchObject({ deleted: true, body: '' });
    await expect(owner.messages.edit({ messageId: fx.message.id, body: '再改' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a participant reports another organisation\'s message to the bureau once', async () => {
    const fx = await directFixture(database.db);
    const team = callerFor(database.db, fx.team.actor);
    await team.messages.report({ messageId: fx.message.id, reason: '疑似广告' });
    await expect(team.messages.report({ messageId: fx.message.id, reason: '再次举报' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(callerFor(database.db, fx.enterprise.actor).messages.report({ messageId: fx.message.id, reason: '自己' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('need Q&A (答疑)', () => {
  it('a team asks the owner privately; the published clarification names no asker', async () => {
    const { insertNeed } = await import('../needs/factories');
    const owner = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'verified' });
    const team = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const otherTeam = await insertOrgWithOwner(database.db, { kind: 'research_team', status: 'verified' });
    const need = await insertNeed(database.db, { orgId: owner.org.id, userId: owner.actor.userId }, { status: 'published' });
    const { id } = await callerFor(database.db, team.actor).messages.askAboutNeed({ needId: need.id });
    expect((await callerFor(database.db, team.actor).messages.askAboutNeed({ needId: need.id })).id).toBe(id);
    await sendMessage(database.db, team.actor, { conversationId: id, clientId: crypto.randomUUID(), body: '样件数量是多少？', attachmentIds: [] });
    await expect(callerFor(database.db, otherTeam.actor).messages.history({ conversationId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ownerList = await callerFor(database.db, owner.actor).messages.conversations({});
    expect(ownerList.find((c) => c.id === id)?.kind).toBe('need_qa');
    await callerFor(database.db, owner.actor).messages.publishClarification({ needId: need.id, question: '样件数量？', answer: '10 件。' });
    const published = await callerFor(database.db, null).messages.clarifications({ needId: need.id });
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published)).not.toContain(team.org.id);
    expect(JSON.stringify(published)).not.toContain(team.org.name);
  });
});
