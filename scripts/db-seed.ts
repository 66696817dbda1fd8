// `npm run db:seed`: loads the demo data (server/seed) into the configured database — PostgreSQL when
// DATABASE_URL is set, else the embedded PGlite under .data/ (or PGLITE_DIR). Migrates first; does nothing
// to a database that already has users. The embedded database belongs to one process: with the server
// running on it, this stops with the DatabaseLockedError message instead of touching its files.
import { closeDatabase, DatabaseLockedError } from '@/db/client';
import { database } from '@/server/db';
import { getEnv } from '@/server/env';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '@/server/seed/seed';

async function main(): Promise<number> {
  const env = getEnv();
  const where = env.DATABASE_URL ? `PostgreSQL ${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname}` : `PGlite ${env.PGLITE_DIR ?? '.data/pglite'}`;
  const { db } = await database();
  console.log(`[db-seed] ${where}: 已连接并完成迁移 / connected and migrated`);
  const summary = await seedDemo(db);
  if (!summary) {
    console.log('[db-seed] 数据库中已有用户，未写入演示数据（演示数据只写入空数据库）。');
    console.log('[db-seed] The database already has users; demo data is only loaded into an empty database. Nothing changed.');
    return 0;
  }
  const orgs = Object.entries(summary.organizations)
    .map(([kindStatus, n]) => `${kindStatus} ${n}`)
    .join(', ');
  const counts = Object.entries(summary.counts)
    .map(([what, n]) => `${what} ${n}`)
    .join(', ');
  console.log(`[db-seed] 演示数据已写入 / demo data loaded in ${summary.ms} ms`);
  console.log(`[db-seed]   organizations: ${orgs}`);
  console.log(`[db-seed]   users ${summary.users}, ${counts}, audit rows ${summary.auditRows}`);
  console.log(`[db-seed] 演示账号（密码 ${DEMO_PASSWORD}）/ demo logins (password ${DEMO_PASSWORD}):`);
  for (const login of DEMO_LOGINS) console.log(`[db-seed]   ${login.email.padEnd(32)} ${login.org}（${login.role}）`);
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (error instanceof DatabaseLockedError) console.error(`[db-seed] ${error.message}`);
  else console.error('[db-seed] 写入演示数据失败 / seeding failed:', error instanceof Error ? error.message : error);
} finally {
  await closeDatabase().catch(() => {});
}
process.exit(code);
