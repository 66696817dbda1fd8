import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '@/db/client';
import {
  achievements,
  auditLog,
  bidFeedback,
  bidRevisions,
  bids,
  bidScores,
  contractDisputes,
  contractMilestones,
  contractPayments,
  contractRatings,
  contracts,
  enclaves,
  memberships,
  needAnnexOpenings,
  needNdaAcceptances,
  needs,
  notifications,
  orgDisciplines,
  organizations,
  reviewInvitations,
  users,
} from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import type { Actor } from '../actor';
import { authenticate } from '../auth/login';
import { now } from '../clock';
import { callerFor } from '../test/caller';
import { LocalDiskStore, setFileStore } from '../files/storage';
import { creditCodeProblem } from '../orgs/credit-code';
import { cslSample } from './csl';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, seedDemoIfEmpty, type SeedSummary } from './seed';

let database: Database;
let summary: SeedSummary | null;

/** The seed uploads landing projects' evidence: into a temporary store, not the working tree's .data. */
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-uploads-'));

beforeAll(async () => {
  setFileStore(new LocalDiskStore(uploads));
  database = await createTestDatabase();
  summary = await seedDemo(database.db);
}, 180_000);
afterAll(async () => {
  await database.close();
  setFileStore(undefined);
  fs.rmSync(uploads, { recursive: true, force: true });
});

async function orgCount(db: Db, kind: 'enterprise' | 'research_team' | 'incubator' | 'bureau', status: 'pending' | 'verified' | 'rejected') {
  const [row] = await db
    .select({ n: count() })
    .from(organizations)
    .where(and(eq(organizations.kind, kind), eq(organizations.status, status)));
  return row?.n ?? 0;
}

async function snapshot(db: Db) {
  const tables = [users, organizations, memberships, achievements, orgDisciplines, enclaves, notifications, auditLog, needs, bids, bidRevisions, contracts, contractMilestones] as const;
  const out: number[] = [];
  for (const table of tables) {
    const [row] = await db.select({ n: count() }).from(table);
    out.push(row?.n ?? 0);
  }
  return out;
}

describe('seedDemo on a fresh database', () => {
  it('reports what it made', () => {
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
    expect(summary?.counts.needs).toBeGreaterThanOrEqual(60);
    expect(summary?.counts.bids).toBeGreaterThanOrEqual(150);
    expect(summary?.counts.contracts).toBeGreaterThanOrEqual(30);
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

  it('audits what it set up as the system, and each market act as the person who did it', async () => {
    const db = database.db;
    const rows = await db.select().from(auditLog);
    // The system's rows: the foundation's set-up, and the market's system transitions (deadlines, completions).
    const system = rows.filter((r) => r.actorUserId === null);
    expect(system.every((r) => r.actorOrgId === null)).toBe(true);
    const acted = rows.filter((r) => r.actorUserId !== null);
    expect(acted.every((r) => r.actorOrgId !== null)).toBe(true);
    for (const action of ['need.create', 'need.publish', 'bid.submit', 'review.score', 'review.award', 'contract.create', 'milestone.pay', 'dispute.rule', 'rating.give']) {
      expect(acted.some((r) => r.action === action), action).toBe(true);
    }
    expect(system.some((r) => r.action === 'need.deadline')).toBe(true);
    expect(system.some((r) => r.action === 'contract.complete')).toBe(true);
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
  it('seeds the same organisations, codes, people and market on another database, once even when started twice at once', { timeout: 180_000 }, async () => {
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
        needs: await db.select({ title: needs.title, mode: needs.mode, status: needs.status }).from(needs).orderBy(asc(needs.title)),
        bids: await db
          .select({ need: needs.title, team: organizations.name, status: bids.status, price: bidRevisions.price })
          .from(bids)
          .innerJoin(needs, eq(needs.id, bids.needId))
          .innerJoin(organizations, eq(organizations.id, bids.orgId))
          .leftJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
          .orderBy(asc(needs.title), asc(organizations.name)),
        contracts: await db
          .select({ subject: contracts.subject, status: contracts.status, value: contracts.value, provider: organizations.name })
          .from(contracts)
          .innerJoin(organizations, eq(organizations.id, contracts.providerOrgId))
          .orderBy(asc(contracts.subject), asc(organizations.name)),
      });
      expect(await describe(other.db)).toEqual(await describe(database.db));
    } finally {
      await other.close();
    }
  });
});

// ─── The demo market (server/seed/marketplace*.ts) ─────────────────────────────────────────────────

const FIELDS = ['smart_equipment', 'biomedicine', 'new_materials', 'electronics', 'tea_agriculture', 'energy_saving', 'digital_economy', 'other'];
const MODES = ['open', 'jiebang', 'horse_race'];
const NEED_STATES = ['draft', 'published', 'closed', 'evaluating', 'awarded', 'completed', 'cancelled'];
const DAY = 86_400_000;
const cents = (amount: string | number | null) => Math.round(Number(amount ?? 0) * 100);

/** A seeded user as the API sees them once signed in. */
async function actorFor(db: Db, email: string): Promise<Actor> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      org: { id: organizations.id, kind: organizations.kind, status: organizations.status, name: organizations.name },
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`no seeded user ${email}`);
  return { userId: row.userId, sessionId: 'test', name: row.name, org: { ...row.org, role: row.role } };
}

/** The owner of an organisation, by the organisation's name. */
async function ownerNamed(db: Db, orgName: string): Promise<Actor> {
  const [row] = await db
    .select({ email: users.email })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(organizations.name, orgName), eq(memberships.role, 'owner')));
  if (!row?.email) throw new Error(`no owner of ${orgName}`);
  return actorFor(db, row.email);
}

/** The outcome of an API call: 'ok' or the tRPC error code. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'error',
  );

describe('the demo market', () => {
  it('has at least 60 needs across every industry field, mode and state, with Chinese content, budgets and history', async () => {
    const db = database.db;
    const rows = await db.select().from(needs);
    const [bureau] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'bureau'));
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.industryField))).toEqual(new Set(FIELDS));
    expect(new Set(rows.map((r) => r.mode))).toEqual(new Set(MODES));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(NEED_STATES));
    for (const field of FIELDS) expect(rows.filter((r) => r.industryField === field).length, field).toBeGreaterThanOrEqual(4);
    for (const mode of MODES) expect(new Set(rows.filter((r) => r.mode === mode).map((r) => r.status)).size, mode).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.filter((r) => r.mode === 'jiebang').map((r) => r.status))).toEqual(new Set(NEED_STATES));
    expect(new Set(rows.map((r) => r.ipTerms))).toEqual(new Set(['enterprise', 'team', 'shared']));

    // 揭榜挂帅 lists published by the bureau, with bounties; every other need a budget range in 万元.
    const lists = rows.filter((r) => r.ownerOrgId === bureau?.id);
    expect(lists.length).toBeGreaterThanOrEqual(6);
    expect(lists.every((r) => r.mode === 'jiebang' && Number(r.bounty) > 0)).toBe(true);
    expect(new Set(lists.map((r) => r.status)).size).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      if (r.mode === 'jiebang') expect(Number(r.bounty), r.title).toBeGreaterThan(0);
      else expect(Number(r.budgetMin) > 0 && Number(r.budgetMin) <= Number(r.budgetMax), r.title).toBe(true);
      expect(r.title).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(r.description).toContain('## 技术难点');
      expect(r.keywords.length).toBeGreaterThanOrEqual(3);
      expect(r.expectedResults.length).toBeGreaterThan(4);
      expect(r.disciplines.length).toBeGreaterThanOrEqual(1);
    }
    expect(rows.filter((r) => r.mode === 'horse_race').every((r) => r.awardCount >= 2)).toBe(true);

    // Published needs take bids now; the others' deadlines passed at their dates, months of history behind them.
    const at = now().getTime();
    for (const r of rows.filter((n) => n.status === 'published')) expect(r.bidDeadline?.getTime() ?? 0, r.title).toBeGreaterThan(at);
    for (const r of rows.filter((n) => ['closed', 'evaluating', 'awarded', 'completed'].includes(n.status))) {
      expect(r.publishedAt && r.closedAt && r.publishedAt < r.closedAt && r.closedAt.getTime() < at, r.title).toBe(true);
    }
    expect(rows.filter((r) => r.status === 'draft').every((r) => r.publishedAt === null)).toBe(true);
    expect(rows.filter((r) => r.status === 'cancelled').every((r) => r.cancelReason && r.cancelledAt)).toBe(true);
    const oldest = Math.min(...rows.map((r) => r.publishedAt?.getTime() ?? at));
    expect(at - oldest).toBeGreaterThan(200 * DAY);

    // Anonymous summaries, confidential annexes behind an NDA: accepted, opened, and the openings logged.
    expect(rows.filter((r) => r.anonymous && r.publishedAt).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.annexText && r.ndaText).length).toBeGreaterThanOrEqual(6);
    const [ndas] = await db.select({ n: count() }).from(needNdaAcceptances);
    const [openings] = await db.select({ n: count() }).from(needAnnexOpenings);
    expect(ndas?.n).toBeGreaterThanOrEqual(10);
    expect(openings?.n).toBeGreaterThanOrEqual(10);
  });

  it('has 150+ bids of the seeded research teams in every bid state, whose milestones sum to their price', async () => {
    const db = database.db;
    const rows = await db
      .select({ status: bids.status, kind: organizations.kind, orgStatus: organizations.status })
      .from(bids)
      .innerJoin(organizations, eq(organizations.id, bids.orgId));
    expect(rows.filter((r) => r.status !== 'draft').length).toBeGreaterThanOrEqual(150);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'revised', 'withdrawn', 'awarded', 'not_awarded', 'need_cancelled']));
    expect(rows.every((r) => r.kind === 'research_team')).toBe(true);
    // A pending team may only prepare drafts.
    expect(rows.filter((r) => r.orgStatus === 'pending').every((r) => r.status === 'draft')).toBe(true);

    const revisions = await db
      .select({ revision: bidRevisions, mode: needs.mode, bounty: needs.bounty })
      .from(bidRevisions)
      .innerJoin(bids, eq(bids.id, bidRevisions.bidId))
      .innerJoin(needs, eq(needs.id, bids.needId))
      .where(isNotNull(bidRevisions.submittedAt));
    expect(revisions.length).toBeGreaterThan(rows.filter((r) => r.status !== 'draft').length);
    for (const { revision, mode, bounty } of revisions) {
      expect(revision.milestones.reduce((sum, m) => sum + cents(m.amount), 0), revision.id).toBe(cents(revision.price));
      expect(cents(revision.price)).toBeGreaterThan(0);
      if (mode === 'jiebang') expect(cents(revision.price)).toBe(cents(bounty));
      expect(revision.approach).toContain('## 技术路线');
      expect(revision.teamMembers.length).toBeGreaterThanOrEqual(2);
      const dues = revision.milestones.map((m) => m.dueDate);
      expect([...dues].sort()).toEqual(dues);
    }
    expect(revisions.some((r) => r.revision.number === 2)).toBe(true);
    expect(revisions.some((r) => r.revision.achievementIds.length > 0)).toBe(true);
  });

  it('answers every bid not awarded with coded feedback; decided needs have no bid left waiting', async () => {
    const db = database.db;
    const losers = await db
      .select({ id: bids.id, code: bidFeedback.code, text: bidFeedback.text })
      .from(bids)
      .leftJoin(bidFeedback, eq(bidFeedback.bidId, bids.id))
      .where(eq(bids.status, 'not_awarded'));
    expect(losers.length).toBeGreaterThanOrEqual(40);
    for (const l of losers) {
      expect(l.code, l.id).not.toBeNull();
      expect(l.text?.length ?? 0).toBeGreaterThan(8);
    }
    expect(new Set(losers.map((l) => l.code)).size).toBeGreaterThanOrEqual(4);
    expect(losers.some((l) => l.code === 'budget')).toBe(true);

    const decided = await db
      .select({ id: needs.id, mode: needs.mode, awardCount: needs.awardCount })
      .from(needs)
      .where(sql`${needs.status} in ('awarded', 'completed')`);
    expect(decided.length).toBeGreaterThanOrEqual(25);
    // A cancelled need leaves no bid in competition either: its bids ended with it.
    const cancelledNeeds = await db.select({ status: bids.status }).from(bids).innerJoin(needs, eq(needs.id, bids.needId)).where(eq(needs.status, 'cancelled'));
    expect(cancelledNeeds.some((b) => b.status === 'need_cancelled')).toBe(true);
    expect(cancelledNeeds.filter((b) => b.status === 'submitted' || b.status === 'revised')).toEqual([]);
    for (const need of decided) {
      const mine = await db.select({ id: bids.id, status: bids.status }).from(bids).where(eq(bids.needId, need.id));
      expect(mine.filter((b) => b.status === 'submitted' || b.status === 'revised'), need.id).toEqual([]);
      const won = mine.filter((b) => b.status === 'awarded');
      const made = await db.select({ bidId: contracts.bidId }).from(contracts).where(eq(contracts.needId, need.id));
      expect(made.map((c) => c.bidId).sort()).toEqual(won.map((b) => b.id).sort());
      if (need.mode === 'horse_race') expect(won.length >= 2 && won.length <= need.awardCount).toBe(true);
      else expect(won).toHaveLength(1);
    }
  });

  it('has reviewers who declared conflicts of interest before scoring on the need’s rubric', async () => {
    const db = database.db;
    const invitations = await db.select().from(reviewInvitations);
    expect(new Set(invitations.map((i) => i.coiStatus))).toEqual(new Set(['pending', 'none', 'conflict']));
    expect(invitations.filter((i) => i.coiStatus === 'conflict').every((i) => (i.coiText ?? '').length > 10)).toBe(true);
    const scores = await db
      .select({ score: bidScores, coi: reviewInvitations.coiStatus, declaredAt: reviewInvitations.coiDeclaredAt, rubric: needs.rubric })
      .from(bidScores)
      .innerJoin(reviewInvitations, eq(reviewInvitations.id, bidScores.invitationId))
      .innerJoin(needs, eq(needs.id, bidScores.needId));
    expect(scores.length).toBeGreaterThanOrEqual(50);
    for (const { score, coi, declaredAt, rubric } of scores) {
      expect(coi).toBe('none');
      expect(declaredAt && declaredAt < score.createdAt).toBe(true);
      expect(Object.keys(score.scores).sort()).toEqual(rubric.map((c) => c.key).sort());
      const sum = Object.values(score.scores).reduce((a, b) => a + b, 0);
      expect(Math.round(sum * 10)).toBe(Math.round(Number(score.total) * 10));
      for (const c of rubric) expect(score.scores[c.key] ?? -1).toBeLessThanOrEqual(c.weight);
    }
    const evaluating = await db.select({ id: needs.id }).from(needs).where(eq(needs.status, 'evaluating'));
    for (const need of evaluating) expect(scores.some((s) => s.score.needId === need.id), need.id).toBe(true);
  });

  it('has 30+ contracts in every contract and milestone state, holding the awarded bid’s milestones, with payments and rulings', async () => {
    const db = database.db;
    const rows = await db
      .select({ contract: contracts, price: bidRevisions.price, mode: needs.mode })
      .from(contracts)
      .innerJoin(bids, eq(bids.id, contracts.bidId))
      .innerJoin(bidRevisions, eq(bidRevisions.id, bids.currentRevisionId))
      .innerJoin(needs, eq(needs.id, contracts.needId));
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((r) => r.contract.status))).toEqual(new Set(['active', 'disputed', 'completed', 'terminated', 'stage_closed']));
    expect(new Set(rows.map((r) => r.contract.fundingMode))).toEqual(new Set(['milestone', 'lump_sum']));
    const milestones = await db.select().from(contractMilestones);
    expect(new Set(milestones.map((m) => m.status))).toEqual(new Set(['pending', 'submitted', 'rejected', 'escalated', 'accepted', 'paid']));
    const payments = await db.select().from(contractPayments);
    const at = now().getTime();
    for (const { contract, price, mode } of rows) {
      const own = milestones.filter((m) => m.contractId === contract.id);
      expect(own.reduce((s, m) => s + cents(m.amount), 0), contract.subject).toBe(cents(contract.value));
      expect(cents(contract.value)).toBe(cents(price));
      if (contract.status === 'completed') expect(own.every((m) => m.status === 'paid') && contract.endedAt !== null).toBe(true);
      if (contract.status === 'stage_closed') expect(mode).toBe('horse_race');
      expect(contract.signedAt.getTime()).toBeLessThan(at);
    }
    const paid = milestones.filter((m) => m.status === 'paid');
    expect(payments.map((p) => p.milestoneId).sort()).toEqual(paid.map((m) => m.id).sort());
    for (const p of payments) expect(p.amount).toBe(paid.find((m) => m.id === p.milestoneId)?.amount);
    // Completions months ago and within the last fortnight.
    const ends = rows.filter((r) => r.contract.status === 'completed').map((r) => at - (r.contract.endedAt?.getTime() ?? at));
    expect(ends.some((d) => d > 60 * DAY)).toBe(true);
    expect(ends.some((d) => d < 14 * DAY)).toBe(true);

    const disputes = await db.select().from(contractDisputes);
    expect(new Set(disputes.map((d) => d.status))).toEqual(new Set(['open', 'ruled']));
    expect(new Set(disputes.map((d) => d.kind))).toEqual(new Set(['dispute', 'escalation']));
    for (const d of disputes.filter((x) => x.status === 'ruled')) expect(d.rulingReason && d.rulingAgainst && d.rulingOutcome && d.ruledAt).toBeTruthy();
    expect(disputes.some((d) => d.rulingOutcome === 'terminate')).toBe(true);
    expect(disputes.some((d) => d.rulingOutcome === 'continue')).toBe(true);
    for (const { contract } of rows.filter((r) => r.contract.status === 'disputed')) {
      expect(disputes.some((d) => d.contractId === contract.id && d.status === 'open')).toBe(true);
    }
    for (const m of milestones.filter((x) => x.status === 'escalated')) {
      expect(disputes.some((d) => d.milestoneId === m.id && d.kind === 'escalation' && d.status === 'open')).toBe(true);
    }
  });

  it('keeps ratings double-blind through the API: some revealed, some still hidden from the rated side', async () => {
    const db = database.db;
    const ratings = await db.select().from(contractRatings);
    expect(ratings.length).toBeGreaterThanOrEqual(15);
    const at = now().getTime();
    const seen = { revealed: 0, hidden: 0 };
    for (const rating of ratings) {
      const [contract] = await db.select().from(contracts).where(eq(contracts.id, rating.contractId));
      const [rated] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, rating.ratedOrgId));
      if (!contract || !rated) throw new Error('rating without its contract');
      const view = await callerFor(db, await ownerNamed(db, rated.name)).contracts.get({ id: contract.id });
      const slot = view.ratings[rating.raterSide];
      const bothRated = ratings.filter((r) => r.contractId === contract.id).length === 2;
      const timeUp = at >= (contract.endedAt?.getTime() ?? at) + 14 * DAY;
      expect(slot.state, contract.subject).toBe(bothRated || timeUp ? 'revealed' : 'hidden');
      if (slot.state === 'revealed') {
        seen.revealed++;
        // The private "would contract again" never reaches the rated side.
        expect(slot.rating).not.toHaveProperty('wouldContractAgain');
      } else seen.hidden++;
    }
    expect(seen.revealed).toBeGreaterThan(5);
    expect(seen.hidden).toBeGreaterThan(0);
    expect(ratings.some((r) => at - r.createdAt.getTime() > 14 * DAY)).toBe(true);
  });

  it('shows no team another team’s bid through the API: not by id, not in any list', { timeout: 180_000 }, async () => {
    const db = database.db;
    const all = await db
      .select({ id: bids.id, needId: bids.needId, orgId: bids.orgId, status: bids.status, mode: needs.mode, deadline: needs.bidDeadline })
      .from(bids)
      .innerJoin(needs, eq(needs.id, bids.needId));
    const needIds = (await db.select({ id: needs.id }).from(needs).where(isNotNull(needs.publishedAt))).map((n) => n.id);
    const at = now().getTime();
    let asReviewer = 0;
    const teams = [
      await actorFor(db, 'team@demo.kechuang.cn'),
      await ownerNamed(db, '数控装备可靠性与精密检测团队'),
      await ownerNamed(db, '低功耗集成电路设计团队'),
    ];
    for (const actor of teams) {
      const api = callerFor(db, actor);
      const orgId = actor.org?.id;
      // An invited reviewer who declared no conflict, whose team did not bid, reads the need's bids once bidding is over.
      const reviews = await db
        .select({ needId: reviewInvitations.needId })
        .from(reviewInvitations)
        .where(and(eq(reviewInvitations.reviewerUserId, actor.userId), eq(reviewInvitations.coiStatus, 'none')));
      const reviewing = new Set(
        reviews.map((r) => r.needId).filter((needId) => !all.some((b) => b.needId === needId && b.orgId === orgId)),
      );
      for (const bid of all) {
        const sealed = bid.mode === 'jiebang' && (bid.deadline?.getTime() ?? 0) > at;
        const reviewer = reviewing.has(bid.needId) && !sealed && ['submitted', 'revised', 'awarded', 'not_awarded', 'need_cancelled'].includes(bid.status);
        if (reviewer && bid.orgId !== orgId) asReviewer++;
        expect(await outcome(api.bids.get({ bidId: bid.id })), `${actor.name} → ${bid.id}`).toBe(bid.orgId === orgId || reviewer ? 'ok' : 'NOT_FOUND');
      }
      for (const needId of needIds) expect(await outcome(api.bids.listForNeed({ needId }))).toBe('NOT_FOUND');
      const own = new Set(all.filter((b) => b.orgId === orgId).map((b) => b.id));
      const listed = await api.bids.listMine({ limit: 100, offset: 0 });
      expect(listed.items.length).toBe(own.size);
      expect(listed.items.every((b) => own.has(b.id))).toBe(true);
    }
    // The reviewer path was exercised too: a reviewer reads the bids of needs it reviews, and nothing else.
    expect(asReviewer).toBeGreaterThan(0);
  });

  it('leaves each demo login something waiting in its inbox, news on its bell and a visible history', async () => {
    const db = database.db;
    const expected: Record<string, string[]> = {
      'enterprise@demo.kechuang.cn': ['need.evaluate', 'milestone.review', 'payment.due', 'rating.give'],
      'team@demo.kechuang.cn': ['milestone.deliver', 'milestone.escalate', 'rating.give', 'review.declareCoi'],
      'bureau@demo.kechuang.cn': ['dispute.rule', 'milestone.review', 'need.evaluate', 'review.score', 'org.verify'],
      'pharma@demo.kechuang.cn': ['need.evaluate', 'payment.due'],
      'tea@demo.kechuang.cn': ['need.evaluate', 'milestone.review'],
      'lab@demo.kechuang.cn': ['milestone.deliver'],
      'incubator@demo.kechuang.cn': ['milestone.review'],
      'engineer@demo.kechuang.cn': ['review.declareCoi'],
    };
    for (const [email, kinds] of Object.entries(expected)) {
      const actor = await actorFor(db, email);
      const { items } = await callerFor(db, actor).inbox.list();
      expect(items.map((i) => i.kind), email).toEqual(expect.arrayContaining(kinds));
    }
    // The last week's news unread on the bell, older news read.
    for (const email of ['enterprise@demo.kechuang.cn', 'team@demo.kechuang.cn', 'bureau@demo.kechuang.cn']) {
      const actor = await actorFor(db, email);
      const bell = await db.select({ readAt: notifications.readAt, kind: notifications.kind }).from(notifications).where(eq(notifications.userId, actor.userId));
      const market = bell.filter((n) => !/^(org|bureau|account)\./.test(n.kind));
      expect(market.some((n) => n.readAt === null), email).toBe(true);
      expect(market.some((n) => n.readAt !== null), email).toBe(true);
      const history = await callerFor(db, actor).contracts.list({ cursor: 0, limit: 100 });
      expect(new Set(history.items.map((c) => c.status)).size, email).toBeGreaterThanOrEqual(2);
    }
    const enterprise = callerFor(db, await actorFor(db, 'enterprise@demo.kechuang.cn'));
    const own = await enterprise.needs.listMine({ limit: 100, offset: 0 });
    expect(new Set(own.items.map((n) => n.status)).size).toBeGreaterThanOrEqual(5);
    const team = callerFor(db, await actorFor(db, 'team@demo.kechuang.cn'));
    const bidsOfTeam = await team.bids.listMine({ limit: 100, offset: 0 });
    expect(bidsOfTeam.items.map((b) => b.status)).toEqual(expect.arrayContaining(['submitted', 'awarded', 'not_awarded']));
  });
});

describe('the seed’s replayed clock', () => {
  it('is used by the seed alone: nothing else imports it', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (['node_modules', '.next', '.data', '.git'].includes(entry.name) || entry.name.startsWith('.next')) continue;
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && fs.readFileSync(file, 'utf8').includes('replayHistory')) {
          offenders.push(path.relative(process.cwd(), file).split(path.sep).join('/'));
        }
      }
    };
    for (const dir of ['app', 'server', 'db', 'scripts', 'bench', 'e2e']) if (fs.existsSync(dir)) walk(dir);
    expect(offenders.sort()).toEqual(['server/clock.ts', 'server/seed/marketplace-timeline.ts', 'server/seed/seed.test.ts']);
  });

  it('leaves the domain clock real once the seed is done', () => {
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });
});
