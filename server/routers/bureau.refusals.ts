import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/** A pending organisation waiting for review, and its row as the bureau would see it. */
async function pendingOrganisation(db: Db) {
  const { org } = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'pending' });
  return { org, snapshot: () => db.select().from(organizations).where(eq(organizations.id, org.id)) };
}

// Bureau only: every non-bureau caller is refused and the pending organisation stays pending.
export const refusals: RefusalTable = {
  'bureau.organisations': {
    async setup(db) {
      const { snapshot } = await pendingOrganisation(db);
      return { input: { status: 'pending' }, snapshot };
    },
  },
  'bureau.verify': {
    async setup(db) {
      const { org, snapshot } = await pendingOrganisation(db);
      return { input: { orgId: org.id }, snapshot };
    },
  },
  'bureau.reject': {
    async setup(db) {
      const { org, snapshot } = await pendingOrganisation(db);
      return { input: { orgId: org.id, reason: '营业执照信息不符' }, snapshot };
    },
  },
};
