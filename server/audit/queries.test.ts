import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog } from '@/db/schema';
import type { Actor } from '../actor';
import { advanceClock, resetClock } from '../clock';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';
import { audit } from './audit';

let database: Database;
let bureau: Actor;
let a: { orgId: string; owner: Actor; admin: Actor; member: Actor };
let b: { orgId: string; owner: Actor };

/**
 * A small log: A edits its profile twice (owner, then admin), B edits its profile, A's owner acts on
 * B's record (a bid on B's need, say), the bureau verifies B — spread over three days.
 */
beforeAll(async () => {
  database = await createTestDatabase();
  ({ actor: bureau } = await insertOrgWithOwner(database.db, { kind: 'bureau' }, { name: '王科长', email: 'wang.kz@bureau.example.cn' }));
  const orgA = await insertOrgWithOwner(database.db, { kind: 'enterprise', name: '甲公司' }, { name: '张明', email: 'zhang.ming@a.example.cn' });
  const adminA = await insertMember(database.db, orgA.org, 'admin', { name: '李华' });
  const memberA = await insertMember(database.db, orgA.org, 'member');
  const orgB = await insertOrgWithOwner(database.db, { kind: 'research_team', name: '乙团队' });
  a = { orgId: orgA.org.id, owner: orgA.actor, admin: adminA.actor, member: memberA.actor };
  b = { orgId: orgB.org.id, owner: orgB.actor };

  const write = (actor: Actor, action: string, entityType: string, orgId: string, after: unknown) =>
    audit(database.db, { ...actor, ip: '10.0.0.8' }, { action, entityType, entityId: orgId, orgId, after });
  // Day 1 (2026-03-01 China time)
  advanceClock(new Date('2026-03-01T09:00:00+08:00').getTime() - Date.now());
  await write(a.owner, 'org.updateProfile', 'organization', a.orgId, { city: '新昌' });
  await write(b.owner, 'org.updateProfile', 'organization', b.orgId, { city: '杭州' });
  // Day 2
  advanceClock(24 * 3600 * 1000);
  await write(a.admin, 'org.updateProfile', 'organization', a.orgId, { description: '简介' });
  await write(a.owner, 'bid.submit', 'bid', b.orgId, { price: 12 });
  // Day 3
  advanceClock(24 * 3600 * 1000);
  await write(bureau, 'org.verify', 'organization', b.orgId, { status: 'verified' });
  resetClock();
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  throw new Error('expected a refusal');
}

describe('audit log browsing', () => {
  it('the bureau sees every row, newest first, with names and addresses', async () => {
    const page = await callerFor(database.db, bureau).audit.list({});
    expect(page.scope).toBe('all');
    expect(page.rows.map((r) => r.action)).toEqual(['org.verify', 'bid.submit', 'org.updateProfile', 'org.updateProfile', 'org.updateProfile']);
    expect(page.rows[0]).toMatchObject({ actorName: '王科长', orgName: '乙团队', ip: '10.0.0.8' });
    expect(page.nextCursor).toBeNull();
  });

  it('an organisation’s owners and admins see its own rows and its people’s acts elsewhere, never others’ rows, and no addresses', async () => {
    for (const viewer of [a.owner, a.admin]) {
      const page = await callerFor(database.db, viewer).audit.list({});
      expect(page.scope).toBe('own');
      expect(page.rows.map((r) => [r.action, r.orgName])).toEqual([
        ['bid.submit', '乙团队'],
        ['org.updateProfile', '甲公司'],
        ['org.updateProfile', '甲公司'],
      ]);
      expect(page.rows.every((r) => r.ip === null)).toBe(true);
    }
    // B sees its own rows, including what A's owner did to B's record and the bureau's verification.
    const ofB = await callerFor(database.db, b.owner).audit.list({});
    expect(ofB.rows.map((r) => r.action)).toEqual(['org.verify', 'bid.submit', 'org.updateProfile']);
  });

  it('members (role member) are refused, anonymous callers too', async () => {
    expect(await refusal(callerFor(database.db, a.member).audit.list({}))).toBe('FORBIDDEN');
    expect(await refusal(callerFor(database.db, a.member).audit.facets())).toBe('FORBIDDEN');
    expect(await refusal(callerFor(database.db, null).audit.list({}))).toBe('UNAUTHORIZED');
  });

  it('filters by action, entity, actor (name or email), organisation name and date range', async () => {
    const api = callerFor(database.db, bureau).audit;
    expect((await api.list({ action: 'org.updateProfile' })).rows).toHaveLength(3);
    expect((await api.list({ entityType: 'bid' })).rows.map((r) => r.action)).toEqual(['bid.submit']);
    expect((await api.list({ entityId: a.orgId })).rows).toHaveLength(2);
    expect((await api.list({ actor: '李华' })).rows.map((r) => r.actorUserId)).toEqual([a.admin.userId]);
    expect((await api.list({ actor: 'zhang.ming@' })).rows).toHaveLength(2);
    expect((await api.list({ org: '甲公司' })).rows).toHaveLength(3);
    expect((await api.list({ from: '2026-03-02', to: '2026-03-02' })).rows.map((r) => r.action)).toEqual(['bid.submit', 'org.updateProfile']);
    expect((await api.list({ from: '2026-03-03' })).rows.map((r) => r.action)).toEqual(['org.verify']);
    expect((await api.list({ to: '2026-03-01' })).rows).toHaveLength(2);
    // Empty fields (as a GET form sends them) mean no filter.
    expect((await api.list({ action: '', actor: '', from: '' })).rows).toHaveLength(5);
    // Filters never widen an organisation's scope.
    expect((await callerFor(database.db, a.owner).audit.list({ org: '乙团队' })).rows.map((r) => r.action)).toEqual(['bid.submit']);
  });

  it('pages with a cursor: every row once, in order', async () => {
    const api = callerFor(database.db, bureau).audit;
    const seen: number[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = await api.list({ limit: 2, cursor: cursor ?? undefined });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    const all = (await database.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id);
    expect([...seen].sort()).toEqual([...all].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('facets list the actions and entity types in the caller’s scope only', async () => {
    expect(await callerFor(database.db, bureau).audit.facets()).toEqual({
      actions: ['bid.submit', 'org.updateProfile', 'org.verify'],
      entityTypes: ['bid', 'organization'],
    });
    expect(await callerFor(database.db, a.owner).audit.facets()).toEqual({ actions: ['bid.submit', 'org.updateProfile'], entityTypes: ['bid', 'organization'] });
  });
});
