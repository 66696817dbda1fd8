import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { enclaves, landingGateSubmissions, landingKpiReports, landingProjects, memberships, organizations, users } from '@/db/schema';
import type { Actor } from '../actor';
import { LocalDiskStore, setFileStore } from '../files/storage';
import { callerFor } from '../test/caller';
import { DEMO, seedDemo, type SeedSummary } from './seed';

let database: Database;
let summary: SeedSummary | null;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-landing-'));
  setFileStore(new LocalDiskStore(root));
  database = await createTestDatabase();
  summary = await seedDemo(database.db);
}, 240_000);
afterAll(async () => {
  setFileStore(undefined);
  fs.rmSync(root, { recursive: true, force: true });
  await database.close();
});

async function demoActor(email: string): Promise<Actor> {
  const [row] = await database.db
    .select({ userId: users.id, name: users.name, role: memberships.role, org: { id: organizations.id, kind: organizations.kind, status: organizations.status, name: organizations.name } })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`no demo user ${email}`);
  return { userId: row.userId, sessionId: 'test', name: row.name, org: { ...row.org, role: row.role } };
}

describe('landing demo data', () => {
  it('has 32 projects in the three enclaves at every stage, with gate histories and four quarters of KPI reports', async () => {
    console.log(`[seed] ${summary?.ms} ms, counts ${JSON.stringify(summary?.counts)}`);
    const db = database.db;
    const byStage = await db.select({ stage: landingProjects.stage, n: count() }).from(landingProjects).groupBy(landingProjects.stage);
    const stages = Object.fromEntries(byStage.map((r) => [r.stage, r.n]));
    expect(stages).toEqual({ incubating: 9, accelerating: 8, industrializing: 5, landed: 5, paused: 3, exited: 2 });
    const byCity = await db.select({ city: enclaves.city, n: count() }).from(landingProjects).innerJoin(enclaves, eq(enclaves.id, landingProjects.enclaveId)).groupBy(enclaves.city);
    expect(Object.fromEntries(byCity.map((r) => [r.city, r.n]))).toEqual({ 杭州: 14, 上海: 10, 深圳: 8 });
    const quarters = await db.select({ q: sql<number>`count(distinct (${landingKpiReports.year} * 4 + ${landingKpiReports.quarter}))`.mapWith(Number) }).from(landingKpiReports);
    expect(quarters[0]?.q).toBe(4);
    const flagged = await db.select().from(landingKpiReports).where(eq(landingKpiReports.confirmed, true));
    expect(flagged.map((r) => r.warnings)).toEqual([['revenueDrop']]);
    const statuses = await db.select({ status: landingGateSubmissions.status, n: count() }).from(landingGateSubmissions).groupBy(landingGateSubmissions.status);
    expect(Object.keys(Object.fromEntries(statuses.map((s) => [s.status, s.n]))).sort()).toEqual(['approved', 'sent_back', 'signed_off', 'submitted']);
  });

  it('gives the demo incubator its own projects and a review queue, and the bureau gates to sign off', async () => {
    const incubator = callerFor(database.db, await demoActor(DEMO.incubator.email));
    const mine = await incubator.landing.list({});
    expect(mine.items).toHaveLength(14);
    expect(mine.items.every((p) => p.city === '杭州')).toBe(true);
    expect((await incubator.landing.reviewQueue()).length).toBeGreaterThan(0);
    const bureau = callerFor(database.db, await demoActor(DEMO.bureau.email));
    expect((await bureau.landing.reviewQueue()).length).toBeGreaterThan(0);
    const team = callerFor(database.db, await demoActor(DEMO.team.email));
    const own = (await team.landing.list({})).items.find((p) => p.name === '高精度轴承在线检测装备');
    expect(own?.stage).toBe('landed');
    const page = await team.landing.get({ projectId: own?.id ?? '' });
    expect(page.kpis.length).toBeGreaterThanOrEqual(4);
    expect(page.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'gateSubmitted', 'gateApproved', 'gateSignedOff', 'stageEntered', 'kpiReported']));
  });
});
