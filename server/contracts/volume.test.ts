import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { contracts } from '@/db/schema';
import { contractFixture } from './test-fixtures';
import { transactionVolume } from './volume';

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

async function signedAt(contractId: string, at: string) {
  await db.update(contracts).set({ signedAt: new Date(at) }).where(eq(contracts.id, contractId));
}

describe('transactionVolume (技术市场交易额)', () => {
  it('sums contract values by month of signing in China time, whatever became of the contract', async () => {
    const a = await contractFixture(db, { amounts: [12.5, 30] });
    const b = await contractFixture(db, { amounts: [0.1, 0.2] });
    const c = await contractFixture(db, { amounts: [100] });
    const outside = await contractFixture(db, { amounts: [999] });
    // 2031-01-31 20:00 UTC is already 1 February in Shanghai.
    await signedAt(a.contract.id, '2031-01-10T02:00:00Z');
    await signedAt(b.contract.id, '2031-01-31T20:00:00Z');
    await signedAt(c.contract.id, '2031-02-15T08:00:00Z');
    await signedAt(outside.contract.id, '2031-04-01T08:00:00Z');
    await db.update(contracts).set({ status: 'terminated' }).where(eq(contracts.id, c.contract.id));

    const volume = await transactionVolume(db, { from: new Date('2030-12-31T16:00:00Z'), to: new Date('2031-03-31T16:00:00Z') });
    expect(volume.months).toEqual([
      { month: '2031-01', contracts: 1, value: '42.50' },
      { month: '2031-02', contracts: 2, value: '100.30' },
    ]);
    expect(volume.total).toEqual({ contracts: 3, value: '142.80' });
    expect(await transactionVolume(db, { from: new Date('2040-01-01'), to: new Date('2041-01-01') })).toEqual({ months: [], total: { contracts: 0, value: '0.00' } });
  });
});
