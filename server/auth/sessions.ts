import crypto from 'node:crypto';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, sessions, users } from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { announceSessionsRevoked } from '../notifications/announcer';
import type { AfterCommit } from '../transaction';

export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

export async function createSession(db: Db, userId: string, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<string> {
  const id = crypto.randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    id,
    userId,
    createdAt: now(),
    expiresAt: new Date(now().getTime() + SESSION_MAX_AGE_S * 1000),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return id;
}

/** Open sockets of revoked sessions are disconnected: at once, or after the caller's transaction commits. */
function disconnectSockets(revoked: Array<{ id: string }>, afterCommit?: AfterCommit): void {
  const ids = revoked.map((r) => r.id);
  if (afterCommit) afterCommit(() => announceSessionsRevoked(ids));
  else announceSessionsRevoked(ids);
}

export async function revokeSession(db: Db, sessionId: string, afterCommit?: AfterCommit): Promise<void> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  disconnectSockets(revoked, afterCommit);
}

/**
 * Revokes every session of a user (password change or reset, account deletion), optionally keeping the
 * current one; returns how many were revoked.
 */
export async function revokeUserSessions(db: Db, userId: string, keepSessionId?: string, afterCommit?: AfterCommit): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
  const revoked = await db.update(sessions).set({ revokedAt: now() }).where(and(...conditions)).returning({ id: sessions.id });
  disconnectSockets(revoked, afterCommit);
  return revoked.length;
}

/**
 * The actor behind a live session, in one query: null when the session is unknown, revoked, expired,
 * or its user deleted. Used by tRPC's context, server components and the socket.io handshake alike.
 */
export async function actorForSession(db: Db, sessionId: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      orgId: organizations.id,
      orgKind: organizations.kind,
      orgStatus: organizations.status,
      orgName: organizations.name,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now()), isNull(users.deletedAt)))
    .limit(1);
  if (!row) return null;
  return {
    userId: row.userId,
    sessionId,
    name: row.name,
    org:
      row.orgId && row.orgKind && row.orgStatus && row.role && row.orgName
        ? { id: row.orgId, kind: row.orgKind, status: row.orgStatus, role: row.role, name: row.orgName }
        : null,
  };
}
