import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { MemberActor, MemberRole } from '../actor';
import { DELETED_USER_NAME } from '../accounts/privacy';
import { audit } from '../audit/audit';
import { forbidden, notFound } from '../errors';
import { announceMembershipChanged } from '../notifications/announcer';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { lockOrganisation } from './shared';

/**
 * The people of an organisation. A user belongs to at most one organisation (memberships' primary key
 * is the user). Rules (SPEC §1 and the permission table):
 * - owners set roles; owners and admins remove members, but an admin cannot remove an owner;
 * - nobody removes themselves (they leave);
 * - the last owner can neither leave, nor be demoted, nor be removed: an organisation always has an owner.
 * These refusals are FORBIDDEN (the rules forbid the act), not conflicts of state.
 * Each act locks the organisation's row first, so two owners demoting each other at once cannot both win.
 */

export async function listMembers(db: Db, actor: MemberActor) {
  const rows = await db
    .select({
      userId: memberships.userId,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      name: users.name,
      email: users.email,
      deletedAt: users.deletedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, actor.org.id))
    .orderBy(asc(memberships.createdAt));
  const rank: Record<MemberRole, number> = { owner: 0, admin: 1, member: 2 };
  return rows
    .map((r) => ({
      userId: r.userId,
      role: r.role,
      joinedAt: r.joinedAt,
      name: r.deletedAt ? DELETED_USER_NAME : r.name,
      email: r.deletedAt ? null : r.email,
      isSelf: r.userId === actor.userId,
    }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

async function membershipOf(tx: Db, orgId: string, userId: string) {
  const [row] = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  // Someone in another organisation (or nobody) is not found: no hint that the user exists elsewhere.
  if (!row) throw notFound();
  return row;
}

async function ownerCount(tx: Db, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

/** Owners only (permission `org.setMemberRole`): promote or demote a member of their organisation. */
export async function setMemberRole(db: Db, actor: MemberActor, input: { userId: string; role: MemberRole }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, actor.org.id);
    const target = await membershipOf(tx, org.id, input.userId);
    if (target.role === input.role) return { userId: target.userId, role: target.role };
    if (target.role === 'owner' && (await ownerCount(tx, org.id)) <= 1) throw forbidden('lastOwner');
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, target.userId)));
    await audit(tx, actor, {
      action: 'member.setRole',
      entityType: 'membership',
      entityId: target.userId,
      orgId: org.id,
      before: { role: target.role },
      after: { role: input.role },
    });
    if (target.userId !== actor.userId) {
      await notify(tx, afterCommit, [target.userId], 'org.roleChanged', { orgName: org.name, role: input.role }, '/org/members');
    }
    return { userId: target.userId, role: input.role };
  });
}

/** Owners and admins (permission `org.removeMember`) remove someone else; admins cannot remove owners. */
export async function removeMember(db: Db, actor: MemberActor, userId: string) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, actor.org.id);
    const target = await membershipOf(tx, org.id, userId);
    if (target.userId === actor.userId) throw forbidden('cannotRemoveSelf');
    if (target.role === 'owner' && actor.org.role !== 'owner') throw forbidden('adminCannotRemoveOwner');
    if (target.role === 'owner' && (await ownerCount(tx, org.id)) <= 1) throw forbidden('lastOwner');
    await tx.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, target.userId)));
    await audit(tx, actor, {
      action: 'member.remove',
      entityType: 'membership',
      entityId: target.userId,
      orgId: org.id,
      before: { role: target.role },
    });
    await notify(tx, afterCommit, [target.userId], 'org.removed', { orgName: org.name }, null);
    // Their open sockets leave the organisation's room at once, not at their next reconnect.
    afterCommit(() => announceMembershipChanged(target.userId, null));
    return { userId: target.userId };
  });
}

/** Anyone leaves their organisation, except its last owner (who must first make someone else owner). */
export async function leaveOrganisation(db: Db, actor: MemberActor) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, actor.org.id);
    const self = await membershipOf(tx, org.id, actor.userId);
    if (self.role === 'owner' && (await ownerCount(tx, org.id)) <= 1) throw forbidden('lastOwner');
    await tx.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, actor.userId)));
    await audit(tx, actor, {
      action: 'member.leave',
      entityType: 'membership',
      entityId: actor.userId,
      orgId: org.id,
      before: { role: self.role },
    });
    afterCommit(() => announceMembershipChanged(actor.userId, null));
    return { orgId: org.id };
  });
}
