import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database, type Db } from '@/db/client';
import { auditLog, creditEvents, creditHeads, creditScores } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import { now } from '../clock';
import { insertOrganization } from '../seed/factories';
import { inTransaction } from '../transaction';
import type { CreditEventData } from './events';
import { canonicalJson, GENESIS_HASH, recordCreditEvent, rowHash } from './ledger';
import { verifyLedgers } from './verify';

const exec = promisify(execFile);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const milestone = (counterpartyOrgId: string, result: 'on_time' | 'late' | 'failed', contractId = crypto.randomUUID()): CreditEventData => ({
  kind: 'milestone',
  contractId,
  counterpartyOrgId,
  role: 'provider',
  value: 30,
  seq: 1,
  result,
  faultOf: result === 'on_time' ? null : 'provider',
});

async function append(db: Db, orgId: string, data: CreditEventData, source?: string) {
  return inTransaction(db, (tx, afterCommit) => recordCreditEvent(tx, afterCommit, { orgId, occurredAt: now(), data }, { source }));
}

/** A team with a ledger of `n` rows. */
async function teamWithLedger(db: Db, n: number) {
  const team = await insertOrganization(db, { kind: 'research_team' });
  const client = await insertOrganization(db, { kind: 'enterprise' });
  for (let i = 0; i < n; i++) await append(db, team.id, milestone(client.id, i % 3 === 2 ? 'late' : 'on_time'));
  return { team, client };
}

/** Tampering bypasses the append-only trigger, as an attacker with the database owner's rights could. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table credit_events disable trigger credit_events_no_change`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table credit_events enable trigger credit_events_no_change`);
  }
}

function problemsOf(result: Awaited<ReturnType<typeof verifyLedgers>>, orgId: string) {
  return result.problems.filter((p) => p.orgId === orgId);
}

describe('hash chain', () => {
  it('canonical JSON ignores key order and undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('each row covers its content and the previous hash; the head keeps the last hash and count, also in the audit log', async () => {
    const { team } = await teamWithLedger(database.db, 3);
    const rows = await database.db.select().from(creditEvents).where(eq(creditEvents.orgId, team.id)).orderBy(asc(creditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    for (const r of rows) expect(rowHash(r)).toBe(r.hash);
    const [head] = await database.db.select().from(creditHeads).where(eq(creditHeads.orgId, team.id));
    expect(head).toMatchObject({ lastSeq: 3, lastHash: rows[2]?.hash });
    const logged = await database.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'credit.append'), eq(auditLog.entityId, team.id)))
      .orderBy(asc(auditLog.id));
    expect(logged.map((l) => (l.after as { seq: number }).seq)).toEqual([1, 2, 3]);
    expect((logged[2]?.after as { hash: string }).hash).toBe(rows[2]?.hash);
    expect(problemsOf(await verifyLedgers(database.db), team.id)).toEqual([]);
  });

  it('a source is recorded once per organisation', async () => {
    const { team, client } = await teamWithLedger(database.db, 0);
    const first = await append(database.db, team.id, milestone(client.id, 'on_time'), 'milestone:abc');
    const again = await append(database.db, team.id, milestone(client.id, 'on_time'), 'milestone:abc');
    expect(first?.seq).toBe(1);
    expect(again).toBeNull();
    const [n] = await database.db.select({ n: count() }).from(creditEvents).where(eq(creditEvents.orgId, team.id));
    expect(n?.n).toBe(1);
  });

  it('the database refuses updates and deletes of ledger rows', async () => {
    const { team } = await teamWithLedger(database.db, 1);
    await expect(database.db.execute(sql`update credit_events set data = '{}'::jsonb where org_id = ${team.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from credit_events where org_id = ${team.id}`)).rejects.toThrow();
  });

  it('an edited row in the middle is found and named', async () => {
    const { team } = await teamWithLedger(database.db, 5);
    await tamper(database.db, sql`update credit_events set data = jsonb_set(data, '{result}', '"on_time"') where org_id = ${team.id} and seq = 3`);
    const found = problemsOf(await verifyLedgers(database.db), team.id);
    expect(found).toEqual([expect.objectContaining({ seq: 3, problem: 'hash' })]);
  });

  it('an edited row whose hash was recomputed breaks the next row', async () => {
    const { team } = await teamWithLedger(database.db, 4);
    // Row 3 is the late milestone: made on time, with its own hash recomputed to match.
    const [row] = await database.db.select().from(creditEvents).where(and(eq(creditEvents.orgId, team.id), eq(creditEvents.seq, 3)));
    if (!row) throw new Error('no row');
    const data = { ...(row.data as Record<string, unknown>), result: 'on_time' };
    const forged = rowHash({ ...row, data });
    await tamper(database.db, sql`update credit_events set data = ${JSON.stringify(data)}::jsonb, hash = ${forged} where id = ${row.id}`);
    expect(problemsOf(await verifyLedgers(database.db), team.id)).toEqual([expect.objectContaining({ seq: 4, problem: 'prevHash' })]);
  });

  it('a deleted newest row is found through the head', async () => {
    const { team } = await teamWithLedger(database.db, 4);
    await tamper(database.db, sql`delete from credit_events where org_id = ${team.id} and seq = 4`);
    expect(problemsOf(await verifyLedgers(database.db), team.id)).toEqual([expect.objectContaining({ seq: 4, problem: 'missingNewest' })]);
  });

  it('a deleted newest row with a rewritten head is found through the audit log', async () => {
    const { team } = await teamWithLedger(database.db, 4);
    const [third] = await database.db.select().from(creditEvents).where(and(eq(creditEvents.orgId, team.id), eq(creditEvents.seq, 3)));
    await tamper(database.db, sql`delete from credit_events where org_id = ${team.id} and seq = 4`);
    await database.db.update(creditHeads).set({ lastSeq: 3, lastHash: third?.hash ?? '' }).where(eq(creditHeads.orgId, team.id));
    expect(problemsOf(await verifyLedgers(database.db), team.id)).toEqual([expect.objectContaining({ seq: 4, problem: 'auditHead' })]);
  });

  it('a deleted row in the middle is a gap', async () => {
    const { team } = await teamWithLedger(database.db, 4);
    await tamper(database.db, sql`delete from credit_events where org_id = ${team.id} and seq = 2`);
    expect(problemsOf(await verifyLedgers(database.db), team.id)).toEqual([expect.objectContaining({ seq: 2, problem: 'gap' })]);
  });

  it('the score is refreshed after the commit that appends', async () => {
    const { team } = await teamWithLedger(database.db, 2);
    const [score] = await database.db.select().from(creditScores).where(eq(creditScores.orgId, team.id));
    expect(score?.ledgerSeq).toBe(2);
  });
});

describe('npm run credit:verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h10-credit-verify-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run() {
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    return exec(process.execPath, ['--import', 'tsx', 'scripts/credit-verify.ts'], { env, cwd: process.cwd() }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  }

  it('exits 0 on intact chains, non-zero naming the row when a middle row is edited or the newest deleted', async () => {
    const file = await openDatabase({ dataDir: dir });
    await migrateDatabase(file);
    const edited = await teamWithLedger(file.db, 4);
    const truncated = await teamWithLedger(file.db, 3);
    await file.close();

    const ok = await run();
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('2 ledgers, 7 rows');

    const again = await openDatabase({ dataDir: dir });
    await tamper(again.db, sql`update credit_events set data = jsonb_set(data, '{value}', '300') where org_id = ${edited.team.id} and seq = 2`);
    await tamper(again.db, sql`delete from credit_events where org_id = ${truncated.team.id} and seq = 3`);
    await again.close();

    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`organisation ${edited.team.id}: row 2`);
    expect(broken.out).toContain(`organisation ${truncated.team.id}: row 3`);
  }, 120_000);
});
