import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { creditCalibrations, creditEvents, creditScores, organizations } from '@/db/schema';
import { now } from '../clock';
import type { LedgerEvent } from './events';
import { readLedger, toLedgerEvent } from './ledger';
import { CREDIT_PARAMS, type CreditParams, type ScoredKind } from './params';
import { givenRatingOf, summarisePopulation } from './population';
import { integrityState, scoreOrg, type Calibration, type CounterpartyFacts, type CreditResult, type OrgFacts, type ScoringInput } from './score';

/**
 * Scores in the platform: the same `scoreOrg` as `credit:score`, fed from the database ledger. After every commit
 * that appends to an organisation's ledger its row in `credit_scores` is recomputed (ledger.ts schedules it); a
 * read finding the row behind the ledger (or a day old: decay moves scores with time) recomputes it first.
 * The priors and weights come from the year's calibration, reset once a year from the ledger (`calibrationFor`).
 */

const LOCAL_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });
/** The calendar year in the county of an instant. */
export const yearOf = (at: Date) => Number(LOCAL_YEAR.format(at));
/** 1 January of `year`, 00:00 in the county. */
export const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

const STALE_AFTER_MS = 24 * 3600 * 1000;

function orgFacts(row: { id: string; kind: ScoredKind; status: string }): OrgFacts {
  return { id: row.id, kind: row.kind, verified: row.status === 'verified' };
}

/**
 * The calibration of every ledger as of `until`: all organisations summarised together, priors and weights reset
 * from them (server/credit/score.ts `calibrate`). Used once a year, and by tests replaying a history.
 */
export async function computeCalibration(db: Db, until: Date, params: CreditParams = CREDIT_PARAMS): Promise<{ calibration: Calibration; organisations: number }> {
  const orgs = await db.select({ id: organizations.id, kind: organizations.kind, status: organizations.status }).from(organizations);
  const rows = await db
    .select({ orgId: creditEvents.orgId, seq: creditEvents.seq, occurredAt: creditEvents.occurredAt, data: creditEvents.data })
    .from(creditEvents)
    .where(lte(creditEvents.occurredAt, until))
    .orderBy(asc(creditEvents.orgId), asc(creditEvents.seq));
  const byOrg = new Map<string, LedgerEvent[]>();
  for (const r of rows) {
    const list = byOrg.get(r.orgId);
    if (list) list.push(toLedgerEvent(r));
    else byOrg.set(r.orgId, [toLedgerEvent(r)]);
  }
  const withEvents = orgs.filter((o) => byOrg.has(o.id)).map(orgFacts);
  const { calibration } = summarisePopulation(withEvents, (id) => byOrg.get(id) ?? [], until, params);
  return { calibration, organisations: withEvents.length };
}

/** The year's calibration: stored once computed (from the ledger as of 1 January), so it stays fixed all year. */
export async function calibrationFor(db: Db, year: number): Promise<Calibration> {
  const read = async () => (await db.select().from(creditCalibrations).where(eq(creditCalibrations.year, year)))[0];
  let row = await read();
  if (!row) {
    const until = yearStart(year);
    const { calibration, organisations } = await computeCalibration(db, until);
    await db
      .insert(creditCalibrations)
      .values({ year, priors: calibration.priors, weights: calibration.weights, evidenceUntil: until, organisations, computedAt: now() })
      .onConflictDoNothing();
    row = await read();
    if (!row) return calibration;
  }
  return { priors: row.priors as Calibration['priors'], weights: row.weights as Calibration['weights'] };
}

/** Everything `scoreOrg` needs about one organisation, from the database. */
export async function loadScoringInput(db: Db, orgId: string, asOf: Date): Promise<ScoringInput | null> {
  const [org] = await db.select({ id: organizations.id, kind: organizations.kind, status: organizations.status }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) return null;
  const events = await readLedger(db, orgId);
  const givenRows = await db
    .select({ orgId: creditEvents.orgId, seq: creditEvents.seq, occurredAt: creditEvents.occurredAt, data: creditEvents.data })
    .from(creditEvents)
    .where(and(eq(creditEvents.counterpartyOrgId, orgId), eq(creditEvents.kind, 'rating')));
  const given = givenRows.flatMap((r) => {
    const g = givenRatingOf(toLedgerEvent(r));
    return g && g.occurredAt.getTime() <= asOf.getTime() ? [g] : [];
  });
  const ids = [...new Set(events.flatMap((e) => ('counterpartyOrgId' in e.data && e.data.counterpartyOrgId ? [e.data.counterpartyOrgId] : [])))];
  const counterparties = new Map<string, CounterpartyFacts>();
  if (ids.length > 0) {
    const [known, integrity] = await Promise.all([
      db.select({ id: organizations.id, status: organizations.status }).from(organizations).where(inArray(organizations.id, ids)),
      db
        .select({ orgId: creditEvents.orgId, seq: creditEvents.seq, occurredAt: creditEvents.occurredAt, data: creditEvents.data })
        .from(creditEvents)
        .where(and(inArray(creditEvents.orgId, ids), inArray(creditEvents.kind, ['integrity', 'appeal_ruled']))),
    ]);
    const byOrg = new Map<string, LedgerEvent[]>();
    for (const r of integrity) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), toLedgerEvent(r)]);
    for (const c of known) counterparties.set(c.id, { verified: c.status === 'verified', gated: integrityState(byOrg.get(c.id) ?? [], asOf).gated });
  }
  return { org: orgFacts(org), events, given, counterparties, asOf };
}

export interface StoredExplanation {
  topEvents: { seq: number; kind: string; occurredAt: string; contractId: string | null; points: number }[];
  raise: CreditResult['raise'];
  qualifications: CreditResult['activeQualifications'];
  integrity: CreditResult['integrity']['events'];
}

function latestUntil(events: CreditResult['integrity']['events'], pick: (e: CreditResult['integrity']['events'][number]) => boolean): string | null {
  return events.filter(pick).reduce<string | null>((max, e) => (max === null || e.until > max ? e.until : max), null);
}

/** Stores a computed score (never over a row computed from a longer ledger). */
async function storeScore(db: Db, result: CreditResult, ledgerSeq: number, year: number) {
  const ev = result.integrity.events;
  const explanation: StoredExplanation = {
    topEvents: result.topEvents.map((t) => ({ ...t, occurredAt: t.occurredAt.toISOString() })),
    raise: result.raise,
    qualifications: result.activeQualifications,
    integrity: ev,
  };
  const values = {
    orgId: result.orgId,
    score: result.score,
    grade: result.grade,
    evidenceScore: result.evidenceScore,
    components: result.components,
    insufficientHistory: result.insufficientHistory,
    gatedUntil: result.integrity.gated ? latestUntil(ev, (e) => e.severity === 'serious' || e.negativeList) : null,
    negativeListedUntil: latestUntil(ev, (e) => e.negativeList),
    cappedUntil: result.integrity.capped ? latestUntil(ev, () => true) : null,
    explanation,
    asOf: result.asOf,
    ledgerSeq,
    calibrationYear: year,
    updatedAt: now(),
  };
  await db
    .insert(creditScores)
    .values(values)
    .onConflictDoUpdate({ target: creditScores.orgId, set: values, where: sql`${creditScores.ledgerSeq} <= ${ledgerSeq}` });
}

export interface RefreshOptions {
  /** Score as of this moment (default: now). */
  asOf?: Date;
  /** Use this calibration instead of the year's stored one (a replayed history calibrates from itself). */
  calibration?: Calibration;
}

/** Recomputes and stores the scores of `orgIds`. */
export async function refreshScores(db: Db, orgIds: readonly string[], options: RefreshOptions = {}): Promise<CreditResult[]> {
  const asOf = options.asOf ?? now();
  const year = yearOf(asOf);
  const calibration = options.calibration ?? (await calibrationFor(db, year));
  const out: CreditResult[] = [];
  for (const orgId of new Set(orgIds)) {
    const input = await loadScoringInput(db, orgId, asOf);
    if (!input) continue;
    const result = scoreOrg(input, CREDIT_PARAMS, calibration);
    await storeScore(db, result, input.events.at(-1)?.seq ?? 0, year);
    out.push(result);
  }
  return out;
}

export type ScoreRow = typeof creditScores.$inferSelect;

/** The stored score of an organisation, recomputed first when it is behind its ledger or a day old. */
export async function currentScore(db: Db, orgId: string): Promise<ScoreRow | null> {
  const [row] = await db.select().from(creditScores).where(eq(creditScores.orgId, orgId));
  const [head] = await db.select({ n: sql<number>`coalesce(max(${creditEvents.seq}), 0)::int` }).from(creditEvents).where(eq(creditEvents.orgId, orgId));
  const stale = !row || row.ledgerSeq < (head?.n ?? 0) || now().getTime() - row.asOf.getTime() > STALE_AFTER_MS || row.calibrationYear !== yearOf(now());
  if (!stale) return row;
  await refreshScores(db, [orgId]);
  const [fresh] = await db.select().from(creditScores).where(eq(creditScores.orgId, orgId));
  return fresh ?? null;
}
