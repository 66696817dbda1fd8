import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { landingKpiReminders, landingKpiReports, landingProjects } from '@/db/schema';
import type { MemberActor } from '../actor';
import { now } from '../clock';
import { managersOf } from '../contracts/shared';
import { conflict } from '../errors';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import type { KpiFigures, ReportKpiInput } from './inputs';
import { auditProject, authorise, loadProject, projectLink, recordEvent } from './shared';
import { DAY_MS, KPI_DUE_DAYS } from './states';

/**
 * 季度 KPI reports (SPEC §8). Figures are checked against the project's previous quarter: an implausible one
 * (revenue falling 90% in a quarter, employees ×10 …) comes back as a warning and nothing is stored until the
 * reporter confirms; confirmed warnings stay on the report for the incubator and the bureau to see. Negative
 * numbers never get here (inputs.ts refuses them).
 */

/** Quarters are the county's (China Standard Time, UTC+8): a report for Q1 covers 1 Jan – 31 Mar in 新昌. */
const CST_MS = 8 * 3600 * 1000;

export interface Quarter {
  year: number;
  quarter: number;
}

export function quarterOf(at: Date): Quarter {
  const d = new Date(at.getTime() + CST_MS);
  return { year: d.getUTCFullYear(), quarter: Math.floor(d.getUTCMonth() / 3) + 1 };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: q.quarter - 1 };
}

/** The instant a quarter starts (00:00 CST of its first day). */
export function quarterStart(q: Quarter): Date {
  return new Date(Date.UTC(q.year, (q.quarter - 1) * 3, 1) - CST_MS);
}

export function quarterEnd(q: Quarter): Date {
  return q.quarter === 4 ? quarterStart({ year: q.year + 1, quarter: 1 }) : quarterStart({ year: q.year, quarter: q.quarter + 1 });
}

/** The last day a quarter's report is due (YYYY-MM-DD, county time). */
export function dueDate(q: Quarter): string {
  return new Date(quarterEnd(q).getTime() + (KPI_DUE_DAYS - 1) * DAY_MS + CST_MS).toISOString().slice(0, 10);
}

const index = (q: Quarter) => q.year * 4 + q.quarter - 1;

export interface KpiWarning {
  key: 'revenueDrop' | 'revenueJump' | 'employeesJump' | 'employeesDrop' | 'taxAboveRevenue' | 'grantedAboveFiled';
  params: Record<string, number>;
}

type Previous = { revenue: number; employees: number } | null;

/**
 * The plausibility warnings of a quarter's figures, given the previous quarter's report (if any) and the patents
 * filed in all earlier quarters.
 */
export function plausibilityWarnings(f: KpiFigures, previous: Previous, filedBefore: number, grantedBefore: number): KpiWarning[] {
  const out: KpiWarning[] = [];
  if (previous) {
    if (previous.revenue > 0 && f.revenue <= previous.revenue * 0.1) {
      out.push({ key: 'revenueDrop', params: { previous: previous.revenue, current: f.revenue, percent: Math.round((1 - f.revenue / previous.revenue) * 100) } });
    }
    if (previous.revenue >= 10 && f.revenue >= previous.revenue * 10) {
      out.push({ key: 'revenueJump', params: { previous: previous.revenue, current: f.revenue, times: Math.round(f.revenue / previous.revenue) } });
    }
    if (previous.employees > 0 && f.employees >= previous.employees * 10 && f.employees - previous.employees >= 20) {
      out.push({ key: 'employeesJump', params: { previous: previous.employees, current: f.employees, times: Math.round(f.employees / previous.employees) } });
    }
    if (previous.employees >= 10 && f.employees <= previous.employees * 0.2) {
      out.push({ key: 'employeesDrop', params: { previous: previous.employees, current: f.employees } });
    }
  }
  if (f.tax > 0 && f.tax > f.revenue) out.push({ key: 'taxAboveRevenue', params: { tax: f.tax, revenue: f.revenue } });
  if (grantedBefore + f.patentsGranted > filedBefore + f.patentsFiled) {
    out.push({ key: 'grantedAboveFiled', params: { granted: grantedBefore + f.patentsGranted, filed: filedBefore + f.patentsFiled } });
  }
  return out;
}

const money = (n: number) => n.toFixed(2);

/**
 * The team (or the local enterprise) reports a quarter — or corrects it. Returns `{ saved: false, warnings }`
 * without writing anything when figures are implausible and not confirmed.
 */
export async function reportKpi(db: Db, actor: MemberActor, input: ReportKpiInput) {
  return inTransaction(db, async (tx) => {
    const { project, side } = await loadProject(tx, actor, input.projectId, true);
    authorise(actor, side, { by: 'partner', action: 'landing.reportKpi' });
    if (project.stage === 'exited') throw conflict('landing.projectExited');
    const q = { year: input.year, quarter: input.quarter };
    if (quarterStart(q) > now()) throw conflict('landing.kpiFutureQuarter', q);
    if (index(q) < index(quarterOf(project.createdAt))) throw conflict('landing.kpiBeforeProject', q);
    const earlier = await tx
      .select()
      .from(landingKpiReports)
      .where(and(eq(landingKpiReports.projectId, project.id), lt(sql`${landingKpiReports.year} * 4 + ${landingKpiReports.quarter}`, input.year * 4 + input.quarter)))
      .orderBy(asc(landingKpiReports.year), asc(landingKpiReports.quarter));
    const last = earlier.at(-1);
    const previous = last && index(last) === index(q) - 1 ? { revenue: Number(last.revenue), employees: last.employees } : null;
    const warnings = plausibilityWarnings(
      input,
      previous,
      earlier.reduce((s, r) => s + r.patentsFiled, 0),
      earlier.reduce((s, r) => s + r.patentsGranted, 0),
    );
    if (warnings.length > 0 && !input.confirm) return { saved: false as const, warnings };
    const [existing] = await tx
      .select()
      .from(landingKpiReports)
      .where(and(eq(landingKpiReports.projectId, project.id), eq(landingKpiReports.year, q.year), eq(landingKpiReports.quarter, q.quarter)))
      .for('update');
    const at = now();
    const figures = {
      investment: money(input.investment),
      employees: input.employees,
      revenue: money(input.revenue),
      patentsFiled: input.patentsFiled,
      patentsGranted: input.patentsGranted,
      tax: money(input.tax),
      note: input.note,
      warnings: warnings.map((w) => w.key),
      confirmed: warnings.length > 0,
      submittedBy: actor.userId,
      updatedAt: at,
    };
    const [row] = existing
      ? await tx.update(landingKpiReports).set(figures).where(eq(landingKpiReports.id, existing.id)).returning()
      : await tx.insert(landingKpiReports).values({ projectId: project.id, ...q, ...figures, submittedAt: at }).returning();
    if (!row) throw new Error('kpi report write returned no row');
    await recordEvent(tx, actor, project.id, { kind: existing ? 'kpiCorrected' : 'kpiReported', data: { year: q.year, quarter: q.quarter, warnings: warnings.length } });
    await auditProject(tx, actor, project, {
      action: existing ? 'landing.kpiCorrect' : 'landing.kpiReport',
      before: existing ? { ...existing, id: undefined } : undefined,
      after: { ...q, ...figures, updatedAt: undefined },
    });
    return { saved: true as const, warnings, report: row };
  });
}

/**
 * Reminds projects that have not reported the quarter that just ended (team and enterprise owners/admins), once
 * per project and quarter: the reminder row is inserted first and only a fresh insert notifies, so passes on
 * several instances, or repeated passes, send it once. Exited projects are not asked; paused ones are.
 */
export async function sendKpiReminders(db: Db): Promise<string[]> {
  const q = previousQuarter(quarterOf(now()));
  return inTransaction(db, async (tx, afterCommit) => {
    const due = await tx
      .select({ id: landingProjects.id, name: landingProjects.name, teamOrgId: landingProjects.teamOrgId, enterpriseOrgId: landingProjects.enterpriseOrgId })
      .from(landingProjects)
      .where(
        and(
          ne(landingProjects.stage, 'exited'),
          lt(landingProjects.createdAt, quarterEnd(q)),
          sql`not exists (select 1 from ${landingKpiReports} r where r.project_id = ${landingProjects.id} and r.year = ${q.year} and r.quarter = ${q.quarter})`,
          sql`not exists (select 1 from ${landingKpiReminders} m where m.project_id = ${landingProjects.id} and m.year = ${q.year} and m.quarter = ${q.quarter})`,
        ),
      )
      .limit(500);
    const reminded: string[] = [];
    for (const p of due) {
      const [fresh] = await tx.insert(landingKpiReminders).values({ projectId: p.id, ...q, sentAt: now() }).onConflictDoNothing().returning();
      if (!fresh) continue;
      await recordEvent(tx, null, p.id, { kind: 'kpiReminder', data: { year: q.year, quarter: q.quarter, due: dueDate(q) } });
      const orgIds = [p.teamOrgId, p.enterpriseOrgId].filter((id): id is string => !!id);
      await notify(tx, afterCommit, await managersOf(tx, orgIds), 'landing.kpiDue', { name: p.name, year: q.year, quarter: q.quarter, due: dueDate(q) }, projectLink(p.id));
      reminded.push(p.id);
    }
    return reminded;
  });
}
