// `npm run admin:create -- --email admin@example.gov.cn [--name 王科长] [--password …] [--credit-code … --org-name …]`
// Creates a bureau administrator (and, on the first run, the bureau's organisation) in the configured
// database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite under .data/ (or PGLITE_DIR).
// Without --password a strong one is generated and printed once. The embedded database belongs to one
// process: with the server running on it, this stops with the DatabaseLockedError message.
import { parseArgs } from 'node:util';
import { closeDatabase, DatabaseLockedError } from '@/db/client';
import { database } from '@/server/db';
import { getEnv } from '@/server/env';
import { BureauAdminError, createBureauAdmin } from '@/server/orgs/bureau-admin';

const USAGE = `用法 / usage: npm run admin:create -- --email <邮箱> [--name <姓名>] [--password <密码>] [--credit-code <科技局统一社会信用代码>] [--org-name <科技局名称>]
  首次运行会创建科技局机构（未给 --credit-code 时先用占位代码，可在“我的机构”中修改）。
  The first run creates the bureau (with a placeholder credit code unless --credit-code is given; edit it under “My organisation”).`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        'credit-code': { type: 'string' },
        'org-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`[admin:create] ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help || !values.email) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const env = getEnv();
  const where = env.DATABASE_URL ? `PostgreSQL ${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname}` : `PGlite ${env.PGLITE_DIR ?? '.data/pglite'}`;
  const { db } = await database();
  const result = await createBureauAdmin(db, {
    email: values.email,
    name: values.name,
    password: values.password,
    creditCode: values['credit-code'],
    orgName: values['org-name'],
  });
  if (result.createdOrg) console.log(`[admin:create] ${where}: 已创建科技局机构 / created the bureau organisation “${result.orgName}”`);
  if (result.placeholderCode) {
    console.log('[admin:create] 科技局的统一社会信用代码目前是占位代码，请登录后在“我的机构”中填写真实代码。/ The bureau has a placeholder credit code: enter the real one under “My organisation”.');
  }
  console.log(`[admin:create] ${where}: 已创建科技局管理员 / created bureau ${result.role} ${result.email}（${result.orgName}）`);
  if (result.password) {
    console.log(`[admin:create] 初始密码（只显示这一次，请登录后立即修改）/ initial password (shown once; change it after signing in):`);
    console.log(result.password);
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (error instanceof DatabaseLockedError || error instanceof BureauAdminError) console.error(`[admin:create] ${error.message}`);
  else console.error('[admin:create] 失败 / failed:', error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await closeDatabase().catch(() => {});
}
process.exit(code);
