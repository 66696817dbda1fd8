/**
 * npm run bench:dashboard — the bureau's dashboard (科技局驾驶舱) at the scale SPEC §9 asks for: 5,000 organisations,
 * 20,000 contracts and 2,000 landing projects on PostgreSQL.
 *
 * A scratch database (`kechuang_dash_bench_<random>`) is created on the server of DATABASE_URL (default: the local
 * server, postgres://postgres@127.0.0.1:5432/postgres), migrated, seeded in bulk and dropped afterwards — the database
 * named in the URL is never written to. The seed spreads three years of market over the organisations: 26,000 needs
 * (20,000 awarded, each with its contract), about 75,000 bids, credit grades for most organisations, 60 enclaves of 30
 * incubators and 2,000 landing projects with their stage history. Then it times `dashboard.overview` through the tRPC
 * caller (authorisation, validation and every query, as the page calls it) for the bureau (default period, a field,
 * an enclave, a two-year period) and for incubators, and prints p50/p95/p99. Options: BENCH_ROUNDS (default 30 per
 * variant), BENCH_KEEP=1 (keep the scratch database to study plans). The last line is machine-readable: p50_ms=… p95_ms=… p99_ms=… calls=…
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '@/db/client';
import { bids, contracts, creditScores, enclaves, landingProjects, landingStageEntries, needs, organizations } from '@/db/schema';
import type { Actor } from '@/server/actor';
import { NEED_INDUSTRY_FIELDS } from '@/server/needs/inputs';
import { insertOrgWithOwner } from '@/server/seed/factories';
import { callerFor } from '@/server/test/caller';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const ORGS = 5_000;
const CONTRACTS = 20_000;
const OPEN_NEEDS = 6_000;
const PROJECTS = 2_000;
const INCUBATORS = 30;
const DAY = 24 * 3600 * 1000;
const START = new Date('2024-01-01T00:00:00+08:00').getTime();
const SPAN = new Date('2026-11-20T00:00:00+08:00').getTime() - START;

/** A small deterministic generator, so every run seeds the same market. */
let state = 20261127;
const random = () => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const uuid = () => crypto.randomUUID();
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function seed(db: Db) {
  const started = performance.now();
  const bureau = await insertOrgWithOwner(db, { kind: 'bureau', status: 'verified', name: '新昌县科学技术局' });
  const incubatorActors: Actor[] = [];
  const incubatorIds: string[] = [];
  for (let i = 0; i < INCUBATORS; i++) {
    const inc = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified', name: `飞地运营方-${i}` });
    incubatorActors.push(inc.actor);
    incubatorIds.push(inc.org.id);
  }
  // The rest of the 5,000 organisations: enterprises (most in 新昌) and research teams.
  const enterprises: string[] = [];
  const teams: string[] = [];
  const orgRows: (typeof organizations.$inferInsert)[] = [];
  for (let i = 0; i < ORGS - INCUBATORS - 1; i++) {
    const id = uuid();
    const enterprise = i % 5 < 3;
    (enterprise ? enterprises : teams).push(id);
    orgRows.push({
      id,
      kind: enterprise ? 'enterprise' : 'research_team',
      name: `${enterprise ? '企业' : '团队'}-${i}`,
      creditCode: `BENCH${String(i).padStart(13, '0')}`,
      status: random() < 0.93 ? 'verified' : 'pending',
      industryField: enterprise ? pick(NEED_INDUSTRY_FIELDS) : null,
      city: enterprise ? (random() < 0.8 ? '新昌县七星街道' : '杭州市') : '杭州市',
    });
  }
  await chunked(orgRows, (c) => db.insert(organizations).values(c));
  const grades = ['AAA', 'AA', 'A', 'A', 'A', 'B', 'B', 'C', 'D'] as const;
  const scored = [...enterprises, ...teams].filter(() => random() < 0.7);
  await chunked(
    scored.map((orgId) => ({
      orgId,
      score: 600,
      grade: pick(grades),
      evidenceScore: 600,
      components: {},
      insufficientHistory: false,
      explanation: {},
      asOf: new Date(),
      ledgerSeq: 1,
      calibrationYear: 2026,
      updatedAt: new Date(),
    })),
    (c) => db.insert(creditScores).values(c),
  );

  // Needs: 20,000 awarded (a contract each), 6,000 still open or closed without award; ~3 bids each.
  const needRows: (typeof needs.$inferInsert)[] = [];
  const bidRows: (typeof bids.$inferInsert)[] = [];
  const contractRows: (typeof contracts.$inferInsert)[] = [];
  for (let i = 0; i < CONTRACTS + OPEN_NEEDS; i++) {
    const id = uuid();
    const owner = pick(enterprises);
    const published = new Date(START + random() * SPAN);
    const awarded = i < CONTRACTS;
    const awardedAt = new Date(published.getTime() + (20 + random() * 40) * DAY);
    const completed = awarded && random() < 0.4;
    needRows.push({
      id,
      ownerOrgId: owner,
      mode: 'open',
      status: awarded ? (completed ? 'completed' : 'awarded') : pick(['published', 'closed', 'evaluating', 'cancelled'] as const),
      title: `需求-${i}`,
      industryField: pick(NEED_INDUSTRY_FIELDS),
      publishedAt: published,
      awardedAt: awarded ? awardedAt : null,
      completedAt: completed ? new Date(awardedAt.getTime() + 200 * DAY) : null,
      createdAt: published,
      updatedAt: published,
    });
    const bidders = new Set<string>();
    const count = awarded ? 1 + Math.floor(random() * 4) : Math.floor(random() * 4);
    while (bidders.size < count) bidders.add(pick(teams));
    let first = true;
    for (const team of bidders) {
      const bidId = uuid();
      const winner = awarded && first;
      bidRows.push({
        id: bidId,
        needId: id,
        orgId: team,
        status: winner ? 'awarded' : awarded ? 'not_awarded' : pick(['submitted', 'revised', 'withdrawn', 'draft'] as const),
        createdAt: published,
        updatedAt: published,
        submittedAt: published,
      });
      if (winner) {
        const ended = completed ? new Date(awardedAt.getTime() + (120 + random() * 300) * DAY) : random() < 0.05 ? new Date(awardedAt.getTime() + 60 * DAY) : null;
        contractRows.push({
          needId: id,
          bidId,
          clientOrgId: owner,
          providerOrgId: team,
          subject: `需求-${i}`,
          value: (5 + Math.floor(random() * 20000) / 100).toFixed(2),
          status: completed ? 'completed' : ended ? 'terminated' : 'active',
          signedAt: awardedAt,
          startDate: awardedAt.toISOString().slice(0, 10),
          endDate: new Date(awardedAt.getTime() + 365 * DAY).toISOString().slice(0, 10),
          endedAt: ended,
          createdAt: awardedAt,
          updatedAt: awardedAt,
        });
      }
      first = false;
    }
  }
  await chunked(needRows, (c) => db.insert(needs).values(c));
  await chunked(bidRows, (c) => db.insert(bids).values(c));
  await chunked(contractRows, (c) => db.insert(contracts).values(c));

  // 60 enclaves (two per incubator) and 2,000 projects with their stays.
  const enclaveRows = incubatorIds.flatMap((incubatorOrgId, i) => [
    { id: uuid(), incubatorOrgId, name: `飞地-${i}-杭州`, city: '杭州' },
    { id: uuid(), incubatorOrgId, name: `飞地-${i}-${i % 2 ? '上海' : '深圳'}`, city: i % 2 ? '上海' : '深圳' },
  ]);
  await db.insert(enclaves).values(enclaveRows);
  const stages = ['incubating', 'accelerating', 'industrializing', 'landed'] as const;
  const projectRows: (typeof landingProjects.$inferInsert)[] = [];
  const stayRows: (typeof landingStageEntries.$inferInsert)[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const id = uuid();
    const enclave = pick(enclaveRows);
    let at = START + random() * SPAN * 0.9;
    const reached = Math.min(3, Math.floor(random() * random() * 5));
    const stays: { stage: (typeof landingStageEntries.$inferInsert)['stage']; entered: number; left: number | null }[] = [];
    for (let s = 0; s <= reached; s++) {
      const length = (30 + random() * 200) * DAY;
      const last = s === reached;
      stays.push({ stage: stages[s] ?? 'incubating', entered: at, left: last ? null : at + length });
      at += length;
    }
    const end = random();
    const open = stays[stays.length - 1];
    if (open && end < 0.1 && reached < 3) {
      open.left = open.entered + 40 * DAY;
      stays.push({ stage: end < 0.05 ? 'paused' : 'exited', entered: open.left, left: null });
    }
    const current = stays[stays.length - 1];
    projectRows.push({
      id,
      name: `项目-${i}`,
      incubatorOrgId: enclave.incubatorOrgId,
      enclaveId: enclave.id,
      teamOrgId: pick(teams),
      enterpriseOrgId: random() < 0.5 ? pick(enterprises) : null,
      field: pick(NEED_INDUSTRY_FIELDS),
      stage: current?.stage ?? 'incubating',
      reachedStage: stages[reached] ?? 'incubating',
      stageEnteredAt: new Date(current?.entered ?? START),
      createdAt: new Date(stays[0]?.entered ?? START),
      updatedAt: new Date(current?.entered ?? START),
    });
    for (const s of stays) stayRows.push({ projectId: id, stage: s.stage, enteredAt: new Date(s.entered), leftAt: s.left === null ? null : new Date(s.left) });
  }
  await chunked(projectRows, (c) => db.insert(landingProjects).values(c));
  await chunked(stayRows, (c) => db.insert(landingStageEntries).values(c));
  await db.execute(sql`analyze`);
  console.log(
    `[seed] ${ORGS} organisations, ${needRows.length} needs, ${bidRows.length} bids, ${contractRows.length} contracts, ${PROJECTS} landing projects (${stayRows.length} stage entries) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { bureau: bureau.actor, incubators: incubatorActors, enclaveIds: enclaveRows.map((e) => e.id) };
}

async function main() {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { default: postgres } = await import('postgres');
  const name = `kechuang_dash_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const server = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  await server.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const database = await openDatabase({ url: scratch.toString(), max: 10 });
  try {
    await migrateDatabase(database);
    const { bureau, incubators, enclaveIds } = await seed(database.db);
    const variants: { label: string; actor: Actor; input: Record<string, string> }[] = [
      { label: 'bureau, last 12 months', actor: bureau, input: {} },
      { label: 'bureau, one field', actor: bureau, input: { field: 'smart_equipment' } },
      { label: 'bureau, one enclave', actor: bureau, input: { enclaveId: enclaveIds[0] ?? '' } },
      { label: 'bureau, 2025–2026', actor: bureau, input: { from: '2025-01', to: '2026-12' } },
      { label: 'incubator, own enclaves', actor: incubators[0] as Actor, input: {} },
      { label: 'incubator, one field', actor: incubators[1] as Actor, input: { field: 'biomedicine' } },
    ];
    // Warm-up: the plans and caches a running server would have.
    for (const v of variants) await callerFor(database.db, v.actor).dashboard.overview(v.input);
    const all: number[] = [];
    for (const v of variants) {
      const times: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const t0 = performance.now();
        await callerFor(database.db, v.actor).dashboard.overview(v.input);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      console.log(`[${v.label}] p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`);
    }
    all.sort((a, b) => a - b);
    // The machine's load says how far these figures are from an idle server's.
    console.log(`[load] 1-minute load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`);
    console.log(`p50_ms=${quantile(all, 0.5).toFixed(1)} p95_ms=${quantile(all, 0.95).toFixed(1)} p99_ms=${quantile(all, 0.99).toFixed(1)} calls=${all.length}`);
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP === '1') console.log(`[kept] ${scratch.toString()}`);
    else await server.unsafe(`drop database if exists ${name} with (force)`);
    await server.end();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
