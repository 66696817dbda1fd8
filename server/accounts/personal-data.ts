import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, memberships, notifications, organizations, passwordResets, sessions, users } from '@/db/schema';
import type { Actor } from '../actor';
import { audit } from '../audit/audit';
import type { LoginLimiter } from '../auth/rate-limit';
import { revokeUserSessions } from '../auth/sessions';
import { now } from '../clock';
import { AppError } from '../errors';
import { inTransaction } from '../transaction';
import { confirmPassword } from './password';
import { DELETED_USER_NAME, PRIVACY_NOTICE_VERSION } from './privacy';

/**
 * The rights PIPL gives a person over their data on the platform: a copy of it (art. 45) and erasure
 * (art. 47). Records their organisation keeps (needs, bids, messages, audit rows) stay, with the user
 * row anonymised so they show "已注销用户" as author.
 */

/** Everything the platform holds about the signed-in person, as one JSON-ready object. */
export async function exportPersonalData(db: Db, actor: Actor) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      phone: users.phone,
      title: users.title,
      bio: users.bio,
      locale: users.locale,
      privacyConsentVersion: users.privacyConsentVersion,
      privacyConsentAt: users.privacyConsentAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.id, actor.userId), isNull(users.deletedAt)))
    .limit(1);
  if (!user) throw new AppError('UNAUTHORIZED', 'unauthorized');
  const [membershipRows, sessionRows, notificationRows, resetRows, auditRows] = await Promise.all([
    db
      .select({
        orgId: memberships.orgId,
        orgName: organizations.name,
        orgKind: organizations.kind,
        role: memberships.role,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, actor.userId)),
    db
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(eq(sessions.userId, actor.userId))
      .orderBy(asc(sessions.createdAt)),
    db
      .select({
        kind: notifications.kind,
        payload: notifications.payload,
        link: notifications.link,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, actor.userId))
      .orderBy(asc(notifications.createdAt)),
    db
      .select({ createdAt: passwordResets.createdAt, expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt })
      .from(passwordResets)
      .where(eq(passwordResets.userId, actor.userId))
      .orderBy(asc(passwordResets.createdAt)),
    db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        orgId: auditLog.orgId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, actor.userId))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  ]);
  return {
    exportedAt: now().toISOString(),
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    user,
    memberships: membershipRows,
    // A session id is a bearer secret: the export shows only a short prefix to recognise it by.
    sessions: sessionRows.map(({ id, ...s }) => ({ ...s, id: `${id.slice(0, 6)}…`, current: id === actor.sessionId })),
    notifications: notificationRows,
    passwordResets: resetRows,
    auditLog: auditRows,
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

/**
 * Deletes the signed-in person's account after they confirm their password. The last owner of an
 * organisation that has other members must hand ownership over first (SPEC §1: an organisation keeps an
 * owner). Personal fields are wiped, the membership ends, every session is revoked and its address and
 * browser forgotten, notifications and reset links are removed; the row stays as an anonymous author.
 */
export async function deleteAccount(db: Db, actor: Actor, input: { password: string }, limiter?: LoginLimiter) {
  await confirmPassword(db, actor, input.password, 'password', limiter);
  await inTransaction(db, async (tx, afterCommit) => {
    const [membership] = await tx
      .select({ orgId: memberships.orgId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, actor.userId))
      .limit(1);
    if (membership?.role === 'owner') {
      const others = await tx
        .select({ role: memberships.role, n: count() })
        .from(memberships)
        .where(and(eq(memberships.orgId, membership.orgId), ne(memberships.userId, actor.userId)))
        .groupBy(memberships.role);
      const otherOwners = others.find((o) => o.role === 'owner')?.n ?? 0;
      const otherMembers = others.reduce((sum, o) => sum + o.n, 0);
      if (otherOwners === 0 && otherMembers > 0) throw new AppError('PRECONDITION_FAILED', 'lastOwnerMustTransfer');
    }
    const at = now();
    if (membership) {
      await tx.delete(memberships).where(eq(memberships.userId, actor.userId));
      await audit(tx, actor, {
        action: 'member.remove',
        entityType: 'membership',
        entityId: actor.userId,
        orgId: membership.orgId,
        before: { role: membership.role },
        after: { reason: 'accountDeleted' },
      });
    }
    await tx
      .update(users)
      .set({ email: null, name: DELETED_USER_NAME, phone: null, title: null, bio: null, passwordHash: null, deletedAt: at })
      .where(eq(users.id, actor.userId));
    await tx
      .update(sessions)
      .set({ ip: null, userAgent: null })
      .where(eq(sessions.userId, actor.userId));
    await revokeUserSessions(tx, actor.userId, undefined, afterCommit);
    await tx.delete(notifications).where(eq(notifications.userId, actor.userId));
    await tx.delete(passwordResets).where(eq(passwordResets.userId, actor.userId));
    await audit(tx, actor, {
      action: 'account.delete',
      entityType: 'user',
      entityId: actor.userId,
      orgId: membership?.orgId ?? null,
    });
  });
}
