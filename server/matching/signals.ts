import { and, eq, gt, or, sql } from 'drizzle-orm';
import { uuidArray } from './sql';
import type { Db } from '@/db/client';
import { contracts, creditScores as creditScoresTable, enclaves, organizations } from '@/db/schema';
import { now } from '../clock';

/**
 * The product's signals besides text (SPEC §6): who may be matched at all, credit, current load and
 * location. Each is a factor around 1 applied to the text relevance of a short list of candidates, so
 * a team with no credit history, no contracts and no city ranks exactly by its text — a missing signal
 * is neutral, never a made-up number.
 */

export interface TeamFacts {
  orgId: string;
  name: string;
  city: string | null;
  hostInstitution: string | null;
  /** Credit score 0–1000 and grade from the credit model, or null while the team has none. */
  creditScore: number | null;
  creditGrade: string | null;
  activeContracts: number;
}

/** Today as a date string in the county's time zone (credit gates run "until" a date, exclusive). */
const todayInChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now());

/**
 * 负面清单: organisations negative-listed by the bureau, or gated by serious misconduct, are never matched
 * (SPEC §5: grade D, no bids, no matches). The credit model keeps the gate's end date on its current score
 * (credit_scores.negative_listed_until / gated_until, exclusive); this is the one place matching asks it.
 */
export async function negativeListedOrgIds(db: Db, orgIds: readonly string[]): Promise<Set<string>> {
  if (orgIds.length === 0) return new Set();
  const today = todayInChina();
  const rows = await db
    .select({ orgId: creditScoresTable.orgId })
    .from(creditScoresTable)
    .where(
      and(
        sql`${creditScoresTable.orgId} = any(${uuidArray(orgIds)}::uuid[])`,
        barredCondition(today),
      ),
    );
  return new Set(rows.map((r) => r.orgId));
}

/** Current credit scores and grades from the credit model; an organisation without one gets the neutral factor. */
export async function creditScores(db: Db, orgIds: readonly string[]): Promise<Map<string, { score: number; grade: string }>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .select({ orgId: creditScoresTable.orgId, score: creditScoresTable.score, grade: creditScoresTable.grade, insufficient: creditScoresTable.insufficientHistory })
    .from(creditScoresTable)
    .where(sql`${creditScoresTable.orgId} = any(${uuidArray(orgIds)}::uuid[])`);
  // A newcomer's score is the prior, not evidence about the team: shown (its grade), but weighed as neutral.
  return new Map(rows.map((r) => [r.orgId, { score: r.insufficient ? NEUTRAL_CREDIT : r.score, grade: r.grade }]));
}

/** The credit model's gate in force (negative list or serious misconduct) on a credit_scores row. */
const barredCondition = (today: string) => or(gt(creditScoresTable.negativeListedUntil, today), gt(creditScoresTable.gatedUntil, today));

/**
 * Verified research teams among `orgIds`, not negative-listed (`negativeListedOrgIds`' condition), with
 * their credit and current load — one statement, since it runs on every ranking.
 */
export async function matchableTeams(db: Db, orgIds: readonly string[]): Promise<Map<string, TeamFacts>> {
  const out = new Map<string, TeamFacts>();
  if (orgIds.length === 0) return out;
  const today = todayInChina();
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      city: organizations.city,
      hostInstitution: organizations.hostInstitution,
      score: creditScoresTable.score,
      grade: creditScoresTable.grade,
      insufficient: creditScoresTable.insufficientHistory,
      barred: sql<boolean>`coalesce(${barredCondition(today)}, false)`,
      active: sql<number>`(select count(*)::int from ${contracts} where ${contracts.providerOrgId} = ${organizations.id} and ${contracts.status} in ('active', 'disputed'))`,
    })
    .from(organizations)
    .leftJoin(creditScoresTable, eq(creditScoresTable.orgId, organizations.id))
    .where(and(sql`${organizations.id} = any(${uuidArray(orgIds)}::uuid[])`, eq(organizations.kind, 'research_team'), eq(organizations.status, 'verified')));
  for (const r of rows) {
    if (r.barred) continue;
    out.set(r.id, {
      orgId: r.id,
      name: r.name,
      city: r.city,
      hostInstitution: r.hostInstitution,
      // A newcomer's score is the prior, not evidence about the team: its grade is shown, its weight neutral.
      creditScore: r.score === null ? null : r.insufficient ? NEUTRAL_CREDIT : r.score,
      creditGrade: r.grade,
      activeContracts: Number(r.active),
    });
  }
  return out;
}

/** Cities the need's owner works in: its own and, for an incubator, those of its enclaves (科创飞地). */
export async function ownerCities(db: Db, ownerOrgId: string | null | undefined): Promise<Set<string>> {
  const cities = new Set<string>();
  if (!ownerOrgId) return cities;
  const [owner] = await db.select({ city: organizations.city }).from(organizations).where(eq(organizations.id, ownerOrgId));
  if (owner?.city) cities.add(owner.city);
  const sites = await db.select({ city: enclaves.city }).from(enclaves).where(eq(enclaves.incubatorOrgId, ownerOrgId));
  for (const s of sites) cities.add(s.city);
  return cities;
}

export const SIGNALS = {
  /** Credit 0–1000 maps to 0.9–1.1 around the neutral score; no score is 1. */
  creditSpread: 0.2,
  /** Each active contract beyond the first costs 8 %, down to 0.7. */
  loadStep: 0.08,
  loadFloor: 0.7,
  /** A team in a city where the owner (or its enclave) is. */
  sameCity: 1.05,
} as const;

/** The score at which the credit factor is 1 (a newcomer, or a team without a score, is weighed here). */
export const NEUTRAL_CREDIT = 500;

export function creditFactor(score: number | null): number {
  if (score === null) return 1;
  return 1 + (SIGNALS.creditSpread * (Math.min(Math.max(score, 0), 1000) - NEUTRAL_CREDIT)) / 1000;
}

export function loadFactor(active: number): number {
  return Math.max(SIGNALS.loadFloor, 1 - SIGNALS.loadStep * Math.max(0, active - 1));
}

export function locationFactor(teamCity: string | null, cities: ReadonlySet<string>): number {
  return teamCity && cities.has(teamCity) ? SIGNALS.sameCity : 1;
}
