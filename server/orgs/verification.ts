import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import type { ListOrganisationsInput } from './inputs';
import { lockOrganisation, orgUserIds } from './shared';
import { nextOrgStatus } from './status';

/**
 * 资质审核: the bureau verifies or rejects organisations (permission `bureau.verifyOrg`). Transitions come
 * from ./status.ts; each writes an audit row with before/after and notifies the organisation's owners
 * and admins, a rejection with its reason.
 */

export const VERIFICATION_PAGE_SIZE = 30;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Organisations by status for the bureau's review queue: pending oldest first (fair queue), others latest review first. */
export async function listOrganisations(db: Db, input: ListOrganisationsInput) {
  const conditions: SQL[] = [eq(organizations.status, input.status)];
  if (input.kind) conditions.push(eq(organizations.kind, input.kind));
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    const match = or(ilike(organizations.name, pattern), ilike(organizations.creditCode, pattern), ilike(organizations.hostInstitution, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  // The owner who registered is the bureau's contact for questions about the application.
  // Written with explicit aliases: drizzle leaves columns unqualified in a single-table select.
  const firstOwner = sql<string | null>`(
    select u.name || coalesce(' <' || u.email || '>', '') from memberships m
    join users u on u.id = m.user_id
    where m.org_id = "organizations"."id" and m.role = 'owner' and u.deleted_at is null
    order by m.created_at limit 1)`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        kind: organizations.kind,
        name: organizations.name,
        creditCode: organizations.creditCode,
        hostInstitution: organizations.hostInstitution,
        industryField: organizations.industryField,
        city: organizations.city,
        website: organizations.website,
        status: organizations.status,
        rejectionReason: organizations.rejectionReason,
        createdAt: organizations.createdAt,
        updatedAt: organizations.updatedAt,
        reviewedAt: organizations.reviewedAt,
        contact: firstOwner,
      })
      .from(organizations)
      .where(where)
      .orderBy(
        ...(input.status === 'pending'
          ? [asc(organizations.createdAt), asc(organizations.id)]
          : [desc(organizations.reviewedAt), desc(organizations.id)]),
      )
      .limit(VERIFICATION_PAGE_SIZE)
      .offset((input.page - 1) * VERIFICATION_PAGE_SIZE),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: input.page, pageSize: VERIFICATION_PAGE_SIZE };
}

/** Pending → verified. */
export async function verifyOrganisation(db: Db, actor: MemberActor, orgId: string) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, orgId);
    const status = nextOrgStatus(org.status, 'verify');
    const at = now();
    await tx
      .update(organizations)
      .set({ status, rejectionReason: null, reviewedAt: at, reviewedBy: actor.userId, updatedAt: at })
      .where(eq(organizations.id, org.id));
    await audit(tx, actor, {
      action: 'org.verify',
      entityType: 'organization',
      entityId: org.id,
      orgId: org.id,
      before: { status: org.status },
      after: { status },
    });
    await notify(tx, afterCommit, await orgUserIds(tx, org.id, ['owner', 'admin']), 'org.verified', { orgName: org.name }, '/org');
    return { id: org.id, status };
  });
}

/** Pending → rejected, with the reason the organisation will read (and fix before resubmitting). */
export async function rejectOrganisation(db: Db, actor: MemberActor, orgId: string, reason: string) {
  return inTransaction(db, async (tx, afterCommit) => {
    const org = await lockOrganisation(tx, orgId);
    const status = nextOrgStatus(org.status, 'reject');
    const at = now();
    await tx
      .update(organizations)
      .set({ status, rejectionReason: reason, reviewedAt: at, reviewedBy: actor.userId, updatedAt: at })
      .where(eq(organizations.id, org.id));
    await audit(tx, actor, {
      action: 'org.reject',
      entityType: 'organization',
      entityId: org.id,
      orgId: org.id,
      before: { status: org.status },
      after: { status, rejectionReason: reason },
    });
    await notify(
      tx,
      afterCommit,
      await orgUserIds(tx, org.id, ['owner', 'admin']),
      'org.rejected',
      { orgName: org.name, reason },
      '/org',
    );
    return { id: org.id, status };
  });
}
