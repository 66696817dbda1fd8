import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from './client';
import { adminUrl } from './testing';

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplateDb: string;
    /** Path of a dumped, migrated PGlite data directory (embedded runs only). */
    pgliteSnapshot: string;
  }
}

/**
 * With TEST_DATABASE_URL, migrate one template database per test run that every test file clones
 * (fast `create database ... template`). The name is unique per run, so runs in parallel never collide.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return snapshotPglite(project);
  const { default: postgres } = await import('postgres');
  const template = `kechuang_tpl_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: adminUrl(url, template), max: 1 });
  await migrateDatabase(database);
  await database.close();
  project.provide('testTemplateDb', template);

  return async () => {
    const dropper = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists ${template} with (force)`).catch(() => {});
    await dropper.end();
  };
}

/** Migrates an in-memory PGlite once and dumps it; each test file loads the dump instead of migrating. */
async function snapshotPglite(project: TestProject) {
  const database = await openDatabase({ dataDir: 'memory' });
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  await database.close();
  const file = path.join(os.tmpdir(), `kechuang-pglite-${crypto.randomBytes(5).toString('hex')}.tar`);
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  return async () => {
    await fs.rm(file, { force: true });
  };
}
