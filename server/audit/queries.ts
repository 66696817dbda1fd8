import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { auditLog, organizations, users } from '@/db/schema';
import type { MemberActor } from '../actor';
import { DELETED_USER_NAME } from '../accounts/privacy';
import { forbidden } from '../errors';
import { can } from '../permissions';
import type { AuditListInput } from './inputs';

/**
 * Browsing the audit log. The bureau (`audit.readAll`) sees every row; an organisation's owners and
 * admins (`audit.readOwn`) see the rows about their organisation's records (`org_id`) and the rows of
 * acts their people did elsewhere (`actor_org_id`); members see none. Rows come newest first, paged by
 * a keyset cursor (at, id) so deep pages cost the same as the first one on a large log.
 */
export type AuditScope = { all: true } | { all: false; orgId: string };

export function auditScope(actor: MemberActor): AuditScope {
  const membership = { orgKind: actor.org.kind, role: actor.org.role, orgStatus: actor.org.status };
  if (can(membership, 'audit.readAll')) return { all: true };
  if (can(membership, 'audit.readOwn')) return { all: false, orgId: actor.org.id };
  throw forbidden();
}

function scopeCondition(scope: AuditScope): SQL | undefined {
  return scope.all ? undefined : or(eq(auditLog.orgId, scope.orgId), eq(auditLog.actorOrgId, scope.orgId));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** China has one time zone and no daylight saving: a calendar day starts at 00:00+08:00. */
function dayStart(day: string, plusDays = 0): string {
  const d = new Date(`${day}T00:00:00+08:00`);
  return new Date(d.getTime() + plusDays * 86_400_000).toISOString();
}

export function encodeCursor(row: { at: Date; id: number }): string {
  return `${row.at.getTime()}:${row.id}`;
}

const actorOrg = alias(organizations, 'actor_org');

export async function listAudit(db: Db, actor: MemberActor, input: AuditListInput) {
  const scope = auditScope(actor);
  const conditions: Array<SQL | undefined> = [scopeCondition(scope)];
  if (input.action) conditions.push(eq(auditLog.action, input.action));
  if (input.entityType) conditions.push(eq(auditLog.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(auditLog.entityId, input.entityId));
  if (input.actor) {
    const pattern = `%${escapeLike(input.actor)}%`;
    conditions.push(and(sql`${users.deletedAt} is null`, or(ilike(users.name, pattern), ilike(users.email, pattern))));
  }
  if (input.org) {
    const pattern = `%${escapeLike(input.org)}%`;
    conditions.push(or(ilike(organizations.name, pattern), ilike(actorOrg.name, pattern)));
  }
  if (input.from) conditions.push(sql`${auditLog.at} >= ${dayStart(input.from)}::timestamptz`);
  if (input.to) conditions.push(sql`${auditLog.at} < ${dayStart(input.to, 1)}::timestamptz`);
  if (input.cursor) {
    const [ms, id] = input.cursor.split(':');
    conditions.push(sql`(${auditLog.at}, ${auditLog.id}) < (${new Date(Number(ms)).toISOString()}::timestamptz, ${Number(id)})`);
  }

  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      orgId: auditLog.orgId,
      orgName: organizations.name,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorDeleted: users.deletedAt,
      actorOrgId: auditLog.actorOrgId,
      actorOrgName: actorOrg.name,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditLog.orgId))
    .leftJoin(actorOrg, eq(actorOrg.id, auditLog.actorOrgId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    scope: scope.all ? ('all' as const) : ('own' as const),
    rows: page.map(({ actorDeleted, ip, ...row }) => ({
      ...row,
      actorName: row.actorUserId ? (actorDeleted ? DELETED_USER_NAME : row.actorName) : null,
      // Addresses are personal data: only the bureau, which investigates misuse, sees them.
      ip: scope.all ? ip : null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}

/** The actions and entity types present in the caller's scope, for the filter menus. */
export async function auditFacets(db: Db, actor: MemberActor) {
  const where = scopeCondition(auditScope(actor));
  const [actions, entityTypes] = await Promise.all([
    db.selectDistinct({ v: auditLog.action }).from(auditLog).where(where).orderBy(auditLog.action).limit(300),
    db.selectDistinct({ v: auditLog.entityType }).from(auditLog).where(where).orderBy(auditLog.entityType).limit(100),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v) };
}
