// `npm run credit:verify`: checks every organisation's credit ledger (hash chain, heads, the audit log's heads) in
// the configured database (PostgreSQL with DATABASE_URL, else the embedded PGlite). Exits 1 naming the first bad
// row of each broken ledger, 0 when every chain holds.
import { closeDatabase, DatabaseLockedError } from '@/db/client';
import { verifyLedgers } from '@/server/credit/verify';
import { database } from '@/server/db';

async function main(): Promise<number> {
  const { db } = await database();
  const result = await verifyLedgers(db);
  if (result.problems.length === 0) {
    console.log(`[credit:verify] OK: ${result.organisations} ledgers, ${result.rows} rows, every chain intact`);
    return 0;
  }
  for (const p of result.problems) {
    console.error(`[credit:verify] BROKEN ledger of organisation ${p.orgId}: row ${p.seq}${p.rowId !== null ? ` (id ${p.rowId})` : ''} — ${p.problem}: ${p.detail}`);
  }
  console.error(`[credit:verify] ${result.problems.length} of ${result.organisations} ledgers broken (${result.rows} rows checked)`);
  return 1;
}

main()
  .then(async (code) => {
    await closeDatabase();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof DatabaseLockedError ? error.message : error);
    await closeDatabase().catch(() => {});
    process.exitCode = 2;
  });
