import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import type { MemberRole } from '../actor';
import { notFound } from '../errors';

/**
 * Locks the organisation's row for the rest of the transaction. Every change to an organisation's
 * status or membership takes this lock first, so checks such as "the last owner cannot leave" and
 * "only a pending organisation can be verified" cannot be raced by a concurrent request.
 */
export async function lockOrganisation(tx: Db, orgId: string) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
  if (!org) throw notFound();
  return org;
}

/** The live users of an organisation holding one of `roles` (for notifications). */
export async function orgUserIds(tx: Db, orgId: string, roles: readonly MemberRole[]): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...roles]), isNull(users.deletedAt)));
  return rows.map((r) => r.id);
}

/** Everyone in a verified bureau organisation: the reviewers who verify organisations. */
export async function bureauReviewerIds(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organizations.kind, 'bureau'), eq(organizations.status, 'verified'), isNull(users.deletedAt)));
  return rows.map((r) => r.id);
}

/** Postgres error code through either driver and drizzle's wrapper (23505 unique, 23503 foreign key). */
export function hasPgCode(error: unknown, code: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}
