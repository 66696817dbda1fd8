import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, creditEvents, creditHeads } from '@/db/schema';
import { GENESIS_HASH, rowHash } from './ledger';

/**
 * Verifies every organisation's credit ledger (`npm run credit:verify`): each row's hash recomputed from its
 * content and the previous row's hash, seq numbers without gaps, the head (last hash, row count) matching the last
 * row, and the head matching the last head the audit log recorded — so an edited row, a removed row (the newest
 * included) or a rewritten head are all found. Reports the first bad row of each organisation.
 */

export interface LedgerProblem {
  orgId: string;
  /** The row that is wrong or missing (seq in the organisation's ledger). */
  seq: number;
  /** The database row id, when the row exists. */
  rowId: number | null;
  problem: 'hash' | 'prevHash' | 'gap' | 'missingNewest' | 'headHash' | 'noHead' | 'auditHead';
  detail: string;
}

export interface VerifyResult {
  organisations: number;
  rows: number;
  problems: LedgerProblem[];
}

const BATCH = 2000;

async function verifyOrg(db: Db, orgId: string, head: { lastSeq: number; lastHash: string } | null): Promise<{ rows: number; problem: LedgerProblem | null }> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let rows = 0;
  let lastRowId: number | null = null;
  for (;;) {
    const batch = await db
      .select()
      .from(creditEvents)
      .where(and(eq(creditEvents.orgId, orgId), gt(creditEvents.seq, expectedSeq - 1)))
      .orderBy(asc(creditEvents.seq))
      .limit(BATCH);
    for (const row of batch) {
      rows++;
      if (row.seq !== expectedSeq) {
        return { rows, problem: { orgId, seq: expectedSeq, rowId: null, problem: 'gap', detail: `row ${expectedSeq} is missing (next row found is ${row.seq})` } };
      }
      if (row.prevHash !== prev) {
        return { rows, problem: { orgId, seq: row.seq, rowId: row.id, problem: 'prevHash', detail: `prev_hash does not match row ${row.seq - 1}'s hash` } };
      }
      const recomputed = rowHash({ ...row, data: row.data });
      if (recomputed !== row.hash) {
        return { rows, problem: { orgId, seq: row.seq, rowId: row.id, problem: 'hash', detail: 'content does not match its hash (the row was edited)' } };
      }
      prev = row.hash;
      lastRowId = row.id;
      expectedSeq++;
    }
    if (batch.length < BATCH) break;
  }
  const lastSeq = expectedSeq - 1;
  if (!head) {
    return lastSeq > 0 ? { rows, problem: { orgId, seq: lastSeq, rowId: lastRowId, problem: 'noHead', detail: 'rows without a head' } } : { rows, problem: null };
  }
  if (head.lastSeq > lastSeq) {
    return { rows, problem: { orgId, seq: lastSeq + 1, rowId: null, problem: 'missingNewest', detail: `the head counts ${head.lastSeq} rows, the ledger has ${lastSeq}: row ${lastSeq + 1} was deleted` } };
  }
  if (head.lastSeq !== lastSeq || head.lastHash !== prev) {
    return { rows, problem: { orgId, seq: lastSeq, rowId: lastRowId, problem: 'headHash', detail: `the head (row ${head.lastSeq}) does not match the last row` } };
  }
  // The audit log keeps every head: the newest must be the head we have (a rewritten head shows here).
  const [logged] = await db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'credit.append'), eq(auditLog.entityType, 'creditLedger'), eq(auditLog.entityId, orgId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const after = logged?.after as { seq?: number; hash?: string } | undefined;
  if (after && (after.seq !== head.lastSeq || after.hash !== head.lastHash)) {
    return {
      rows,
      problem: {
        orgId,
        seq: Math.min(head.lastSeq + 1, after.seq ?? head.lastSeq + 1),
        rowId: null,
        problem: 'auditHead',
        detail: `the audit log's last head is row ${after.seq ?? '?'}, the ledger's is row ${head.lastSeq}: rows were removed and the head rewritten`,
      },
    };
  }
  return { rows, problem: null };
}

export async function verifyLedgers(db: Db): Promise<VerifyResult> {
  const heads = await db.select().from(creditHeads);
  const headOf = new Map(heads.map((h) => [h.orgId, h]));
  const withRows = await db.selectDistinct({ orgId: creditEvents.orgId }).from(creditEvents);
  const orgIds = [...new Set([...heads.map((h) => h.orgId), ...withRows.map((r) => r.orgId)])].sort();
  const problems: LedgerProblem[] = [];
  let rows = 0;
  for (const orgId of orgIds) {
    const r = await verifyOrg(db, orgId, headOf.get(orgId) ?? null);
    rows += r.rows;
    if (r.problem) problems.push(r.problem);
  }
  return { organisations: orgIds.length, rows, problems };
}
