/**
 * npm run bench:search — Chinese need search at the scale the bureau plans for (SPEC: 100,000 needs).
 *
 * Seeds 100,000 synthetic needs (templates and industry vocabularies, some descriptions enriched with
 * real Chinese abstracts from db/data/csl-teams-sample.jsonl) into a scratch database through the bulk
 * path, then times 20 Chinese queries through `searchNeeds` — segmentation, SQL and highlighting, as a
 * page would call it — several rounds each, and prints the median and p95.
 *
 * Embedded: a fresh in-memory PGlite. With DATABASE_URL: a scratch database created on that server
 * (`kechuang_bench_<random>`, dropped afterwards — the database in the URL is never written to).
 * Options: BENCH_NEEDS (default 100000), BENCH_ROUNDS (default 5), BENCH_SKIP_PGLITE=1.
 * The default search is over needs open for proposals (about one in seven of the seeded needs, as in a
 * living market); the same queries over every public status (history included) are timed too.
 * The last line is machine-readable: pglite_p50_ms=… pglite_p95_ms=… pg_p50_ms=… pg_p95_ms=… then the
 * all-public figures.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database, type Db } from '@/db/client';
import { searchNeedsInput } from '@/server/needs/inputs';
import { searchNeeds } from '@/server/search/search';
import { insertSyntheticNeeds } from '@/server/search/synthetic';
import { insertOrgWithOwner } from '@/server/seed/factories';

const NEEDS = Number(process.env.BENCH_NEEDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OWNERS = 200;
const SEARCH_INDEXES = ['needs_search_idx', 'needs_search_open_idx', 'needs_title_trgm_idx'];

/** 20 queries a research team or the bureau would type: single terms, compounds, two-word queries, broad ones. */
const QUERIES = [
  '轴承',
  '精密轴承加工',
  '数控机床',
  '工业机器人 视觉检测',
  '原料药 结晶工艺',
  '中药提取',
  '抗体药物',
  '高温合金',
  '石墨烯',
  '稀土永磁',
  '集成电路',
  '压力传感器',
  '电池管理系统',
  '茶多酚',
  '龙井茶 智能采茶',
  '农产品溯源',
  '余热回收',
  '数字孪生',
  '工艺优化',
  '国产化替代',
];

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

function abstracts(): string[] {
  const file = path.join(process.cwd(), 'db', 'data', 'csl-teams-sample.jsonl');
  if (!fs.existsSync(file)) return [];
  const out: string[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const team = JSON.parse(line) as { achievements?: { abstract?: string }[] };
    for (const a of team.achievements ?? []) {
      for (const sentence of (a.abstract ?? '').split(/(?<=[。.;；])/)) if (sentence.trim().length > 15) out.push(sentence.trim());
    }
  }
  return out;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

async function seed(db: Db, label: string) {
  const started = performance.now();
  const owners = [];
  for (let i = 0; i < OWNERS; i++) {
    const { org, user } = await insertOrgWithOwner(db, { kind: i % 10 === 0 ? 'incubator' : 'enterprise', status: 'verified' });
    owners.push({ orgId: org.id, userId: user.id });
  }
  // Bulk load: build the GIN indexes once after the rows are in (as a restore does), from their own definitions.
  const definitions = rows<{ indexdef: string }>(
    await db.execute(sql`select indexdef from pg_indexes where tablename = 'needs' and indexname in ${SEARCH_INDEXES}`),
  ).map((r) => r.indexdef);
  for (const name of SEARCH_INDEXES) await db.execute(sql.raw(`drop index if exists ${name}`));
  let last = 0;
  await insertSyntheticNeeds(db, owners, NEEDS, {
    seed: 20261127,
    extraSentences: abstracts(),
    chunk: 1000,
    onProgress: (n) => {
      if (n - last >= 20_000 || n === NEEDS) {
        last = n;
        process.stdout.write(`[${label}] ${n} needs inserted (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
      }
    },
  });
  for (const def of definitions) await db.execute(sql.raw(def));
  await db.execute(sql`vacuum analyze needs`);
  const [size] = rows<{ size: string }>(await db.execute(sql`select pg_size_pretty(pg_total_relation_size('needs')) as size`));
  console.log(`[${label}] seeded ${NEEDS} needs in ${((performance.now() - started) / 1000).toFixed(1)} s (table + indexes ${size?.size})`);
}

/** What a visitor searches by default (needs open for proposals), or every public status (history included). */
type Scope = 'published' | 'allPublic';
const STATUSES: Record<Scope, string[]> = { published: ['published'], allPublic: ['published', 'closed', 'evaluating', 'awarded', 'completed'] };

async function measure(db: Db, label: string, scope: Scope) {
  const input = (q: string) => searchNeedsInput.parse({ q, statuses: STATUSES[scope] });
  // Warm-up: dictionary, plans, caches.
  for (const q of QUERIES) await searchNeeds(db, input(q));
  const timings: number[] = [];
  const perQuery: Record<string, number[]> = {};
  let hits = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const result = await searchNeeds(db, input(q));
      const ms = performance.now() - t;
      timings.push(ms);
      (perQuery[q] ??= []).push(ms);
      if (round === 0 && result.items.length > 0) hits++;
    }
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const p50 = quantile(sorted, 0.5);
  const p95 = quantile(sorted, 0.95);
  const slowest = Object.entries(perQuery)
    .map(([q, list]) => [q, [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([q, ms]) => `${q} ${ms.toFixed(1)} ms`)
    .join(', ');
  console.log(`[${label}] ${scope === 'published' ? 'open needs' : 'all public needs'}: ${timings.length} searches (${QUERIES.length} queries × ${ROUNDS}): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ${hits}/${QUERIES.length} queries found needs; slowest medians: ${slowest}`);
  return { p50, p95 };
}

async function run(label: string, open: () => Promise<Database>, cleanup?: () => Promise<void>) {
  const database = await open();
  try {
    await migrateDatabase(database);
    await seed(database.db, label);
    return { published: await measure(database.db, label, 'published'), allPublic: await measure(database.db, label, 'allPublic') };
  } finally {
    await database.close();
    await cleanup?.();
  }
}

async function main() {
  // Headline figures: the default search (needs open for proposals); then every public status.
  const figures: string[] = [];
  const extra: string[] = [];
  if (process.env.BENCH_SKIP_PGLITE !== '1') {
    const r = await run('pglite', () => openDatabase({ dataDir: 'memory' }));
    figures.push(`pglite_p50_ms=${r.published.p50.toFixed(1)}`, `pglite_p95_ms=${r.published.p95.toFixed(1)}`);
    extra.push(`pglite_all_public_p50_ms=${r.allPublic.p50.toFixed(1)}`, `pglite_all_public_p95_ms=${r.allPublic.p95.toFixed(1)}`);
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import('postgres');
    const name = `kechuang_bench_${crypto.randomBytes(4).toString('hex')}`;
    const admin = (u: string) => {
      const x = new URL(u);
      x.pathname = '/postgres';
      return x.toString();
    };
    const server = postgres(admin(url), { max: 1, onnotice: () => {} });
    await server.unsafe(`create database ${name}`);
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    try {
      const r = await run('postgres', () => openDatabase({ url: scratch.toString(), max: 4 }));
      figures.push(`pg_p50_ms=${r.published.p50.toFixed(1)}`, `pg_p95_ms=${r.published.p95.toFixed(1)}`);
      extra.push(`pg_all_public_p50_ms=${r.allPublic.p50.toFixed(1)}`, `pg_all_public_p95_ms=${r.allPublic.p95.toFixed(1)}`);
    } finally {
      await server.unsafe(`drop database if exists ${name} with (force)`);
      await server.end();
    }
  } else {
    console.log('[postgres] skipped: set DATABASE_URL=postgres://… to measure PostgreSQL too (a scratch database is created and dropped)');
  }
  figures.push(...extra, `needs=${NEEDS}`, `queries=${QUERIES.length}`, `rounds=${ROUNDS}`);
  console.log(figures.join(' '));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
