import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every state change of the platform: who, for which organisation, what, before/after, when. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** null for system actions (jobs, CLI). Not a foreign key: the log outlives deleted accounts. */
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    /** The organisation the changed record belongs to: whose audit log shows it. */
    orgId: uuid('org_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_org_at_idx').on(t.orgId, t.at),
    index('audit_log_actor_org_at_idx').on(t.actorOrgId, t.at),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);
