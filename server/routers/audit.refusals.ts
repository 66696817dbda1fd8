import { auditLog } from '@/db/schema';
import { audit } from '../audit/audit';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/** Organisation A's audit row; the snapshot is the whole log (reading must not write to it). */
async function someoneElsesAuditRow(db: Parameters<typeof audit>[0]) {
  const { org, actor } = await insertOrgWithOwner(db);
  await audit(db, actor, { action: 'org.updateProfile', entityType: 'organization', entityId: org.id, orgId: org.id, after: { city: '新昌' } });
  return { snapshot: () => db.select().from(auditLog).orderBy(auditLog.id) };
}

// Managers of any organisation read their own organisation's rows (domain tests prove A's rows stay
// out of them); anonymous callers are refused.
export const refusals: RefusalTable = {
  'audit.list': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await someoneElsesAuditRow(db);
      return { input: {}, snapshot };
    },
  },
  'audit.facets': {
    allowed: ['outsider', 'pendingOutsider'],
    async setup(db) {
      const { snapshot } = await someoneElsesAuditRow(db);
      return { input: undefined, snapshot };
    },
  },
};
