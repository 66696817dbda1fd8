import type { Db } from '@/db/client';
import type { MemberActor } from '../actor';
import type { ColumnKind, DashboardFilterInput, DashboardTable, TableCell } from './inputs';
import { landingOverview, LANDING_STAGES, PROGRESS_STAGES } from './landing';
import { activeTeams, conversion, creditDistribution, volumeByField, volumeByMonth, type Filter } from './market';
import { resolvePeriod } from './period';
import { enclaveOptions, resolveScope } from './scope';

/**
 * 科技局驾驶舱 (SPEC §9): every figure of the dashboard for one set of filters, in one call. The bureau sees everything;
 * an incubator the same dashboard over its own enclaves (another's enclave is NOT_FOUND). Each section also comes as
 * a table (`tables`): the page shows it under its chart and the export writes it as CSV or XLSX, so the two agree.
 */

export interface DashboardTableData {
  columns: { key: string; kind: ColumnKind }[];
  rows: TableCell[][];
}

export async function dashboardOverview(db: Db, actor: MemberActor, input: DashboardFilterInput) {
  const period = resolvePeriod(input);
  const scope = await resolveScope(db, actor, input.enclaveId);
  const filter: Filter = { period, field: input.field, scope };
  const [enclaves, volume, fields, funnel, teams, credit, landing] = await Promise.all([
    enclaveOptions(db, actor),
    volumeByMonth(db, filter),
    volumeByField(db, filter),
    conversion(db, filter),
    activeTeams(db, filter),
    creditDistribution(db, filter),
    landingOverview(db, filter),
  ]);
  const tables: Record<DashboardTable, DashboardTableData> = {
    volume: {
      columns: [
        { key: 'month', kind: 'month' },
        { key: 'contracts', kind: 'count' },
        { key: 'value', kind: 'amount' },
      ],
      rows: volume.months.map((m) => [m.month, m.contracts, m.value]),
    },
    topFields: {
      columns: [
        { key: 'field', kind: 'field' },
        { key: 'contracts', kind: 'count' },
        { key: 'value', kind: 'amount' },
      ],
      rows: fields.map((f) => [f.field, f.contracts, f.value]),
    },
    conversion: {
      columns: [
        { key: 'step', kind: 'conversionStep' },
        { key: 'needs', kind: 'count' },
        { key: 'fromPrevious', kind: 'percent' },
        { key: 'fromPublished', kind: 'percent' },
      ],
      rows: funnel.steps.map((s) => [s.step, s.needs, s.fromPrevious, s.fromPublished]),
    },
    activeTeams: {
      columns: [
        { key: 'month', kind: 'month' },
        { key: 'teams', kind: 'count' },
      ],
      rows: teams.months.map((m) => [m.month, m.teams]),
    },
    credit: {
      columns: [
        { key: 'grade', kind: 'grade' },
        { key: 'enterprises', kind: 'count' },
        { key: 'researchTeams', kind: 'count' },
        { key: 'total', kind: 'count' },
      ],
      rows: credit.map((c) => [c.grade, c.enterprises, c.researchTeams, c.total]),
    },
    landingFunnel: {
      columns: [
        { key: 'stage', kind: 'stage' },
        { key: 'reached', kind: 'count' },
        { key: 'fromPrevious', kind: 'percent' },
        { key: 'current', kind: 'count' },
        { key: 'medianDays', kind: 'days' },
      ],
      rows: landing.funnel.map((f) => [f.stage, f.reached, f.fromPrevious, f.current, f.medianDays]),
    },
    landingByEnclave: {
      columns: [
        { key: 'enclave', kind: 'text' },
        { key: 'city', kind: 'text' },
        { key: 'projects', kind: 'count' },
        ...LANDING_STAGES.map((s) => ({ key: `stage.${s}`, kind: 'count' as const })),
      ],
      rows: landing.byEnclave.map((e) => [e.name, e.city, e.total, ...LANDING_STAGES.map((s) => e.byStage[s])]),
    },
    landingByField: {
      columns: [
        { key: 'field', kind: 'field' },
        { key: 'projects', kind: 'count' },
        ...LANDING_STAGES.map((s) => ({ key: `stage.${s}`, kind: 'count' as const })),
      ],
      rows: landing.byField.map((f) => [f.field, f.total, ...LANDING_STAGES.map((s) => f.byStage[s])]),
    },
  };
  return {
    filters: { from: period.from, to: period.to, field: input.field ?? null, enclaveId: input.enclaveId ?? null },
    /** Who the figures cover: everything (the bureau) or the caller's enclaves (an incubator). */
    scope: scope.enclaveIds === null ? ('all' as const) : ('enclaves' as const),
    enclaves,
    headline: {
      volume: volume.total,
      bids: funnel.bids,
      activeTeams: teams.total,
      activeTeamsTarget: teams.target,
      projects: landing.total,
      landed: landing.funnel.find((f) => f.stage === PROGRESS_STAGES[3])?.reached ?? 0,
    },
    volume: volume.months,
    topFields: fields,
    conversion: funnel.steps,
    activeTeams: teams.months,
    credit,
    landing,
    tables,
  };
}

export type DashboardOverview = Awaited<ReturnType<typeof dashboardOverview>>;
