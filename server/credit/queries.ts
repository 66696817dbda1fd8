import { and, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { creditScores } from '@/db/schema';
import { now } from '../clock';
import type { Grade } from './params';
import { currentScore } from './scores';

/**
 * What other domains ask the credit model: whether an organisation is excluded (negative list or serious
 * misconduct in force: no bids, no matches), grades and scores for lists, and what a bid's eligibility rules read.
 */

const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = () => LOCAL_DATE.format(now());

/** A gate in force (its end date is after today). */
const gateInForce = () => and(isNotNull(creditScores.gatedUntil), gt(creditScores.gatedUntil, today()));

/**
 * Organisations (among `orgIds`, or all) that are negative-listed or under a serious-misconduct gate: they cannot
 * bid and are never matched. Read from the stored scores, which every integrity event and appeal ruling refreshes.
 */
export async function negativeListedOrgIds(db: Db, orgIds?: readonly string[]): Promise<Set<string>> {
  if (orgIds && orgIds.length === 0) return new Set();
  const rows = await db
    .select({ orgId: creditScores.orgId })
    .from(creditScores)
    .where(orgIds ? and(inArray(creditScores.orgId, [...orgIds]), gateInForce()) : gateInForce());
  return new Set(rows.map((r) => r.orgId));
}

export async function isNegativeListed(db: Db, orgId: string): Promise<boolean> {
  return (await negativeListedOrgIds(db, [orgId])).has(orgId);
}

/** Stored scores and grades (organisations without a ledger have none: a newcomer's neutral A is not stored). */
export async function creditScoresOf(db: Db, orgIds: readonly string[]): Promise<Map<string, { score: number; grade: Grade; insufficientHistory: boolean; excluded: boolean }>> {
  const out = new Map<string, { score: number; grade: Grade; insufficientHistory: boolean; excluded: boolean }>();
  if (orgIds.length === 0) return out;
  const t = today();
  const rows = await db.select().from(creditScores).where(inArray(creditScores.orgId, [...orgIds]));
  for (const r of rows) out.set(r.orgId, { score: r.score, grade: r.grade, insufficientHistory: r.insufficientHistory, excluded: r.gatedUntil !== null && r.gatedUntil > t });
  return out;
}

export interface CreditApplicant {
  grade: Grade;
  /** Negative-listed or under a serious-misconduct gate. */
  excluded: boolean;
  negativeListed: boolean;
  /** Names of the verified qualifications in force. */
  qualifications: string[];
}

/** What a need's eligibility rules read about a bidding organisation (its score refreshed first if stale). */
export async function creditApplicant(db: Db, orgId: string): Promise<CreditApplicant> {
  const row = await currentScore(db, orgId);
  const t = today();
  if (!row) return { grade: 'A', excluded: false, negativeListed: false, qualifications: [] };
  const explanation = row.explanation as { qualifications?: { name: string }[] };
  return {
    grade: row.grade,
    excluded: row.gatedUntil !== null && row.gatedUntil > t,
    negativeListed: row.negativeListedUntil !== null && row.negativeListedUntil > t,
    qualifications: (explanation.qualifications ?? []).map((q) => q.name),
  };
}


/** Scores and grades of a few organisations (bids on one need), each refreshed first if stale. */
export async function creditSummaries(db: Db, orgIds: readonly string[]): Promise<Map<string, { score: number; grade: Grade; insufficientHistory: boolean }>> {
  const out = new Map<string, { score: number; grade: Grade; insufficientHistory: boolean }>();
  for (const orgId of new Set(orgIds)) {
    const row = await currentScore(db, orgId);
    if (row) out.set(orgId, { score: row.score, grade: row.grade, insufficientHistory: row.insufficientHistory });
  }
  return out;
}
