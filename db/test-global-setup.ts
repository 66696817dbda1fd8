import { migrateDatabase, openDatabase } from './client';
import { adminUrl, TEMPLATE_DB } from './testing';

/** With TEST_DATABASE_URL, migrate one template database that every test file clones (fast `create database ... template`). */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const { default: postgres } = await import('postgres');
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: adminUrl(url, TEMPLATE_DB), max: 1 });
  await migrateDatabase(database);
  await database.close();
}
