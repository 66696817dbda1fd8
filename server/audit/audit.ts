import { auditLog } from '@/db/schema';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { now } from '../clock';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The organisation whose record changed (whose audit log shows the row). */
  orgId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function audit(tx: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at: now(),
    actorUserId: actor?.userId ?? null,
    actorOrgId: actor?.org?.id ?? null,
    orgId: entry.orgId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor?.ip ?? null,
  });
}
