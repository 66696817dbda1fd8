import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { creditEvents, creditHeads } from '@/db/schema';
import type { Actor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import type { AfterCommit } from '../transaction';
import { creditEventDataSchema, type CreditEventData, type CreditEventInput, type LedgerEvent } from './events';

/**
 * The credit ledger (SPEC §5): append-only and tamper-evident. Each row's hash covers its own content and the
 * previous row's hash; `credit_heads` holds each organisation's last hash and row count, and every append also
 * writes them to the audit log, so an edited row breaks the chain and a deleted newest row leaves the head (and
 * the audit log) pointing past the end. `verify.ts` checks all of it (`npm run credit:verify`).
 *
 * The product appends with `recordCreditEvent` as things happen, inside the transaction of the act; the
 * organisation's score is recomputed after the commit (scores.ts), not by a nightly batch.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always hashes the same, whatever the storage order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What a row's hash covers: everything it says, and the hash of the row before it. */
export interface HashedContent {
  orgId: string;
  seq: number;
  kind: string;
  occurredAt: Date;
  recordedAt: Date;
  counterpartyOrgId: string | null;
  contractId: string | null;
  source: string | null;
  data: unknown;
  recordedBy: string | null;
  prevHash: string;
}

export function rowHash(row: HashedContent): string {
  const content = canonicalJson({
    orgId: row.orgId,
    seq: row.seq,
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    counterpartyOrgId: row.counterpartyOrgId,
    contractId: row.contractId,
    source: row.source,
    data: row.data,
    recordedBy: row.recordedBy,
  });
  return crypto.createHash('sha256').update(`${row.prevHash}\n${content}`).digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const asUuid = (v: string | null | undefined) => (v && UUID.test(v) ? v : null);

/** Organisations whose scores are refreshed once this transaction commits (one refresh per organisation). */
const pendingRefresh = new WeakMap<AfterCommit, Set<string>>();

export interface RecordOptions {
  /** What produced the event (`milestone:<id>` …): an organisation records each source once; a repeat is a no-op. */
  source?: string | null;
  /** Who acted (the audit row names them); null for the system. */
  actor?: Actor | null;
}

/**
 * Appends one event to `input.orgId`'s ledger inside `tx` (locking the organisation's head, so appends to one
 * ledger never interleave), writes the new head to the audit log, and schedules the score refresh after commit.
 * Returns the appended event, or null when `source` was already recorded for the organisation.
 */
export async function recordCreditEvent(tx: Db, afterCommit: AfterCommit, input: CreditEventInput, options: RecordOptions = {}): Promise<LedgerEvent | null> {
  const data: CreditEventData = creditEventDataSchema.parse(input.data);
  const source = options.source ?? null;
  const actor = options.actor ?? null;
  await tx.insert(creditHeads).values({ orgId: input.orgId, lastSeq: 0, lastHash: GENESIS_HASH, updatedAt: now() }).onConflictDoNothing();
  const [head] = await tx.select().from(creditHeads).where(eq(creditHeads.orgId, input.orgId)).for('update');
  if (!head) throw new Error('credit head missing after insert');
  if (source) {
    const [seen] = await tx
      .select({ id: creditEvents.id })
      .from(creditEvents)
      .where(and(eq(creditEvents.orgId, input.orgId), eq(creditEvents.source, source)))
      .limit(1);
    if (seen) return null;
  }
  const content: HashedContent = {
    orgId: input.orgId,
    seq: head.lastSeq + 1,
    kind: data.kind,
    occurredAt: input.occurredAt,
    recordedAt: now(),
    counterpartyOrgId: 'counterpartyOrgId' in data ? asUuid(data.counterpartyOrgId) : null,
    contractId: 'contractId' in data ? asUuid(data.contractId) : null,
    source,
    // Stored as jsonb and hashed as it reads back: JSON round-trip first (drops undefined, normalises numbers).
    data: JSON.parse(JSON.stringify(data)) as unknown,
    recordedBy: actor?.userId ?? null,
    prevHash: head.lastHash,
  };
  const hash = rowHash(content);
  await tx.insert(creditEvents).values({ ...content, kind: data.kind, hash });
  await tx.update(creditHeads).set({ lastSeq: content.seq, lastHash: hash, updatedAt: content.recordedAt }).where(eq(creditHeads.orgId, input.orgId));
  await audit(tx, actor, {
    action: 'credit.append',
    entityType: 'creditLedger',
    entityId: input.orgId,
    orgId: input.orgId,
    after: { seq: content.seq, hash, kind: data.kind },
  });
  scheduleRefresh(afterCommit, input.orgId);
  return { orgId: input.orgId, seq: content.seq, occurredAt: input.occurredAt, data };
}

/** Refreshes the organisation's score once the transaction has committed (once per transaction and organisation). */
export function scheduleRefresh(afterCommit: AfterCommit, orgId: string) {
  let set = pendingRefresh.get(afterCommit);
  if (!set) {
    const orgIds = new Set<string>();
    pendingRefresh.set(afterCommit, orgIds);
    set = orgIds;
    afterCommit(async (db) => {
      // Loaded here, not at the top: scores.ts reads the ledger through this module.
      const { refreshScores } = await import('./scores');
      await refreshScores(db, [...orgIds]);
    });
  }
  set.add(orgId);
}

/** The ledger of one organisation, in order, as the scorer reads it. */
export async function readLedger(db: Db, orgId: string): Promise<LedgerEvent[]> {
  const rows = await db
    .select({ orgId: creditEvents.orgId, seq: creditEvents.seq, occurredAt: creditEvents.occurredAt, data: creditEvents.data })
    .from(creditEvents)
    .where(eq(creditEvents.orgId, orgId))
    .orderBy(creditEvents.seq);
  return rows.map(toLedgerEvent);
}

export function toLedgerEvent(row: { orgId: string; seq: number; occurredAt: Date; data: unknown }): LedgerEvent {
  return { orgId: row.orgId, seq: row.seq, occurredAt: row.occurredAt, data: row.data as CreditEventData };
}

/** The head of an organisation's ledger (0 rows: no head yet). */
export async function ledgerHead(db: Db, orgId: string): Promise<{ lastSeq: number; lastHash: string }> {
  const [head] = await db.select({ lastSeq: creditHeads.lastSeq, lastHash: creditHeads.lastHash }).from(creditHeads).where(eq(creditHeads.orgId, orgId));
  return head ?? { lastSeq: 0, lastHash: GENESIS_HASH };
}
