import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { enclaves } from '@/db/schema';
import { now } from '../clock';
import { contractFixture, outcome } from '../contracts/test-fixtures';
import { insertOrgWithOwner } from '../seed/factories';
import { callerFor } from '../test/caller';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

describe('registering a project with its contracts', () => {
  it('landing.partnerContracts offers the incubator the picked team’s and enterprise’s contracts before the project exists; the create form links them', async () => {
    const incubator = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
    const [enclave] = await db.insert(enclaves).values({ incubatorOrgId: incubator.org.id, name: '新昌（上海）科创飞地', city: '上海', createdAt: now() }).returning();
    const { team, client, contract } = await contractFixture(db);
    const other = await contractFixture(db);
    const pending = await insertOrgWithOwner(db, { kind: 'research_team', status: 'pending' });
    const api = callerFor(db, incubator.actor);

    const offered = await api.landing.partnerContracts({ teamOrgId: team.org.id });
    expect(offered.map((c) => c.id)).toEqual([contract.id]);
    expect((await api.landing.partnerContracts({ teamOrgId: other.team.org.id, enterpriseOrgId: client.org.id })).map((c) => c.id).sort()).toEqual(
      [contract.id, other.contract.id].sort(),
    );
    // Not a partner one may pick: nothing.
    expect(await api.landing.partnerContracts({ teamOrgId: pending.org.id })).toEqual([]);
    expect(await api.landing.partnerContracts({ teamOrgId: incubator.org.id })).toEqual([]);
    // Only incubators register projects.
    expect(await outcome(callerFor(db, team.actor).landing.partnerContracts({ teamOrgId: team.org.id }))).toBe('FORBIDDEN:forbidden');

    const { id } = await api.landing.create({
      name: '精密主轴动平衡检测仪',
      enclaveId: enclave?.id ?? '',
      teamOrgId: team.org.id,
      field: 'smart_equipment',
      contractIds: offered.map((c) => c.id),
    });
    const page = await api.landing.get({ projectId: id });
    expect(page.contracts.map((c) => c.id)).toEqual([contract.id]);
    expect(await api.landing.linkableContracts({ projectId: id })).toEqual([]);
  });
});
