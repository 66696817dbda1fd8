import fs from 'node:fs';
import path from 'node:path';
import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import { achievements, auditLog, enclaves, memberships, notifications, orgDisciplines, organizations, users } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import { authenticate } from '../auth/login';
import { creditCodeProblem } from '../orgs/credit-code';
import { cslSample } from './csl';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, seedDemoIfEmpty, type SeedSummary } from './seed';

let database: Database;
let summary: SeedSummary | null;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database.db);
});
afterAll(async () => {
  await database.close();
});

async function orgCount(db: Db, kind: 'enterprise' | 'research_team' | 'incubator' | 'bureau', status: 'pending' | 'verified' | 'rejected') {
  const [row] = await db
    .select({ n: count() })
    .from(organizations)
    .where(and(eq(organizations.kind, kind), eq(organizations.status, status)));
  return row?.n ?? 0;
}

async function snapshot(db: Db) {
  const tables = [users, organizations, memberships, achievements, orgDisciplines, enclaves, notifications, auditLog] as const;
  const out: number[] = [];
  for (const table of tables) {
    const [row] = await db.select({ n: count() }).from(table);
    out.push(row?.n ?? 0);
  }
  return out;
}

describe('seedDemo on a fresh database', () => {
  it('seeds quickly and reports what it made', () => {
    expect(summary).not.toBeNull();
    expect(summary?.organizations).toEqual({
      'bureau.verified': 1,
      'enterprise.verified': 12,
      'incubator.verified': 3,
      'research_team.verified': 25,
      'research_team.pending': 1,
      'enterprise.pending': 2,
      'enterprise.rejected': 1,
    });
    expect(summary?.counts).toMatchObject({ researchTeams: 26, enclaves: 3 });
    // One argon2 hash and a few dozen multi-row statements; the budget is 5 s on PGlite.
    expect(summary?.ms).toBeLessThan(5_000);
  });

  it('has the bureau, 12 enterprises, 26 research teams, 3 incubators and the review queue', async () => {
    const db = database.db;
    expect(await orgCount(db, 'bureau', 'verified')).toBe(1);
    expect(await orgCount(db, 'enterprise', 'verified')).toBe(12);
    expect(await orgCount(db, 'research_team', 'verified')).toBe(25);
    expect(await orgCount(db, 'incubator', 'verified')).toBe(3);
    expect((await orgCount(db, 'enterprise', 'pending')) + (await orgCount(db, 'research_team', 'pending'))).toBe(3);
    const rejected = await db.select().from(organizations).where(eq(organizations.status, 'rejected'));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.rejectionReason).toMatch(/统一社会信用代码/);

    const [bureau] = await db.select().from(organizations).where(eq(organizations.kind, 'bureau'));
    expect(bureau?.name).toBe('新昌县科学技术局');

    const fields = await db.selectDistinct({ f: organizations.industryField }).from(organizations).where(eq(organizations.kind, 'enterprise'));
    expect(fields.map((f) => f.f).sort()).toEqual(
      ['biomedicine', 'digital_economy', 'electronics', 'energy_saving', 'new_materials', 'smart_equipment', 'tea_agriculture'].sort(),
    );
  });

  it('gives every organisation a valid 统一社会信用代码: 新昌 enterprises, "12" host institutions, shared per institution', async () => {
    const orgs = await database.db.select().from(organizations);
    for (const org of orgs) expect(creditCodeProblem(org.creditCode), `${org.name} ${org.creditCode}`).toBeNull();
    const enterprises = orgs.filter((o) => o.kind === 'enterprise');
    for (const e of enterprises) expect(e.creditCode.slice(2, 8)).toBe('330624');
    const ownCodes = orgs.filter((o) => o.kind === 'enterprise' || o.kind === 'incubator').map((o) => o.creditCode);
    expect(new Set(ownCodes).size).toBe(ownCodes.length);
    const teams = orgs.filter((o) => o.kind === 'research_team');
    for (const t of teams) expect(t.creditCode.startsWith('12')).toBe(true);
    const byHost = new Map<string, Set<string>>();
    for (const t of teams) byHost.set(t.hostInstitution ?? '', (byHost.get(t.hostInstitution ?? '') ?? new Set()).add(t.creditCode));
    for (const [host, codes] of byHost) expect(codes.size, host).toBe(1);
    expect(byHost.has('浙江大学')).toBe(true);
    expect(byHost.has('中国科学院宁波材料技术与工程研究所')).toBe(true);
  });

  it('gives research teams real CSL abstracts, disciplines from the catalogue and keywords', async () => {
    const db = database.db;
    const rows = await db
      .select({ orgId: achievements.orgId, title: achievements.title, abstract: achievements.abstract, kind: achievements.kind, year: achievements.year })
      .from(achievements);
    const published = new Map<string, string>();
    for (const record of cslSample().values()) for (const a of record.achievements) published.set(a.title, a.abstract ?? '');
    expect(rows.length).toBe(summary?.counts.achievements);
    expect(rows.length).toBeGreaterThanOrEqual(90);
    for (const row of rows) {
      expect(published.get(row.title)?.trim(), row.title).toBe(row.abstract);
      expect(row.abstract.length).toBeGreaterThan(20);
      expect(row.kind).toBe('paper');
      expect(row.year).toBeGreaterThan(2000);
    }
    expect(rows.some((r) => r.abstract.includes('滚动轴承'))).toBe(true);

    const teams = await db.select().from(organizations).where(eq(organizations.kind, 'research_team'));
    const withPapers = new Set(rows.map((r) => r.orgId));
    const disciplines = await db.select().from(orgDisciplines);
    for (const team of teams) {
      expect(withPapers.has(team.id), team.name).toBe(true);
      expect(disciplines.some((d) => d.orgId === team.id)).toBe(true);
      expect(team.keywords.length).toBeGreaterThanOrEqual(3);
      expect(team.hostInstitution).toBeTruthy();
    }
    expect(disciplines.map((d) => d.disciplineCode)).toEqual(expect.arrayContaining(['0802', '0805', '1007', '0832']));
  });

  it('has three enclaves in 杭州, 上海, 深圳, each run by an incubator', async () => {
    const rows = await database.db
      .select({ name: enclaves.name, city: enclaves.city, kind: organizations.kind })
      .from(enclaves)
      .innerJoin(organizations, eq(organizations.id, enclaves.incubatorOrgId))
      .orderBy(asc(enclaves.city));
    expect(rows.map((r) => r.city).sort()).toEqual(['上海', '杭州', '深圳'].sort());
    expect(rows.every((r) => r.kind === 'incubator')).toBe(true);
    expect(rows.map((r) => r.name)).toContain('新昌（杭州）科创飞地');
  });

  it('gives every organisation an owner, and several people with admin and member roles', async () => {
    const db = database.db;
    const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
    const members = await db.select().from(memberships);
    for (const org of orgs) expect(members.some((m) => m.orgId === org.id && m.role === 'owner'), org.name).toBe(true);
    expect(members.filter((m) => m.role === 'admin').length).toBeGreaterThanOrEqual(30);
    expect(members.filter((m) => m.role === 'member').length).toBeGreaterThanOrEqual(20);
    const emails = await db.select({ email: users.email }).from(users);
    expect(emails.every((e) => e.email?.endsWith('@demo.kechuang.cn'))).toBe(true);
  });

  it('lets every demo login sign in with the demo password, in the organisation and role the README says', async () => {
    for (const login of DEMO_LOGINS) {
      const result = await authenticate(database.db, { email: login.email, password: DEMO_PASSWORD });
      expect(result.ok, login.email).toBe(true);
      const [row] = await database.db
        .select({ role: memberships.role, org: organizations.name, name: users.name })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .where(eq(users.email, login.email));
      expect(row, login.email).toEqual({ role: login.role, org: login.org, name: login.name });
    }
    expect((await authenticate(database.db, { email: 'bureau@demo.kechuang.cn', password: 'wrong-password1' })).ok).toBe(false);
  });

  it('lists every demo login in the README', () => {
    const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    expect(readme).toContain(DEMO_PASSWORD);
    for (const login of DEMO_LOGINS) expect(readme, login.email).toContain(login.email);
  });

  it('leaves notifications: the bureau about pending applications, the rejected applicant about the reason', async () => {
    const db = database.db;
    const rows = await db
      .select({ kind: notifications.kind, email: users.email, payload: notifications.payload, readAt: notifications.readAt })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId));
    const bureauPending = rows.filter((r) => r.email === 'bureau@demo.kechuang.cn' && r.kind === 'bureau.orgPending');
    expect(bureauPending).toHaveLength(3);
    expect(bureauPending.every((r) => r.readAt === null)).toBe(true);
    const rejected = rows.find((r) => r.email === 'rejected@demo.kechuang.cn');
    expect(rejected?.kind).toBe('org.rejected');
    expect(String(rejected?.payload.reason)).toMatch(/统一社会信用代码/);
    expect(rows.some((r) => r.email === 'enterprise@demo.kechuang.cn' && r.kind === 'org.memberJoined')).toBe(true);
  });

  it('audits what it did as the system', async () => {
    const db = database.db;
    const rows = await db.select().from(auditLog);
    expect(rows.every((r) => r.actorUserId === null && r.actorOrgId === null)).toBe(true);
    const actions = (name: string) => rows.filter((r) => r.action === name).length;
    expect(actions('org.import')).toBe(26);
    expect(actions('org.create')).toBe(1 + 12 + 3 + 3);
    expect(actions('org.reject')).toBe(1);
    expect(actions('enclave.create')).toBe(3);
    const [people] = await db.select({ n: count() }).from(memberships);
    expect(actions('member.add')).toBe(people?.n);
    expect(actions('seed.demo')).toBe(1);
    expect(rows.length).toBe(summary?.auditRows);
    const [withOrg] = await db.select({ n: count() }).from(auditLog).where(isNotNull(auditLog.orgId));
    expect(withOrg?.n).toBe(rows.length - 1);
  });

  it('does nothing when called again', async () => {
    const before = await snapshot(database.db);
    expect(await seedDemo(database.db)).toBeNull();
    expect(await seedDemoIfEmpty(database.db)).toBe(false);
    expect(await snapshot(database.db)).toEqual(before);
  });
});

describe('seedDemo determinism and concurrency', () => {
  it('seeds the same organisations, codes and people on another database, once even when started twice at once', async () => {
    const other = await createTestDatabase();
    try {
      const results = await Promise.all([seedDemo(other.db), seedDemo(other.db)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      const describe = async (db: Db) => ({
        orgs: await db
          .select({ name: organizations.name, code: organizations.creditCode, status: organizations.status })
          .from(organizations)
          .orderBy(asc(organizations.name)),
        users: await db.select({ email: users.email, name: users.name, title: users.title }).from(users).orderBy(asc(users.email)),
      });
      expect(await describe(other.db)).toEqual(await describe(database.db));
    } finally {
      await other.close();
    }
  });
});
