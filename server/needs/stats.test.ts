import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { callerFor } from '../test/caller';
import { insertOrgWithOwner } from '../seed/factories';
import { insertNeed } from './factories';

let t: Database;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('needs.stats', () => {
  it('counts public needs (not drafts or cancelled ones) and verified research teams, for anonymous visitors', async () => {
    const owner = await insertOrgWithOwner(t.db, { kind: 'enterprise', status: 'verified' });
    const by = { orgId: owner.org.id, userId: owner.user.id };
    await insertNeed(t.db, by, { status: 'published' });
    await insertNeed(t.db, by, { status: 'closed' });
    await insertNeed(t.db, by, { status: 'draft' });
    await insertNeed(t.db, by, { status: 'cancelled' });
    await insertOrgWithOwner(t.db, { kind: 'research_team', status: 'verified' });
    await insertOrgWithOwner(t.db, { kind: 'research_team', status: 'pending' });
    const stats = await callerFor(t.db, null).needs.stats();
    expect(stats).toEqual({ publishedNeeds: 2, openNeeds: 1, researchTeams: 1, contracts: 0, transactionVolume: '0.00' });
  });
});
