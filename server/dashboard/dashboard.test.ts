import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { contracts, creditScores, enclaves, landingProjectContracts, landingProjects, landingStageEntries } from '@/db/schema';
import type { NeedStatus } from '../needs/inputs';
import type { BidStatus } from '../bids/inputs';
import { insertBid } from '../bids/factories';
import { insertNeed } from '../needs/factories';
import { insertOrganization, insertOrgWithOwner } from '../seed/factories';
import { handleDashboardExport } from '../routers/dashboard-http';
import { callerFor } from '../test/caller';
import type { LandingStage } from './landing';

/**
 * A small fixed market and landing pipeline whose dashboard figures were worked out by hand (the comments show the
 * arithmetic); the dashboard must return exactly these. The period is 2026-01 … 2026-06 (ends 2026-07-01 00:00 in
 * China), in the past of the test clock, so nothing depends on today.
 */

let database: Database;
let db: Db;
const at = (local: string) => new Date(`${local}+08:00`);

type Party = Awaited<ReturnType<typeof insertOrgWithOwner>>;
let bureau: Party;
let incubator1: Party;
let incubator2: Party;
let enterprise: Party;
const ids: Record<string, string> = {};

async function need(name: string, ownerOrgId: string, o: { field: 'smart_equipment' | 'biomedicine' | 'new_materials' | 'electronics'; status: NeedStatus; publishedAt: string | null; awardedAt?: string }) {
  const row = await insertNeed(
    db,
    { orgId: ownerOrgId, userId: null },
    {
      industryField: o.field,
      status: o.status,
      publishedAt: o.publishedAt ? at(o.publishedAt) : null,
      awardedAt: o.awardedAt ? at(o.awardedAt) : null,
    },
  );
  ids[name] = row.id;
  return row;
}

async function bid(needId: string, orgId: string, status: BidStatus) {
  return insertBid(db, { orgId, userId: null }, needId, { status });
}

async function contract(o: { need: string; bidOrg: string; client: string; provider: string; value: string; signedAt: Date; endedAt?: string; status: 'active' | 'completed' | 'terminated' }) {
  const b = await bid(ids[o.need] ?? '', o.bidOrg, 'awarded');
  const [row] = await db
    .insert(contracts)
    .values({
      needId: ids[o.need] ?? '',
      bidId: b.id,
      clientOrgId: o.client,
      providerOrgId: o.provider,
      subject: `合同-${o.need}`,
      value: o.value,
      status: o.status,
      signedAt: o.signedAt,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      endedAt: o.endedAt ? at(o.endedAt) : null,
      createdAt: o.signedAt,
      updatedAt: o.signedAt,
    })
    .returning();
  if (!row) throw new Error('insert contract failed');
  return row;
}

/** A project and its stays: [stage, entered, left]. */
async function project(
  name: string,
  o: { enclave: string; incubator: string; team: string; enterprise?: string; field: 'smart_equipment' | 'biomedicine' | 'new_materials' | 'electronics' },
  stays: [LandingStage, string, string | null][],
) {
  const last = stays[stays.length - 1];
  if (!last) throw new Error('a project has at least one stay');
  const progress = stays.map((s) => s[0]).filter((s) => s !== 'paused' && s !== 'exited');
  const [row] = await db
    .insert(landingProjects)
    .values({
      name,
      incubatorOrgId: o.incubator,
      enclaveId: o.enclave,
      teamOrgId: o.team,
      enterpriseOrgId: o.enterprise ?? null,
      field: o.field,
      stage: last[0],
      reachedStage: progress[progress.length - 1] ?? 'incubating',
      stageEnteredAt: at(last[1]),
      createdAt: at(stays[0]?.[1] ?? last[1]),
      updatedAt: at(last[1]),
    })
    .returning();
  if (!row) throw new Error('insert project failed');
  for (const [stage, entered, left] of stays) {
    await db.insert(landingStageEntries).values({ projectId: row.id, stage, enteredAt: at(entered), leftAt: left ? at(left) : null });
  }
  ids[name] = row.id;
  return row;
}

async function grade(orgId: string, g: 'AAA' | 'AA' | 'A' | 'B') {
  const stamp = at('2026-06-01T00:00:00');
  await db.insert(creditScores).values({
    orgId,
    score: 700,
    grade: g,
    evidenceScore: 700,
    components: {},
    insufficientHistory: false,
    explanation: {},
    asOf: stamp,
    ledgerSeq: 1,
    calibrationYear: 2026,
    updatedAt: stamp,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertOrgWithOwner(db, { kind: 'bureau', status: 'verified' });
  incubator1 = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
  incubator2 = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
  enterprise = await insertOrgWithOwner(db, { kind: 'enterprise', status: 'verified', city: '新昌县南明街道' });
  // `enterprise` (the caller refused below) is a verified local enterprise too: it counts in the credit table as unrated.
  const I1 = incubator1.org.id;
  const I2 = incubator2.org.id;
  const L1 = (await insertOrganization(db, { kind: 'enterprise', city: '新昌县七星街道' })).id;
  const L2 = (await insertOrganization(db, { kind: 'enterprise', city: '新昌县澄潭街道' })).id;
  const X1 = (await insertOrganization(db, { kind: 'enterprise', city: '杭州市', industryField: 'smart_equipment' })).id;
  const T1 = (await insertOrganization(db, { kind: 'research_team' })).id;
  const T2 = (await insertOrganization(db, { kind: 'research_team' })).id;
  const T3 = (await insertOrganization(db, { kind: 'research_team' })).id;
  const T4 = (await insertOrganization(db, { kind: 'research_team' })).id;
  await insertOrganization(db, { kind: 'research_team', status: 'pending' }); // not verified: never counted
  Object.assign(ids, { I1, I2, L1, L2, X1, T1, T2, T3, T4 });

  const [e1, e2, e3] = await db
    .insert(enclaves)
    .values([
      { incubatorOrgId: I1, name: '新昌（杭州）科创飞地', city: '杭州' },
      { incubatorOrgId: I1, name: '新昌（上海）科创中心', city: '上海' },
      { incubatorOrgId: I2, name: '新昌（深圳）创新飞地', city: '深圳' },
    ])
    .returning();
  if (!e1 || !e2 || !e3) throw new Error('insert enclaves failed');
  Object.assign(ids, { E1: e1.id, E2: e2.id, E3: e3.id });

  // Needs (published in the period: N1–N5; N6, N8, N9 before it; N7 a draft).
  await need('N1', L1, { field: 'smart_equipment', status: 'completed', publishedAt: '2026-01-10T09:00:00', awardedAt: '2026-02-05T10:00:00' });
  await need('N2', L1, { field: 'smart_equipment', status: 'awarded', publishedAt: '2026-02-20T09:00:00', awardedAt: '2026-03-10T10:00:00' });
  await need('N3', L2, { field: 'biomedicine', status: 'evaluating', publishedAt: '2026-03-05T09:00:00' });
  await need('N4', X1, { field: 'biomedicine', status: 'published', publishedAt: '2026-04-01T09:00:00' });
  await need('N5', I2, { field: 'new_materials', status: 'awarded', publishedAt: '2026-05-15T09:00:00', awardedAt: '2026-06-01T09:00:00' });
  await need('N6', L2, { field: 'biomedicine', status: 'awarded', publishedAt: '2025-12-01T09:00:00', awardedAt: '2025-12-28T10:00:00' });
  await need('N7', L1, { field: 'smart_equipment', status: 'draft', publishedAt: null });
  await need('N8', X1, { field: 'electronics', status: 'awarded', publishedAt: '2025-11-01T09:00:00', awardedAt: '2026-02-01T04:00:00' });
  await need('N9', L2, { field: 'smart_equipment', status: 'awarded', publishedAt: '2025-10-01T09:00:00', awardedAt: '2026-07-01T01:00:00' });
  // Bids that stand: N1 two, N2 one (+ a withdrawn one), N3 two (+ a draft), N4 none, N5 one (its contract's).
  await bid(ids.N1 ?? '', T2, 'not_awarded');
  await bid(ids.N2 ?? '', T3, 'withdrawn');
  await bid(ids.N3 ?? '', T3, 'submitted');
  await bid(ids.N3 ?? '', T4, 'revised');
  await bid(ids.N3 ?? '', T1, 'draft');

  // Contracts (each brings its awarded bid).
  await contract({ need: 'N1', bidOrg: T1, client: L1, provider: T1, value: '100.00', signedAt: at('2026-02-05T10:00:00'), endedAt: '2026-05-20T10:00:00', status: 'completed' }); // C1
  await contract({ need: 'N2', bidOrg: T2, client: L1, provider: T2, value: '45.50', signedAt: at('2026-03-10T10:00:00'), status: 'active' }); // C2
  const c3 = await contract({ need: 'N5', bidOrg: T4, client: I2, provider: T4, value: '80.00', signedAt: at('2026-06-01T09:00:00'), status: 'active' }); // C3
  await contract({ need: 'N6', bidOrg: T3, client: L2, provider: T3, value: '30.25', signedAt: at('2025-12-28T10:00:00'), endedAt: '2026-02-10T10:00:00', status: 'terminated' }); // C4
  // C5: 2026-01-31 20:00 UTC is 1 February in China.
  await contract({ need: 'N8', bidOrg: T4, client: X1, provider: T4, value: '60.00', signedAt: new Date('2026-01-31T20:00:00Z'), status: 'active' });
  // C7: 2026-06-30 17:00 UTC is 1 July in China — after the period.
  await contract({ need: 'N9', bidOrg: T1, client: L2, provider: T1, value: '10.00', signedAt: new Date('2026-06-30T17:00:00Z'), status: 'active' });

  await grade(T1, 'AAA');
  await grade(T2, 'A');
  await grade(T3, 'B');
  await grade(L1, 'AA');
  await grade(L2, 'A');

  // Landing projects (E1, E2 are incubator 1's; E3 incubator 2's). Stays are [stage, entered, left].
  const E1 = e1.id;
  const E2 = e2.id;
  const E3 = e3.id;
  await project('P1', { enclave: E1, incubator: I1, team: T1, enterprise: L1, field: 'smart_equipment' }, [
    ['incubating', '2025-10-01T00:00:00', '2026-01-01T00:00:00'], // 92 days
    ['accelerating', '2026-01-01T00:00:00', '2026-04-01T00:00:00'], // 90
    ['industrializing', '2026-04-01T00:00:00', '2026-06-01T00:00:00'], // 61
    ['landed', '2026-06-01T00:00:00', null], // 30 up to 2026-07-01
  ]);
  await project('P2', { enclave: E1, incubator: I1, team: T2, field: 'biomedicine' }, [
    ['incubating', '2026-02-01T00:00:00', '2026-03-01T00:00:00'], // 28
    ['accelerating', '2026-03-01T00:00:00', null], // 122
  ]);
  await project('P3', { enclave: E2, incubator: I1, team: T3, field: 'smart_equipment' }, [
    ['incubating', '2026-01-10T00:00:00', '2026-03-11T00:00:00'], // 60
    ['paused', '2026-03-11T00:00:00', '2026-04-10T00:00:00'], // 30
    ['incubating', '2026-04-10T00:00:00', null], // 82
  ]);
  await project('P4', { enclave: E3, incubator: I2, team: T4, field: 'new_materials' }, [
    ['incubating', '2025-12-01T00:00:00', '2026-02-01T00:00:00'], // 62
    ['accelerating', '2026-02-01T00:00:00', '2026-05-01T00:00:00'], // 89
    ['exited', '2026-05-01T00:00:00', null],
  ]);
  // P5 begins after the period: in no figure of it.
  await project('P5', { enclave: E3, incubator: I2, team: L2, field: 'biomedicine' }, [['incubating', '2026-08-01T00:00:00', null]]);
  // P6 moved on after the period: at its end it was industrializing (11 days in, counted up to 2026-07-01).
  await project('P6', { enclave: E2, incubator: I1, team: T2, field: 'smart_equipment' }, [
    ['incubating', '2026-03-01T00:00:00', '2026-04-15T00:00:00'], // 45
    ['accelerating', '2026-04-15T00:00:00', '2026-06-20T00:00:00'], // 66
    ['industrializing', '2026-06-20T00:00:00', '2026-07-05T00:00:00'], // 11 up to 2026-07-01
    ['landed', '2026-07-05T00:00:00', null],
  ]);
  await project('P7', { enclave: E1, incubator: I1, team: T3, field: 'electronics' }, [['incubating', '2026-05-01T00:00:00', null]]); // 61
  await db.insert(landingProjectContracts).values({ projectId: ids.P6 ?? '', contractId: c3.id, linkedAt: at('2026-06-02T00:00:00') });
});
afterAll(() => database.close());

const PERIOD = { from: '2026-01', to: '2026-06' };
const stageRow = (incubating: number, accelerating: number, industrializing: number, landed: number, paused: number, exited: number) => [incubating, accelerating, industrializing, landed, paused, exited];

describe('dashboard figures (hand-computed fixture)', () => {
  it('the bureau sees every figure of the whole market and pipeline', async () => {
    const d = await callerFor(db, bureau.actor).dashboard.overview(PERIOD);
    expect(d.scope).toBe('all');
    expect(d.filters).toEqual({ from: '2026-01', to: '2026-06', field: null, enclaveId: null });
    // Volume: Feb C1 100.00 + C5 60.00; Mar C2 45.50; Jun C3 80.00. C4 (Dec) and C7 (1 Jul in China) fall outside.
    expect(d.tables.volume.rows).toEqual([
      ['2026-01', 0, '0.00'],
      ['2026-02', 2, '160.00'],
      ['2026-03', 1, '45.50'],
      ['2026-04', 0, '0.00'],
      ['2026-05', 0, '0.00'],
      ['2026-06', 1, '80.00'],
    ]);
    expect(d.headline.volume).toEqual({ contracts: 4, value: '285.50' });
    expect(d.tables.topFields.rows).toEqual([
      ['smart_equipment', 2, '145.50'],
      ['new_materials', 1, '80.00'],
      ['electronics', 1, '60.00'],
    ]);
    // Needs published in the period: N1–N5 = 5; with a standing bid N1, N2, N3, N5 = 4 (bids 2+1+2+1 = 6);
    // awarded N1, N2, N5 = 3; completed N1 = 1. 4/5 = 80 %, 3/4 = 75 %, 1/3 = 33.3 %; of 5: 80, 60, 20 %.
    expect(d.tables.conversion.rows).toEqual([
      ['published', 5, null, null],
      ['bid', 4, 80, 80],
      ['awarded', 3, 75, 60],
      ['completed', 1, 33.3, 20],
    ]);
    expect(d.headline.bids).toBe(6);
    // Teams with a 新昌 enterprise's contract in force: Jan T3 (C4); Feb T1, T3; Mar–May T1, T2; Jun T2 (C1 ended 20 May).
    expect(d.tables.activeTeams.rows).toEqual([
      ['2026-01', 1],
      ['2026-02', 2],
      ['2026-03', 2],
      ['2026-04', 2],
      ['2026-05', 2],
      ['2026-06', 1],
    ]);
    expect(d.headline.activeTeams).toBe(3);
    expect(d.headline.activeTeamsTarget).toBe(100);
    // Verified enterprises L1 AA, L2 A, X1 and the caller-enterprise unrated; teams T1 AAA, T2 A, T3 B, T4 unrated.
    expect(d.tables.credit.rows).toEqual([
      ['AAA', 0, 1, 1],
      ['AA', 1, 0, 1],
      ['A', 1, 1, 2],
      ['B', 0, 1, 1],
      ['C', 0, 0, 0],
      ['D', 0, 0, 0],
      ['unrated', 2, 1, 3],
    ]);
    // Funnel at 2026-07-01 (P5 not begun): reached incubating P1 P2 P3 P4 P6 P7 = 6; accelerating P1 P2 P4 P6 = 4;
    // industrializing P1 P6 = 2; landed P1 = 1. Medians: incubating 28 45 60 61 62 82 92 → 61; accelerating
    // 66 89 90 122 → 89.5; industrializing 11 61 → 36; landed 30; paused 30; exited none.
    expect(d.tables.landingFunnel.rows).toEqual([
      ['incubating', 6, null, 2, 61],
      ['accelerating', 4, 66.7, 1, 89.5],
      ['industrializing', 2, 50, 1, 36],
      ['landed', 1, 50, 1, 30],
      ['paused', null, null, 0, 30],
      ['exited', null, null, 1, null],
    ]);
    expect(d.landing.funnel.map((f) => f.stays)).toEqual([7, 4, 2, 1, 1, 0]);
    expect(d.headline.projects).toBe(6);
    expect(d.headline.landed).toBe(1);
    expect(d.tables.landingByEnclave.rows).toEqual([
      ['新昌（杭州）科创飞地', '杭州', 3, ...stageRow(1, 1, 0, 1, 0, 0)],
      ['新昌（上海）科创中心', '上海', 2, ...stageRow(1, 0, 1, 0, 0, 0)],
      ['新昌（深圳）创新飞地', '深圳', 1, ...stageRow(0, 0, 0, 0, 0, 1)],
    ]);
    expect(d.tables.landingByField.rows).toEqual([
      ['smart_equipment', 3, ...stageRow(1, 0, 1, 1, 0, 0)],
      ['biomedicine', 1, ...stageRow(0, 1, 0, 0, 0, 0)],
      ['electronics', 1, ...stageRow(1, 0, 0, 0, 0, 0)],
      ['new_materials', 1, ...stageRow(0, 0, 0, 0, 0, 1)],
    ]);
    expect(d.enclaves.map((e) => e.city).sort()).toEqual(['上海', '杭州', '深圳'].sort());
  });

  it('an industry field narrows the market and the pipeline', async () => {
    const d = await callerFor(db, bureau.actor).dashboard.overview({ ...PERIOD, field: 'smart_equipment' });
    expect(d.headline.volume).toEqual({ contracts: 2, value: '145.50' }); // C1 + C2
    expect(d.tables.conversion.rows).toEqual([
      ['published', 2, null, null],
      ['bid', 2, 100, 100],
      ['awarded', 2, 100, 100],
      ['completed', 1, 50, 50],
    ]);
    // L1, T1, T2 (C1, C2), L2, T1 (C7 is smart_equipment too), X1 (its own field).
    expect(d.tables.credit.rows).toEqual([
      ['AAA', 0, 1, 1],
      ['AA', 1, 0, 1],
      ['A', 1, 1, 2],
      ['B', 0, 0, 0],
      ['C', 0, 0, 0],
      ['D', 0, 0, 0],
      ['unrated', 1, 0, 1],
    ]);
    // P1 (landed), P3 (incubating), P6 (industrializing).
    expect(d.landing.funnel.map((f) => f.reached)).toEqual([3, 2, 2, 1, null, null]);
    expect(d.landing.funnel.map((f) => f.current)).toEqual(stageRow(1, 0, 1, 1, 0, 0));
  });

  it('an incubator sees the same dashboard over its own enclaves only', async () => {
    const d = await callerFor(db, incubator1.actor).dashboard.overview(PERIOD);
    expect(d.scope).toBe('enclaves');
    expect(d.enclaves.map((e) => e.id).sort()).toEqual([ids.E1, ids.E2].sort());
    // Organisations of E1/E2: I1, T1, T2, T3 (project teams), L1 (P1's enterprise). C5 (X1 → T4) is out;
    // C3 (I2 → T4) is in, linked to P6.
    expect(d.tables.volume.rows).toEqual([
      ['2026-01', 0, '0.00'],
      ['2026-02', 1, '100.00'],
      ['2026-03', 1, '45.50'],
      ['2026-04', 0, '0.00'],
      ['2026-05', 0, '0.00'],
      ['2026-06', 1, '80.00'],
    ]);
    expect(d.headline.volume).toEqual({ contracts: 3, value: '225.50' });
    // Needs owned in scope: N1, N2 (L1).
    expect(d.tables.conversion.rows).toEqual([
      ['published', 2, null, null],
      ['bid', 2, 100, 100],
      ['awarded', 2, 100, 100],
      ['completed', 1, 50, 50],
    ]);
    expect(d.headline.bids).toBe(3);
    expect(d.tables.activeTeams.rows.map((r) => r[1])).toEqual([1, 2, 2, 2, 2, 1]);
    expect(d.tables.credit.rows).toEqual([
      ['AAA', 0, 1, 1],
      ['AA', 1, 0, 1],
      ['A', 0, 1, 1],
      ['B', 0, 1, 1],
      ['C', 0, 0, 0],
      ['D', 0, 0, 0],
      ['unrated', 0, 0, 0],
    ]);
    // P1 P2 P3 P6 P7: reached 5, 3 (P1 P2 P6), 2, 1; incubating stays 28 45 60 61 82 92 → 60.5; accelerating 66 90 122 → 90.
    expect(d.tables.landingFunnel.rows).toEqual([
      ['incubating', 5, null, 2, 60.5],
      ['accelerating', 3, 60, 1, 90],
      ['industrializing', 2, 66.7, 1, 36],
      ['landed', 1, 50, 1, 30],
      ['paused', null, null, 0, 30],
      ['exited', null, null, 0, null],
    ]);
    expect(d.tables.landingByEnclave.rows.map((r) => [r[0], r[2]])).toEqual([
      ['新昌（杭州）科创飞地', 3],
      ['新昌（上海）科创中心', 2],
    ]);
    expect(d.tables.landingByField.rows.map((r) => [r[0], r[1]])).toEqual([
      ['smart_equipment', 3],
      ['biomedicine', 1],
      ['electronics', 1],
    ]);
  });

  it('an incubator without enclaves sees an empty dashboard, not everyone\'s', async () => {
    const newcomer = await insertOrgWithOwner(db, { kind: 'incubator', status: 'verified' });
    const d = await callerFor(db, newcomer.actor).dashboard.overview(PERIOD);
    expect(d.enclaves).toEqual([]);
    expect(d.headline).toEqual({ volume: { contracts: 0, value: '0.00' }, bids: 0, activeTeams: 0, activeTeamsTarget: 100, projects: 0, landed: 0 });
    expect(d.tables.credit.rows.map((r) => r[3])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(d.tables.landingByEnclave.rows).toEqual([]);
  });

  it('the bureau filtered to one enclave sees that enclave', async () => {
    const d = await callerFor(db, bureau.actor).dashboard.overview({ ...PERIOD, enclaveId: ids.E3 });
    // E3: I2, T4 (P4), L2 (P5's team). Feb C5 60.00 (T4), Jun C3 80.00 (I2, T4); C4 and C7 (L2) fall outside.
    expect(d.headline.volume).toEqual({ contracts: 2, value: '140.00' });
    expect(d.tables.landingFunnel.rows.map((r) => r[1])).toEqual([1, 1, 0, 0, null, null]);
    expect(d.tables.landingFunnel.rows.map((r) => r[3])).toEqual(stageRow(0, 0, 0, 0, 0, 1));
  });

  it("another incubator's enclave is NOT_FOUND; other organisations are refused", async () => {
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(await outcome(callerFor(db, incubator2.actor).dashboard.overview({ ...PERIOD, enclaveId: ids.E1 }))).toBe('NOT_FOUND');
    expect(await outcome(callerFor(db, incubator1.actor).dashboard.overview({ ...PERIOD, enclaveId: ids.E3 }))).toBe('NOT_FOUND');
    expect(await outcome(callerFor(db, bureau.actor).dashboard.overview({ ...PERIOD, enclaveId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await outcome(callerFor(db, enterprise.actor).dashboard.overview(PERIOD))).toBe('FORBIDDEN');
    expect(await outcome(callerFor(db, null).dashboard.overview(PERIOD))).toBe('UNAUTHORIZED');
    // Its own enclave: only that enclave's figures (E2: P3, P6).
    const own = await callerFor(db, incubator1.actor).dashboard.overview({ ...PERIOD, enclaveId: ids.E2 });
    expect(own.headline.projects).toBe(2);
  });

  it('refuses a reversed or too long period with a translated error', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string; message?: string }) => `${e.code}:${e.message}`,
      );
    expect(await code(callerFor(db, bureau.actor).dashboard.overview({ from: '2026-06', to: '2026-01' }))).toMatch(/^BAD_REQUEST/);
    expect(await code(callerFor(db, bureau.actor).dashboard.overview({ from: '2020-01', to: '2026-01' }))).toBe('BAD_REQUEST:v.dashboard.periodTooLong');
    expect(await code(callerFor(db, bureau.actor).dashboard.overview({ from: '2026-13' }))).toMatch(/^BAD_REQUEST/);
  });

  it('exports each table as CSV and XLSX, in the caller\'s language, under the same scope', async () => {
    const url = (q: string) => new URL(`http://localhost/api/dashboard/export?from=2026-01&to=2026-06&${q}`);
    const csv = await handleDashboardExport(db, bureau.actor, url('table=conversion&format=csv'), null);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(csv.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toBe('科技局驾驶舱-需求 → 揭榜 → 中标 → 完成-2026-01至2026-06.csv');
    // The file starts with a BOM (Excel reads the Chinese); Response.text() would strip it.
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe(
      '\ufeff环节,需求数,上一环节转化率（%）,发布需求转化率（%）\r\n发布需求,5,,\r\n收到揭榜方案,4,80,80\r\n选定中标方,3,75,60\r\n完成,1,33.3,20\r\n',
    );
    const en = await handleDashboardExport(db, incubator1.actor, url('table=volume&format=csv'), 'NEXT_LOCALE=en');
    expect(Buffer.from(await en.arrayBuffer()).toString('utf8')).toBe(
      '\ufeffMonth,Contracts,Volume (10k CNY)\r\n2026-01,0,0\r\n2026-02,1,100\r\n2026-03,1,45.5\r\n2026-04,0,0\r\n2026-05,0,0\r\n2026-06,1,80\r\n',
    );
    const xlsx = await handleDashboardExport(db, bureau.actor, url('table=landingByField&format=xlsx'), null);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await handleDashboardExport(db, incubator2.actor, url(`table=volume&format=csv&enclave=${ids.E1}`), null)).status).toBe(404);
    expect((await handleDashboardExport(db, enterprise.actor, url('table=volume&format=csv'), null)).status).toBe(403);
    expect((await handleDashboardExport(db, null, url('table=volume&format=csv'), null)).status).toBe(401);
    expect((await handleDashboardExport(db, bureau.actor, url('table=nothing&format=csv'), null)).status).toBe(400);
  });
});
