import { and, asc, eq, gt, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { matchDocuments, organizations } from '@/db/schema';
import { inTransaction } from '../transaction';
import { uuidArray } from './sql';
import { decodeTerms, refreshMatchDocuments, type MatchDocumentRow, type TermCounts } from './documents';
import { InvertedIndex } from './inverted-index';

/**
 * The process's inverted index of `match_documents`, kept current by the documents' `seq` stamps.
 *
 * Before each ranking one cheap aggregate (row count and sum of seq) is compared with what the index
 * holds. Equal: nothing changed. Different: the (org, seq) pairs are read (small rows, no text), the
 * documents that are new or re-stamped are loaded and swapped in, and those gone are dropped — incremental,
 * whatever the order in which concurrent transactions committed (a later-committing writer may hold a
 * smaller seq, so "seq > last seen" alone would miss it; a re-stamped row always raises the sum). The index
 * is rebuilt when a quarter of its documents are dead. One index per database handle (tests open many),
 * held in a WeakMap; concurrent callers share one refresh.
 */

interface State {
  index: InvertedIndex;
  seqOf: Map<string, number>;
  count: number;
  seqSum: bigint;
  refreshing: Promise<InvertedIndex> | null;
}

const holder = globalThis as unknown as { __kcMatchIndexes?: WeakMap<object, State> };
const states = (holder.__kcMatchIndexes ??= new WeakMap());

type Row = MatchDocumentRow & { orgId: string; seq: number };

const columns = {
  orgId: matchDocuments.orgId,
  seq: matchDocuments.seq,
  disciplines: matchDocuments.disciplines,
  chars: matchDocuments.chars,
  words: matchDocuments.words,
  charLength: matchDocuments.charLength,
  wordLength: matchDocuments.wordLength,
};

/** Documents per read, so the JSON of 10,000 documents is never held at once. */
const BATCH = 1_000;

async function head(db: Db): Promise<{ count: number; seqSum: bigint; teams: number }> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      seqSum: sql<string>`coalesce(sum(${matchDocuments.seq}), 0)::text`,
      teams: sql<number>`(select count(*)::int from ${organizations} where ${organizations.kind} = 'research_team')`,
    })
    .from(matchDocuments);
  return { count: Number(row?.count ?? 0), seqSum: BigInt(row?.seqSum ?? '0'), teams: Number(row?.teams ?? 0) };
}

/**
 * Writes the documents of research teams that have none: teams created by registration rather than the
 * import, and every team after a migration that dropped the documents. Acts that change a team's text
 * refresh its document themselves; this catches the teams no such act has touched yet.
 */
async function backfill(db: Db): Promise<void> {
  const missing = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.kind, 'research_team'), notExists(db.select({ one: sql`1` }).from(matchDocuments).where(eq(matchDocuments.orgId, organizations.id)))));
  const ids = missing.map((m) => m.id);
  for (let i = 0; i < ids.length; i += BACKFILL_CHUNK) {
    await inTransaction(db, (tx) => refreshMatchDocuments(tx, ids.slice(i, i + BACKFILL_CHUNK)));
  }
}
const BACKFILL_CHUNK = 500;

async function loadInto(db: Db, state: State, orgIds: readonly string[], deferNorm: boolean): Promise<[number, TermCounts][]> {
  const deferred: [number, TermCounts][] = [];
  for (let i = 0; i < orgIds.length; i += BATCH) {
    const rows: Row[] = await db
      .select(columns)
      .from(matchDocuments)
      .where(sql`${matchDocuments.orgId} = any(${uuidArray(orgIds.slice(i, i + BATCH))}::uuid[])`);
    for (const row of rows) {
      const chars = decodeTerms(row.chars);
      const doc = state.index.add(row.orgId, { ...row, chars, words: decodeTerms(row.words) }, deferNorm);
      if (deferNorm) deferred.push([doc, chars]);
      state.seqOf.set(row.orgId, row.seq);
    }
  }
  return deferred;
}

async function stamps(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ orgId: matchDocuments.orgId, seq: matchDocuments.seq }).from(matchDocuments);
  return new Map(rows.map((r) => [r.orgId, r.seq]));
}

const sumOf = (seqOf: Map<string, number>) => {
  let sum = 0n;
  for (const s of seqOf.values()) sum += BigInt(s);
  return sum;
};

export async function buildIndex(db: Db): Promise<State> {
  const { count, teams } = await head(db);
  if (teams > count) await backfill(db);
  const state: State = { index: new InvertedIndex(), seqOf: new Map(), count: 0, seqSum: 0n, refreshing: null };
  // Postings first, in pages by seq; norms once every document is in (they need the final frequencies).
  const deferred: [number, TermCounts][] = [];
  let after = -1;
  for (;;) {
    const rows: Row[] = await db.select(columns).from(matchDocuments).where(gt(matchDocuments.seq, after)).orderBy(asc(matchDocuments.seq)).limit(BATCH);
    for (const row of rows) {
      const chars = decodeTerms(row.chars);
      deferred.push([state.index.add(row.orgId, { ...row, chars, words: decodeTerms(row.words) }, true), chars]);
      state.seqOf.set(row.orgId, row.seq);
      after = row.seq;
    }
    if (rows.length < BATCH) break;
  }
  for (const [doc, chars] of deferred) state.index.computeNorm(doc, chars);
  state.count = state.seqOf.size;
  state.seqSum = sumOf(state.seqOf);
  return state;
}

async function refresh(db: Db, state: State | undefined): Promise<State> {
  if (!state) return buildIndex(db);
  let now = await head(db);
  if (now.teams > now.count) {
    await backfill(db);
    now = await head(db);
  }
  if (now.count === state.count && now.seqSum === state.seqSum) return state;
  const current = await stamps(db);
  const changed = [...current].filter(([org, seq]) => state.seqOf.get(org) !== seq).map(([org]) => org);
  for (const org of [...state.seqOf.keys()]) {
    if (!current.has(org)) {
      state.index.remove(org);
      state.seqOf.delete(org);
    }
  }
  await loadInto(db, state, changed, false);
  if (state.index.dead > state.index.live / 4) return buildIndex(db);
  state.count = state.seqOf.size;
  state.seqSum = sumOf(state.seqOf);
  return state;
}

/** The current index for `db` (brought up to date with `match_documents` first). */
export async function currentIndex(db: Db): Promise<InvertedIndex> {
  const state = states.get(db);
  if (state?.refreshing) return state.refreshing;
  const refreshing = refresh(db, state).then(
    (next) => {
      next.refreshing = null;
      states.set(db, next);
      return next.index;
    },
    (e: unknown) => {
      if (state) state.refreshing = null;
      else states.delete(db);
      throw e;
    },
  );
  if (state) state.refreshing = refreshing;
  else states.set(db, { index: new InvertedIndex(), seqOf: new Map(), count: -1, seqSum: -1n, refreshing });
  return refreshing;
}

/** Drops the process's index of `db` (the benchmark times a cold build with it). */
export function forgetIndex(db: Db): void {
  states.delete(db);
}
