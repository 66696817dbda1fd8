import crypto from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from './client';
import { adminUrl } from './testing';

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplateDb: string;
  }
}

/**
 * With TEST_DATABASE_URL, migrate one template database per test run that every test file clones
 * (fast `create database ... template`). The name is unique per run, so runs in parallel never collide.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
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
