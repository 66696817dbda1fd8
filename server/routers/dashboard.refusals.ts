import type { Db } from '@/db/client';
import { createEnclave } from '../orgs/enclaves';
import type { MemberActor } from '../actor';
import { insertOrgWithOwner } from '../seed/factories';
import type { RefusalTable } from '../test/refusals';

/**
 * Incubator A's enclave: the dashboard filtered to it is A's (and the bureau's) alone. The walker's outsiders (an
 * enterprise, a pending team) are refused by the permission table; another incubator asking for A's enclave gets
 * NOT_FOUND (server/dashboard/dashboard.test.ts).
 */
async function enclaveOfA(db: Db) {
  const a = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
  const enclave = await createEnclave(db, a.actor as MemberActor, { name: '新昌（杭州）科创飞地', city: '杭州', address: '杭州市余杭区文一西路', capacity: 20 });
  return { input: { enclaveId: enclave.id } };
}

export const refusals: RefusalTable = {
  'dashboard.overview': { setup: enclaveOfA },
};
