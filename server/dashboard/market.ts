import { and, eq, gte, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bids, contracts, landingProjectContracts, landingProjects, needs, organizations } from '@/db/schema';
import { fromCents, toCents } from '../contracts/shared';
import { transactionVolume } from '../contracts/volume';
import { GRADES, type Grade } from '../credit/params';
import type { NeedIndustryField } from '../needs/inputs';
import type { Period } from './period';
import { scopeOrgIds, scopeProjects, type Scope } from './scope';

/**
 * The market half of the dashboard (SPEC §9): 技术市场交易额 by month, needs → bids → awards → completed, research
 * teams working with local firms, credit grades. Each figure is one aggregate statement over indexed columns, so the
 * dashboard stays fast at the planned scale (bench/dashboard.ts).
 */

export interface Filter {
  period: Period;
  field?: NeedIndustryField;
  scope: Scope;
}

/** 新昌's own firms: enterprises registered in the county (their city starts with the county's name). */
export const LOCAL_CITY_PREFIX = '新昌';
/** The bureau's target: 100+ research teams working with local firms all year. */
export const ACTIVE_TEAMS_TARGET = 100;

/**
 * A timestamp parameter of raw SQL. Drizzle maps a Date only when it is compared with a column; in a raw fragment
 * postgres.js would receive the Date object itself, so it goes as ISO text with an explicit type.
 */
export const instant = (at: Date) => sql`${at.toISOString()}::timestamptz`;

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/**
 * Conditions on `contracts` for the field (the need's) and the scope (either party among the scope's organisations,
 * or linked to one of its landing projects).
 */
export function contractConditions(filter: Pick<Filter, 'field' | 'scope'>): SQL | undefined {
  const orgs = scopeOrgIds(filter.scope);
  const projects = scopeProjects(filter.scope);
  return and(
    filter.field ? sql`${contracts.needId} in (select ${needs.id} from ${needs} where ${needs.industryField} = ${filter.field})` : undefined,
    orgs
      ? or(
          sql`${contracts.clientOrgId} in ${orgs}`,
          sql`${contracts.providerOrgId} in ${orgs}`,
          sql`${contracts.id} in (select ${landingProjectContracts.contractId} from ${landingProjectContracts} join ${landingProjects} on ${landingProjects.id} = ${landingProjectContracts.projectId} where ${projects})`,
        )
      : undefined,
  );
}

/** Conditions on `needs` for the field and the scope (needs the scope's organisations own). */
export function needConditions(filter: Pick<Filter, 'field' | 'scope'>): SQL | undefined {
  const orgs = scopeOrgIds(filter.scope);
  return and(filter.field ? eq(needs.industryField, filter.field) : undefined, orgs ? sql`${needs.ownerOrgId} in ${orgs}` : undefined);
}

export interface VolumeRow {
  month: string;
  contracts: number;
  /** 万元, two decimals. */
  value: string;
}

/** 技术市场交易额 by month of signing, every month of the period present (zeros included), and the total. */
export async function volumeByMonth(db: Db, filter: Filter) {
  const volume = await transactionVolume(db, { from: filter.period.start, to: filter.period.end }, contractConditions(filter));
  const byMonth = new Map(volume.months.map((m) => [m.month, m]));
  const months: VolumeRow[] = filter.period.months.map((month) => byMonth.get(month) ?? { month, contracts: 0, value: '0.00' });
  return { months, total: volume.total };
}

export interface FieldVolumeRow {
  field: NeedIndustryField;
  contracts: number;
  value: string;
}

/** The top fields: contracts signed in the period by the need's industry field, largest value first. */
export async function volumeByField(db: Db, filter: Filter): Promise<FieldVolumeRow[]> {
  const rows = await db
    .select({ field: needs.industryField, contracts: sql<number>`count(*)::int`, value: sql<string>`coalesce(sum(${contracts.value}), 0)` })
    .from(contracts)
    .innerJoin(needs, eq(needs.id, contracts.needId))
    .where(and(gte(contracts.signedAt, filter.period.start), lt(contracts.signedAt, filter.period.end), contractConditions(filter)))
    .groupBy(needs.industryField);
  return rows
    .map((r) => ({ field: r.field, contracts: Number(r.contracts), value: fromCents(toCents(r.value)) }))
    .sort((a, b) => toCents(b.value) - toCents(a.value) || a.field.localeCompare(b.field));
}

export interface ConversionStep {
  step: 'published' | 'bid' | 'awarded' | 'completed';
  needs: number;
  /** Percent of the previous step (one decimal), null for the first step or an empty previous step. */
  fromPrevious: number | null;
  /** Percent of the needs published. */
  fromPublished: number | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * Needs → bids → awards → completed, over the needs published in the period: how many received a bid (a submitted
 * one still standing: drafts and withdrawn bids do not count), were awarded, were completed; and the bids received.
 */
export async function conversion(db: Db, filter: Filter): Promise<{ steps: ConversionStep[]; bids: number }> {
  const where = and(gte(needs.publishedAt, filter.period.start), lt(needs.publishedAt, filter.period.end), needConditions(filter));
  // One hash join of the period's needs with their standing bids (a per-need lookup is costlier at this scale).
  const perNeed = db
    .select({
      id: needs.id,
      awarded: sql<boolean>`${needs.awardedAt} is not null`.as('awarded'),
      completed: sql<boolean>`${needs.status} = 'completed'`.as('completed'),
      bids: sql<number>`count(${bids.id})`.as('bids'),
    })
    .from(needs)
    .leftJoin(bids, and(eq(bids.needId, needs.id), inArray(bids.status, ['submitted', 'revised', 'awarded', 'not_awarded'])))
    .where(where)
    .groupBy(needs.id)
    .as('per_need');
  const [row] = await db
    .select({
      published: sql<number>`count(*)::int`,
      bid: sql<number>`(count(*) filter (where ${perNeed.bids} > 0))::int`,
      awarded: sql<number>`(count(*) filter (where ${perNeed.awarded}))::int`,
      completed: sql<number>`(count(*) filter (where ${perNeed.completed}))::int`,
      bids: sql<number>`coalesce(sum(${perNeed.bids}), 0)::int`,
    })
    .from(perNeed);
  const counts = {
    published: Number(row?.published ?? 0),
    bid: Number(row?.bid ?? 0),
    awarded: Number(row?.awarded ?? 0),
    completed: Number(row?.completed ?? 0),
  };
  const order = ['published', 'bid', 'awarded', 'completed'] as const;
  const steps = order.map((step, i) => {
    const previous = i === 0 ? null : counts[order[i - 1] ?? 'published'];
    return {
      step,
      needs: counts[step],
      fromPrevious: previous === null ? null : percent(counts[step], previous),
      fromPublished: i === 0 ? null : percent(counts[step], counts.published),
    };
  });
  return { steps, bids: Number(row?.bids ?? 0) };
}

export interface ActiveTeamsRow {
  month: string;
  teams: number;
}

/**
 * Research teams working with local firms: a team counts in a month when it holds a contract with a 新昌 enterprise
 * in force during that month (signed before the month ends, not ended before it began). One pass over the contracts:
 * each contributes the months of the period it covers as bits of a mask (a period has at most 60 months, a bigint
 * holds 63), OR-ed per team; the months are then counted from the few distinct masks.
 */
export async function activeTeams(db: Db, filter: Filter): Promise<{ months: ActiveTeamsRow[]; total: number; target: number }> {
  const { start, end, from, months } = filter.period;
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const origin = fromYear * 12 + fromMonth - 1;
  const index = (column: SQL) =>
    sql`(extract(year from ${column} at time zone 'Asia/Shanghai')::int * 12 + extract(month from ${column} at time zone 'Asia/Shanghai')::int - 1 - ${origin})`;
  const first = sql`greatest(${index(sql`${contracts.signedAt}`)}, 0)`;
  const last = sql`least(coalesce(${index(sql`${contracts.endedAt}`)}, ${months.length - 1}), ${months.length - 1})`;
  const perTeam = db
    .select({
      teamId: contracts.providerOrgId,
      mask: sql<string>`bit_or((1::bigint << (${last} + 1)) - (1::bigint << ${first}))`.as('mask'),
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.clientOrgId))
    .where(
      and(
        lt(contracts.signedAt, end),
        or(isNull(contracts.endedAt), gte(contracts.endedAt, start)),
        eq(organizations.kind, 'enterprise'),
        like(organizations.city, `${LOCAL_CITY_PREFIX}%`),
        contractConditions(filter),
      ),
    )
    .groupBy(contracts.providerOrgId)
    .as('per_team');
  const masks = await db.select({ mask: sql<string>`${perTeam.mask}::text`, teams: sql<number>`count(*)::int` }).from(perTeam).groupBy(perTeam.mask);
  const counts = months.map(() => 0);
  let total = 0;
  for (const { mask, teams } of masks) {
    const bits = BigInt(mask);
    total += Number(teams);
    for (let i = 0; i < months.length; i++) if ((bits >> BigInt(i)) & 1n) counts[i] = (counts[i] ?? 0) + Number(teams);
  }
  return { months: months.map((month, i) => ({ month, teams: counts[i] ?? 0 })), total, target: ACTIVE_TEAMS_TARGET };
}

export type CreditBucket = Grade | 'unrated';
export interface CreditRow {
  grade: CreditBucket;
  enterprises: number;
  researchTeams: number;
  total: number;
}

/**
 * Credit grades of the verified enterprises and research teams, as stored by the credit model (an organisation
 * without a ledger has no stored score: `unrated`, which the model reads as a newcomer's neutral A). The field
 * narrows to organisations of that industry field or holding a contract in it; the period does not apply (grades
 * are as of today).
 */
export async function creditDistribution(db: Db, filter: Pick<Filter, 'field' | 'scope'>): Promise<CreditRow[]> {
  const orgs = scopeOrgIds(filter.scope);
  const field = filter.field;
  const rows = rowsOf<{ grade: string | null; kind: string; n: number }>(
    await db.execute(sql`
      select s.grade, o.kind, count(*)::int as n
      from organizations o left join credit_scores s on s.org_id = o.id
      where o.status = 'verified' and o.kind in ('enterprise', 'research_team')
      ${orgs ? sql`and o.id in ${orgs}` : sql``}
      ${
        field
          ? sql`and (o.industry_field = ${field} or o.id in (
                select unnest(array[${contracts.providerOrgId}, ${contracts.clientOrgId}]) from ${contracts} join ${needs} on ${needs.id} = ${contracts.needId}
                where ${needs.industryField} = ${field}))`
          : sql``
      }
      group by s.grade, o.kind`),
  );
  const buckets: CreditBucket[] = [...GRADES, 'unrated'];
  return buckets.map((grade) => {
    const of = (kind: string) => Number(rows.find((r) => (r.grade ?? 'unrated') === grade && r.kind === kind)?.n ?? 0);
    const enterprises = of('enterprise');
    const researchTeams = of('research_team');
    return { grade, enterprises, researchTeams, total: enterprises + researchTeams };
  });
}
