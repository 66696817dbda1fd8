import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { auditLog, memberships, notifications } from '@/db/schema';
import type { Actor } from '../actor';
import { insertMember, insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    const error = e as { code?: string; message?: string };
    return { code: error.code, key: error.message };
  }
  throw new Error('expected a refusal');
}

/** Members and audit rows of the organisation: what must stay the same after a refusal. */
async function state(orgId: string) {
  return {
    members: await database.db.select().from(memberships).where(eq(memberships.orgId, orgId)).orderBy(asc(memberships.userId)),
    audit: await database.db.select().from(auditLog).where(eq(auditLog.orgId, orgId)),
  };
}

async function team() {
  const { org, actor: owner } = await insertOrgWithOwner(database.db, { kind: 'enterprise', status: 'pending' });
  const admin = await insertMember(database.db, org, 'admin');
  const member = await insertMember(database.db, org, 'member');
  return { org, owner, admin: admin.actor, member: member.actor };
}

describe('members of an organisation', () => {
  it('everyone in the organisation lists its members, owners first, with no one from elsewhere', async () => {
    const { owner, admin, member } = await team();
    await insertOrgWithOwner(database.db);
    const list = await callerFor(database.db, member).orgs.members.list();
    expect(list.map((m) => m.userId)).toEqual([owner.userId, admin.userId, member.userId]);
    expect(list.map((m) => m.role)).toEqual(['owner', 'admin', 'member']);
    expect(list.find((m) => m.isSelf)?.userId).toBe(member.userId);
  });

  it('an owner promotes a member; it is audited and the member is notified', async () => {
    const { org, owner, member } = await team();
    await callerFor(database.db, owner).orgs.members.setRole({ userId: member.userId, role: 'admin' });
    const [row] = await database.db.select().from(memberships).where(eq(memberships.userId, member.userId));
    expect(row?.role).toBe('admin');
    const { audit } = await state(org.id);
    expect(audit.find((a) => a.action === 'member.setRole')).toMatchObject({ entityId: member.userId, before: { role: 'member' }, after: { role: 'admin' } });
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, member.userId));
    expect(told.map((n) => n.kind)).toEqual(['org.roleChanged']);
  });

  it('admins and members cannot set roles', async () => {
    const { org, admin, member } = await team();
    const before = await state(org.id);
    expect(await refusal(callerFor(database.db, admin).orgs.members.setRole({ userId: member.userId, role: 'admin' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(callerFor(database.db, member).orgs.members.setRole({ userId: member.userId, role: 'owner' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await state(org.id)).toEqual(before);
  });

  it('the last owner cannot be demoted, leave, or be removed; with a second owner, they can step down', async () => {
    const { org, owner, admin } = await team();
    const api = callerFor(database.db, owner);
    const before = await state(org.id);
    expect(await refusal(api.orgs.members.setRole({ userId: owner.userId, role: 'admin' }))).toEqual({ code: 'FORBIDDEN', key: 'lastOwner' });
    expect(await refusal(api.orgs.members.leave())).toEqual({ code: 'FORBIDDEN', key: 'lastOwner' });
    expect(await refusal(api.orgs.members.remove({ userId: owner.userId }))).toEqual({ code: 'FORBIDDEN', key: 'cannotRemoveSelf' });
    expect(await state(org.id)).toEqual(before);

    await api.orgs.members.setRole({ userId: admin.userId, role: 'owner' });
    await api.orgs.members.setRole({ userId: owner.userId, role: 'member' });
    const roles = Object.fromEntries((await state(org.id)).members.map((m) => [m.userId, m.role]));
    expect(roles[owner.userId]).toBe('member');
    expect(roles[admin.userId]).toBe('owner');
    // The new sole owner is now the last one.
    const newOwner: Actor = { ...admin, org: admin.org ? { ...admin.org, role: 'owner' } : null };
    expect(await refusal(callerFor(database.db, newOwner).orgs.members.leave())).toEqual({ code: 'FORBIDDEN', key: 'lastOwner' });
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const { org, owner } = await team();
    const second = await insertMember(database.db, org, 'owner');
    const results = await Promise.allSettled([
      callerFor(database.db, owner).orgs.members.setRole({ userId: second.user.id, role: 'member' }),
      callerFor(database.db, second.actor).orgs.members.setRole({ userId: owner.userId, role: 'member' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const owners = (await state(org.id)).members.filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('admins remove members but not owners; owners remove admins; the removed member is notified', async () => {
    const { org, owner, admin, member } = await team();
    const before = await state(org.id);
    expect(await refusal(callerFor(database.db, admin).orgs.members.remove({ userId: owner.userId }))).toEqual({
      code: 'FORBIDDEN',
      key: 'adminCannotRemoveOwner',
    });
    expect(await refusal(callerFor(database.db, member).orgs.members.remove({ userId: admin.userId }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await state(org.id)).toEqual(before);

    await callerFor(database.db, admin).orgs.members.remove({ userId: member.userId });
    await callerFor(database.db, owner).orgs.members.remove({ userId: admin.userId });
    const after = await state(org.id);
    expect(after.members.map((m) => m.userId)).toEqual([owner.userId]);
    expect(after.audit.filter((a) => a.action === 'member.remove').map((a) => a.before)).toEqual([{ role: 'member' }, { role: 'admin' }]);
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, member.userId));
    expect(told.map((n) => n.kind)).toEqual(['org.removed']);
  });

  it('a member leaves; the departure is audited', async () => {
    const { org, member } = await team();
    await callerFor(database.db, member).orgs.members.leave();
    const after = await state(org.id);
    expect(after.members.some((m) => m.userId === member.userId)).toBe(false);
    expect(after.audit.find((a) => a.action === 'member.leave')).toMatchObject({ entityId: member.userId, actorUserId: member.userId });
  });

  it('a member of another organisation is NOT_FOUND for role changes and removal; nothing changes, no audit row', async () => {
    const a = await team();
    const b = await team();
    const beforeA = await state(a.org.id);
    const beforeB = await state(b.org.id);
    expect(await refusal(callerFor(database.db, b.owner).orgs.members.setRole({ userId: a.member.userId, role: 'owner' }))).toEqual({ code: 'NOT_FOUND', key: 'notFound' });
    expect(await refusal(callerFor(database.db, b.owner).orgs.members.remove({ userId: a.member.userId }))).toEqual({ code: 'NOT_FOUND', key: 'notFound' });
    expect(await refusal(callerFor(database.db, b.admin).orgs.members.remove({ userId: a.owner.userId }))).toEqual({ code: 'NOT_FOUND', key: 'notFound' });
    expect(await state(a.org.id)).toEqual(beforeA);
    expect(await state(b.org.id)).toEqual(beforeB);
  });
});
