/**
 * Test databases: a fresh, migrated database per test file, so files run in parallel without colliding.
 * PGlite in memory by default (loaded from a migrated snapshot); with TEST_DATABASE_URL, a new PostgreSQL database cloned from a template
 * that the global setup migrated once (db/test-global-setup.ts).
 *
 * Known driver differences (drizzle's suite keeps the same list): PGlite serialises transactions on its
 * single connection, so lock contention (SKIP LOCKED, deadlocks) is only exercised on PostgreSQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { inject } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from './client';

export function adminUrl(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    // Loading the migrated snapshot the global setup dumped is ~4× faster than migrating anew.
    const snapshotPath = inject('pgliteSnapshot');
    if (snapshotPath) {
      const snapshot = new Blob([await fs.readFile(snapshotPath)]);
      return openDatabase({ dataDir: 'memory', snapshot });
    }
    const database = await openDatabase({ dataDir: 'memory' });
    await migrateDatabase(database);
    return database;
  }
  const { default: postgres } = await import('postgres');
  const name = `kechuang_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${inject('testTemplateDb')}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: adminUrl(url, name), max: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
