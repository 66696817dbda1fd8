import { and, count, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import type { Database, Db } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { landingKpiReports, landingProjectEvents, notifications } from '@/db/schema';
import { advanceClock, now, resetClock } from '../clock';
import { insertBureau, outcome } from '../contracts/test-fixtures';
import { callerFor } from '../test/caller';
import { dueDate, plausibilityWarnings, previousQuarter, quarterEnd, quarterOf, quarterStart, sendKpiReminders } from './kpi';
import { landingFixture, type Party } from './test-fixtures';

let database: Database;
let db: Db;
let bureau: Party;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  bureau = await insertBureau(db);
});
afterAll(() => database.close());
afterEach(() => resetClock());

const figures = { investment: 500, employees: 12, revenue: 800, patentsFiled: 2, patentsGranted: 1, tax: 40 };

async function reports(projectId: string) {
  return db.select().from(landingKpiReports).where(eq(landingKpiReports.projectId, projectId));
}

describe('quarters', () => {
  it('are the county’s (UTC+8) and a report is due 15 days after the quarter', () => {
    // 2026-03-31 20:00 UTC is 1 April 04:00 in 新昌: already Q2.
    expect(quarterOf(new Date('2026-03-31T20:00:00Z'))).toEqual({ year: 2026, quarter: 2 });
    expect(quarterOf(new Date('2026-03-31T15:59:59Z'))).toEqual({ year: 2026, quarter: 1 });
    expect(quarterStart({ year: 2026, quarter: 2 }).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(quarterEnd({ year: 2026, quarter: 4 }).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(previousQuarter({ year: 2026, quarter: 1 })).toEqual({ year: 2025, quarter: 4 });
    expect(dueDate({ year: 2026, quarter: 1 })).toBe('2026-04-15');
  });
});

describe('plausibility warnings', () => {
  it('flags revenue falling 90%, revenue ×10, employees ×10 or −80%, tax above revenue, more patents granted than filed', () => {
    const prev = { revenue: 1000, employees: 20 };
    expect(plausibilityWarnings({ ...figures, revenue: 100, tax: 5 }, prev, 5, 0).map((w) => w.key)).toEqual(['revenueDrop']);
    expect(plausibilityWarnings({ ...figures, revenue: 101, tax: 5 }, prev, 5, 0)).toEqual([]);
    expect(plausibilityWarnings({ ...figures, revenue: 10_000 }, prev, 5, 0).map((w) => w.key)).toEqual(['revenueJump']);
    expect(plausibilityWarnings({ ...figures, employees: 200 }, prev, 5, 0).map((w) => w.key)).toEqual(['employeesJump']);
    expect(plausibilityWarnings({ ...figures, employees: 4 }, prev, 5, 0).map((w) => w.key)).toEqual(['employeesDrop']);
    expect(plausibilityWarnings({ ...figures, tax: 900 }, null, 5, 0).map((w) => w.key)).toEqual(['taxAboveRevenue']);
    expect(plausibilityWarnings({ ...figures, patentsFiled: 0, patentsGranted: 3 }, null, 1, 0).map((w) => w.key)).toEqual(['grantedAboveFiled']);
    expect(plausibilityWarnings({ ...figures, revenue: 100, tax: 5 }, prev, 5, 0)[0]?.params).toEqual({ previous: 1000, current: 100, percent: 90 });
  });
});

describe('KPI reports', () => {
  it('stores plausible figures; refuses negative ones; asks to confirm implausible ones and stores nothing until confirmed', async () => {
    const fx = await landingFixture(db, { bureau });
    const team = callerFor(db, fx.team.actor);
    const id = fx.projectId;
    // The project was created in the current quarter: earlier quarters are before it, and none is due.
    expect(await outcome(team.landing.reportKpi({ projectId: id, ...previousQuarter(quarterOf(now())), ...figures }))).toBe('CONFLICT:landing.kpiBeforeProject');
    expect((await team.landing.get({ projectId: id })).kpiDue).toBeNull();
    advanceClock(200 * 24 * 3600 * 1000);
    const now1 = quarterOf(now());
    const last = previousQuarter(now1);
    const prior = previousQuarter(last);
    expect((await team.landing.get({ projectId: id })).kpiDue).toEqual({ ...last, due: dueDate(last) });

    const negative: unknown = await team.landing.reportKpi({ projectId: id, ...prior, ...figures, revenue: -5 }).catch((e: unknown) => e);
    expect(negative).toBeInstanceOf(TRPCError);
    const issues = ((negative as TRPCError).cause as ZodError).issues;
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([['revenue', 'v.landing.nonNegative']]);
    expect(await outcome(team.landing.reportKpi({ projectId: id, ...prior, ...figures, employees: 2.5 }))).toMatch(/^BAD_REQUEST:[\s\S]*v\.landing\.wholeNumber/);
    expect(await reports(id)).toEqual([]);

    expect(await team.landing.reportKpi({ projectId: id, ...prior, ...figures })).toMatchObject({ saved: true, warnings: [] });
    // Revenue falls 95%: a warning, nothing stored.
    const warned = await team.landing.reportKpi({ projectId: id, ...last, ...figures, revenue: 40, tax: 2 });
    expect(warned).toEqual({ saved: false, warnings: [{ key: 'revenueDrop', params: { previous: 800, current: 40, percent: 95 } }] });
    expect((await reports(id)).map((r) => r.quarter)).toEqual([prior.quarter]);
    // Confirmed: stored, with the warning kept on the report.
    expect(await team.landing.reportKpi({ projectId: id, ...last, ...figures, revenue: 40, tax: 2, confirm: true, note: '主要客户订单推迟至下季度。' })).toMatchObject({ saved: true });
    const stored = (await reports(id)).find((r) => r.quarter === last.quarter && r.year === last.year);
    expect(stored).toMatchObject({ revenue: '40.00', warnings: ['revenueDrop'], confirmed: true, note: '主要客户订单推迟至下季度。' });
    // A correction of the same quarter replaces it (one report per quarter), on the timeline as a correction.
    await team.landing.reportKpi({ projectId: id, ...last, ...figures, revenue: 760 });
    expect((await reports(id)).filter((r) => r.quarter === last.quarter && r.year === last.year)).toMatchObject([{ revenue: '760.00', warnings: [], confirmed: false }]);
    const kinds = await db.select({ kind: landingProjectEvents.kind }).from(landingProjectEvents).where(eq(landingProjectEvents.projectId, id));
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['kpiReported', 'kpiCorrected']));

    // A future quarter, the incubator, and an outsider are refused.
    const next = now1.quarter === 4 ? { year: now1.year + 1, quarter: 1 } : { year: now1.year, quarter: now1.quarter + 1 };
    expect(await outcome(team.landing.reportKpi({ projectId: id, ...next, ...figures }))).toBe('CONFLICT:landing.kpiFutureQuarter');
    expect(await outcome(callerFor(db, fx.incubator.actor).landing.reportKpi({ projectId: id, ...prior, ...figures }))).toBe('FORBIDDEN:forbidden');
    const other = await landingFixture(db, { bureau });
    expect(await outcome(callerFor(db, other.team.actor).landing.reportKpi({ projectId: id, ...prior, ...figures }))).toBe('NOT_FOUND:notFound');
    // The local enterprise may report too.
    expect(await callerFor(db, fx.enterprise.actor).landing.reportKpi({ projectId: id, ...now1, ...figures, revenue: 820 })).toMatchObject({ saved: true });
  });

  it('reminds once per project and quarter when a quarter ends unreported — not projects that reported, nor exited ones', async () => {
    const quiet = await landingFixture(db, { bureau });
    const reporting = await landingFixture(db, { bureau });
    const gone = await landingFixture(db, { bureau });
    await callerFor(db, gone.incubator.actor).landing.exit({ projectId: gone.projectId, reason: '团队解散。' });
    // Into the next quarter: the quarter the projects were created in has ended.
    const created = quarterOf(now());
    advanceClock(quarterEnd(created).getTime() - now().getTime() + 3600_000);
    await callerFor(db, reporting.team.actor).landing.reportKpi({ projectId: reporting.projectId, ...created, ...figures });

    const first = await sendKpiReminders(db);
    expect(first).toContain(quiet.projectId);
    expect(first).not.toContain(reporting.projectId);
    expect(first).not.toContain(gone.projectId);
    expect(await sendKpiReminders(db)).not.toContain(quiet.projectId);
    const [told] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, quiet.team.user.id), eq(notifications.kind, 'landing.kpiDue')));
    expect(told?.n).toBe(1);
    const [enterpriseTold] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, quiet.enterprise.user.id), eq(notifications.kind, 'landing.kpiDue')));
    expect(enterpriseTold?.n).toBe(1);
    const page = await callerFor(db, quiet.team.actor).landing.get({ projectId: quiet.projectId });
    expect(page.kpiDue).toEqual({ ...created, due: dueDate(created) });
    expect(page.timeline.map((e) => e.kind)).toContain('kpiReminder');
  });
});
