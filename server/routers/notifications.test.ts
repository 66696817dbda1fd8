import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { notifications } from '@/db/schema';
import type { Actor } from '../actor';
import { setAnnouncer, type Announcer } from '../notifications/announcer';
import type { NotificationKind } from '../notifications/kinds';
import { notify } from '../notifications/notify';
import { insertOrgWithOwner, insertUser } from '../seed/factories';
import { createSession } from '../auth/sessions';
import { callerFor } from '../test/caller';
import { inTransaction } from '../transaction';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
afterEach(() => setAnnouncer(undefined));

const KIND: NotificationKind = 'org.verified';

async function send(userIds: string[], payload: Record<string, string | number | null> = {}, link: string | null = '/org') {
  await inTransaction(database.db, (tx, afterCommit) => notify(tx, afterCommit, userIds, KIND, payload, link));
}

async function rowsOf(userId: string) {
  return database.db.select().from(notifications).where(eq(notifications.userId, userId));
}

/** Records what the domain announces, as realtime would receive it. */
function recordAnnouncements() {
  const events: Array<{ to: string; event: string; args: unknown[] }> = [];
  const recorder: Announcer = {
    toUser: (userId, event, ...args) => void events.push({ to: `user:${userId}`, event, args }),
    toOrg: (orgId, event, ...args) => void events.push({ to: `org:${orgId}`, event, args }),
    sessionsRevoked: (ids) => void events.push({ to: 'sessions', event: 'revoked', args: [ids] }),
    membershipChanged: (userId, orgId) => void events.push({ to: `user:${userId}`, event: 'membership', args: [orgId] }),
  };
  setAnnouncer(recorder);
  return events;
}

async function userWithoutOrg(): Promise<Actor> {
  const user = await insertUser(database.db);
  return { userId: user.id, sessionId: await createSession(database.db, user.id), name: user.name, org: null };
}

describe('notifications router', () => {
  it('lists the caller’s notifications newest first, a page at a time, each exactly once', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    for (let i = 0; i < 23; i++) await send([actor.userId], { n: i });
    const api = callerFor(database.db, actor);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof api.notifications.list>> = await api.notifications.list({ cursor, limit: 10 });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(23);
    const expected = (await rowsOf(actor.userId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1))
      .map((r) => r.id);
    expect(seen).toEqual(expected);
    // Newest first: the last one sent (n = 22) leads.
    const first = await api.notifications.list({ limit: 1 });
    expect(first.items[0]?.payload).toEqual({ n: 22 });
    expect(first.items[0]).toMatchObject({ kind: KIND, link: '/org', readAt: null });
  });

  it('counts unread, marks one read (idempotently) and all read, and tells the user’s tabs', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    await send([actor.userId]);
    await send([actor.userId]);
    await send([actor.userId]);
    const api = callerFor(database.db, actor);
    expect(await api.notifications.unreadCount()).toBe(3);

    const events = recordAnnouncements();
    const [target] = (await api.notifications.list({})).items;
    if (!target) throw new Error('no notification');
    expect(await api.notifications.markRead({ id: target.id })).toEqual({ unread: 2 });
    expect(await api.notifications.markRead({ id: target.id })).toEqual({ unread: 2 });
    expect(await api.notifications.unreadCount()).toBe(2);
    expect(events[0]).toEqual({ to: `user:${actor.userId}`, event: 'notification:read', args: [{ ids: [target.id], unread: 2 }] });

    const unreadOnly = await api.notifications.list({ unreadOnly: true });
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(target.id);
    expect(unreadOnly.items).toHaveLength(2);

    expect(await api.notifications.markAllRead()).toEqual({ marked: 2, unread: 0 });
    expect(await api.notifications.unreadCount()).toBe(0);
    expect(events.at(-1)).toEqual({ to: `user:${actor.userId}`, event: 'notification:read', args: [{ ids: 'all', unread: 0 }] });
    expect((await rowsOf(actor.userId)).every((r) => r.readAt instanceof Date)).toBe(true);
  });

  it('works for a signed-in user without an organisation', async () => {
    const actor = await userWithoutOrg();
    await send([actor.userId]);
    const api = callerFor(database.db, actor);
    expect(await api.notifications.unreadCount()).toBe(1);
    expect((await api.notifications.list({})).items).toHaveLength(1);
  });

  it('an outsider can neither read nor mark another user’s notification: NOT_FOUND, nothing changes', async () => {
    const owner = await insertOrgWithOwner(database.db);
    const outsider = await insertOrgWithOwner(database.db);
    await send([owner.actor.userId], { secret: '机密' });
    await send([outsider.actor.userId]);
    const [theirs] = await rowsOf(owner.actor.userId);
    if (!theirs) throw new Error('no notification');
    const before = await rowsOf(owner.actor.userId);
    const events = recordAnnouncements();
    const api = callerFor(database.db, outsider.actor);

    await expect(api.notifications.markRead({ id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ownList = await api.notifications.list({});
    expect(ownList.items.map((n) => n.id)).not.toContain(theirs.id);
    expect(ownList.items).toHaveLength(1);
    // Someone else's id as a cursor reveals nothing either.
    expect(await api.notifications.list({ cursor: theirs.id })).toEqual({ items: [], nextCursor: null });
    // Mark-all touches only the caller's own.
    expect(await api.notifications.markAllRead()).toEqual({ marked: 1, unread: 0 });

    expect(await rowsOf(owner.actor.userId)).toEqual(before);
    expect(await callerFor(database.db, owner.actor).notifications.unreadCount()).toBe(1);
    expect(events.filter((e) => e.to === `user:${owner.actor.userId}`)).toEqual([]);
  });

  it('refuses an unknown id, a malformed id and an anonymous caller', async () => {
    const { actor } = await insertOrgWithOwner(database.db);
    const api = callerFor(database.db, actor);
    await expect(api.notifications.markRead({ id: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.notifications.markRead({ id: 'not-an-id' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.notifications.list({ limit: 500 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const anonymous = callerFor(database.db, null);
    await expect(anonymous.notifications.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anonymous.notifications.unreadCount()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anonymous.notifications.markAllRead()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('notify', () => {
  it('stores one row per distinct user and announces each only after commit', async () => {
    const a = await userWithoutOrg();
    const b = await userWithoutOrg();
    const events = recordAnnouncements();
    await inTransaction(database.db, async (tx, afterCommit) => {
      await notify(tx, afterCommit, [a.userId, b.userId, a.userId], KIND, { orgName: '新昌' }, '/org');
      expect(events).toEqual([]);
    });
    expect(events.map((e) => [e.to, e.event])).toEqual([
      [`user:${a.userId}`, 'notification:new'],
      [`user:${b.userId}`, 'notification:new'],
    ]);
    expect(await rowsOf(a.userId)).toHaveLength(1);
  });

  it('announces nothing and stores nothing when the transaction rolls back', async () => {
    const a = await userWithoutOrg();
    const events = recordAnnouncements();
    await expect(
      inTransaction(database.db, async (tx, afterCommit) => {
        await notify(tx, afterCommit, [a.userId], KIND);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(events).toEqual([]);
    expect(await rowsOf(a.userId)).toEqual([]);
  });

  it('refuses a link that leaves the app', async () => {
    const a = await userWithoutOrg();
    for (const link of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      await expect(
        inTransaction(database.db, (tx, afterCommit) => notify(tx, afterCommit, [a.userId], KIND, {}, link)),
      ).rejects.toThrow('app path');
    }
    expect(await rowsOf(a.userId)).toEqual([]);
  });
});
