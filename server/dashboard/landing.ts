import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { enclaves, landingProjects, landingStage, landingStageEntries } from '@/db/schema';
import type { NeedIndustryField } from '../needs/inputs';
import { now } from '../clock';
import { instant, rowsOf, type Filter } from './market';
import { scopeProjects } from './scope';

/**
 * The landing half of the dashboard (SPEC §8–§9), read from the stage history (landing_stage_entries), so a period
 * that ended in the past shows the pipeline as it stood then: the funnel counts the projects that had reached each
 * stage by the end of the period, `now` the stage each was in at that moment, and time in stage is measured up to
 * the end of the period (or today, if sooner) for a stay still running then.
 */

export const LANDING_STAGES = landingStage.enumValues;
export type LandingStage = (typeof LANDING_STAGES)[number];
/** The four progress stages, in order (paused and exited sit outside the funnel). */
export const PROGRESS_STAGES = ['incubating', 'accelerating', 'industrializing', 'landed'] as const satisfies readonly LandingStage[];

export interface FunnelRow {
  stage: LandingStage;
  /** Projects that had reached this stage (progress stages; null for paused and exited). */
  reached: number | null;
  /** Percent of the previous progress stage's `reached`. */
  fromPrevious: number | null;
  /** Projects in this stage at the end of the period. */
  current: number;
  /** Median days of a stay in this stage, one decimal; null without any stay. */
  medianDays: number | null;
  /** Stays measured (finished, and still running at the end of the period). */
  stays: number;
}

export interface StageCounts {
  total: number;
  byStage: Record<LandingStage, number>;
}

export interface EnclaveRow extends StageCounts {
  enclaveId: string;
  name: string;
  city: string;
}

export interface FieldRow extends StageCounts {
  field: NeedIndustryField;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const emptyCounts = (): StageCounts => ({ total: 0, byStage: Object.fromEntries(LANDING_STAGES.map((s) => [s, 0])) as Record<LandingStage, number> });

function projectConditions(filter: Filter) {
  return and(filter.field ? eq(landingProjects.field, filter.field) : undefined, scopeProjects(filter.scope));
}

/**
 * One pass over the stage history of the projects in reach: each project's stage at the end of the period (its stay
 * running then) and the furthest progress stage it had reached by then, counted by enclave and field (a few hundred
 * rows at most, whatever the number of projects).
 */
async function stageCounts(db: Db, filter: Filter, end: Date) {
  const where = projectConditions(filter);
  return rowsOf<{ enclave_id: string; name: string; city: string; field: NeedIndustryField; stage: LandingStage; reached: LandingStage | null; n: number }>(
    await db.execute(sql`
      select ${landingProjects.enclaveId} as enclave_id, ${enclaves.name} as name, ${enclaves.city} as city, ${landingProjects.field} as field, x.stage, x.reached, count(*)::int as n
      from (
        select s.project_id,
          (array_agg(s.stage order by s.entered_at desc) filter (where s.left_at is null or s.left_at >= ${instant(end)}))[1] as stage,
          max(s.stage) filter (where s.stage in ('incubating', 'accelerating', 'industrializing', 'landed')) as reached
        from ${landingStageEntries} s
        where s.entered_at < ${instant(end)}
        group by s.project_id) x
      join ${landingProjects} on ${landingProjects.id} = x.project_id
      join ${enclaves} on ${enclaves.id} = ${landingProjects.enclaveId}
      ${where ? sql`where ${where}` : sql``}
      group by 1, 2, 3, 4, 5, 6`),
  );
}

/**
 * Median days per stage over the stays that began before the period's end (a running stay counts up to `cap`).
 * Exited is an end, not a stay: it has no time in stage.
 */
async function stageMedians(db: Db, filter: Filter, cap: Date) {
  const where = projectConditions(filter);
  return rowsOf<{ stage: LandingStage; median_days: number | string | null; stays: number }>(
    await db.execute(sql`
      select s.stage,
        percentile_cont(0.5) within group (order by extract(epoch from (least(coalesce(s.left_at, ${instant(cap)}), ${instant(cap)}) - s.entered_at)) / 86400) as median_days,
        count(*)::int as stays
      from ${landingStageEntries} s
      join ${landingProjects} on ${landingProjects.id} = s.project_id
      where s.entered_at < ${instant(cap)} and s.stage <> 'exited' ${where ? sql`and ${where}` : sql``}
      group by s.stage`),
  );
}

export async function landingOverview(db: Db, filter: Filter): Promise<{ funnel: FunnelRow[]; byEnclave: EnclaveRow[]; byField: FieldRow[]; total: number }> {
  const end = filter.period.end;
  const cap = new Date(Math.min(end.getTime(), now().getTime()));
  const [counts, medians] = await Promise.all([stageCounts(db, filter, end), stageMedians(db, filter, cap)]);
  const progressIndex = (s: LandingStage | null) => (s ? (PROGRESS_STAGES as readonly string[]).indexOf(s) : -1);

  const current = emptyCounts();
  const reached = [0, 0, 0, 0];
  const byEnclave = new Map<string, EnclaveRow>();
  const byField = new Map<NeedIndustryField, FieldRow>();
  for (const row of counts) {
    const n = Number(row.n);
    current.total += n;
    current.byStage[row.stage] += n;
    for (let i = 0; i <= progressIndex(row.reached); i++) reached[i] = (reached[i] ?? 0) + n;
    const enclave = byEnclave.get(row.enclave_id) ?? { enclaveId: row.enclave_id, name: row.name, city: row.city, ...emptyCounts() };
    enclave.total += n;
    enclave.byStage[row.stage] += n;
    byEnclave.set(row.enclave_id, enclave);
    const field = byField.get(row.field) ?? { field: row.field, ...emptyCounts() };
    field.total += n;
    field.byStage[row.stage] += n;
    byField.set(row.field, field);
  }
  const funnel = LANDING_STAGES.map((stage): FunnelRow => {
    const i = progressIndex(stage);
    const median = medians.find((m) => m.stage === stage);
    return {
      stage,
      reached: i < 0 ? null : (reached[i] ?? 0),
      fromPrevious: i <= 0 ? null : percent(reached[i] ?? 0, reached[i - 1] ?? 0),
      current: current.byStage[stage],
      medianDays: median?.median_days == null ? null : Math.round(Number(median.median_days) * 10) / 10,
      stays: Number(median?.stays ?? 0),
    };
  });
  return {
    funnel,
    byEnclave: [...byEnclave.values()].sort((a, b) => b.total - a.total || a.city.localeCompare(b.city) || a.name.localeCompare(b.name)),
    byField: [...byField.values()].sort((a, b) => b.total - a.total || a.field.localeCompare(b.field)),
    total: current.total,
  };
}
