import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contracts, creditAppeals, creditEvents, organizations } from '@/db/schema';
import type { Actor } from '../actor';
import { notFound } from '../errors';
import { can } from '../permissions';
import type { CreditEventData } from './events';
import { CREDIT_PARAMS, type ComponentKey, type Grade } from './params';
import { addMonths, type ComponentResult, type RaiseHint } from './score';
import { currentScore, type StoredExplanation } from './scores';
import { creditScoresOf } from './queries';

/**
 * The credit report (信用报告) at three depths:
 * - public (anyone): grade, the negative-list / misconduct flag, "insufficient history", as of when;
 * - partner (a member of any verified organisation — a possible counterparty): + score, components, qualifications;
 * - full (the organisation itself, the bureau): + the events that moved the score, what would raise it, integrity
 *   events in force, appeals and rulings, and the ledger itself (`creditLedgerPage`).
 * The private "would contract again" of a rating is never shown, not even to the rated organisation.
 */

export type ReportDepth = 'public' | 'partner' | 'full';

function depthFor(actor: Actor | null, orgId: string): ReportDepth {
  const org = actor?.org;
  if (!org) return 'public';
  const m = { orgKind: org.kind, role: org.role, orgStatus: org.status };
  if (org.id === orgId && can(m, 'credit.readOwn')) return 'full';
  if (can(m, 'credit.readAll')) return 'full';
  return org.status === 'verified' ? 'partner' : 'public';
}

/** An event as the report shows it: the private score stripped. */
export function shownData(data: CreditEventData): CreditEventData {
  if (data.kind === 'rating') return { ...data, again: null };
  return data;
}

async function scoredOrg(db: Db, orgId: string) {
  const [org] = await db.select({ id: organizations.id, name: organizations.name, kind: organizations.kind, status: organizations.status }).from(organizations).where(eq(organizations.id, orgId));
  if (!org || org.kind === 'bureau') throw notFound();
  return org;
}

export interface ReportEvent {
  seq: number;
  kind: CreditEventData['kind'];
  occurredAt: Date;
  data: CreditEventData;
  contract: { id: string; subject: string } | null;
  appeal: { id: string; status: 'open' | 'upheld' | 'reversed'; rulingNote: string | null } | null;
}

/** Ledger rows of one organisation by seq, with their contract's subject and their appeal, for display. */
async function eventsBySeq(db: Db, orgId: string, seqs: readonly number[]): Promise<Map<number, ReportEvent>> {
  const out = new Map<number, ReportEvent>();
  if (seqs.length === 0) return out;
  const rows = await db
    .select({ seq: creditEvents.seq, kind: creditEvents.kind, occurredAt: creditEvents.occurredAt, data: creditEvents.data, contractId: creditEvents.contractId, subject: contracts.subject })
    .from(creditEvents)
    .leftJoin(contracts, eq(contracts.id, creditEvents.contractId))
    .where(and(eq(creditEvents.orgId, orgId), inArray(creditEvents.seq, [...seqs])));
  const appeals = await db
    .select({ id: creditAppeals.id, eventSeq: creditAppeals.eventSeq, status: creditAppeals.status, rulingNote: creditAppeals.rulingNote })
    .from(creditAppeals)
    .where(and(eq(creditAppeals.orgId, orgId), inArray(creditAppeals.eventSeq, [...seqs])));
  const appealOf = new Map(appeals.map((a) => [a.eventSeq, a]));
  for (const r of rows) {
    const a = appealOf.get(r.seq);
    out.set(r.seq, {
      seq: r.seq,
      kind: r.kind,
      occurredAt: r.occurredAt,
      data: shownData(r.data as CreditEventData),
      contract: r.contractId && r.subject ? { id: r.contractId, subject: r.subject } : null,
      appeal: a ? { id: a.id, status: a.status, rulingNote: a.rulingNote } : null,
    });
  }
  return out;
}

export interface CreditReport {
  depth: ReportDepth;
  org: { id: string; name: string; kind: string };
  grade: Grade;
  /** On the negative list (负面清单) in force. */
  negativeListed: boolean;
  /** Negative-listed or under a serious-misconduct gate: cannot bid, never matched. */
  excluded: boolean;
  insufficientHistory: boolean;
  asOf: Date;
  score?: number;
  components?: Record<ComponentKey, Pick<ComponentResult, 'value' | 'weight' | 'prior'>>;
  qualifications?: StoredExplanation['qualifications'];
  evidenceScore?: number;
  topEvents?: (ReportEvent & { points: number })[];
  raise?: RaiseHint[];
  integrity?: (StoredExplanation['integrity'][number] & { event: ReportEvent | null })[];
  calibrationYear?: number;
}

export async function creditReport(db: Db, actor: Actor | null, orgId: string): Promise<CreditReport> {
  const org = await scoredOrg(db, orgId);
  const row = await currentScore(db, orgId);
  if (!row) throw notFound();
  const depth = depthFor(actor, orgId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(row.asOf);
  const report: CreditReport = {
    depth,
    org: { id: org.id, name: org.name, kind: org.kind },
    grade: row.grade,
    negativeListed: row.negativeListedUntil !== null && row.negativeListedUntil > today,
    excluded: row.gatedUntil !== null && row.gatedUntil > today,
    insufficientHistory: row.insufficientHistory,
    asOf: row.asOf,
  };
  if (depth === 'public') return report;
  const components = row.components as Record<ComponentKey, ComponentResult>;
  const explanation = row.explanation as StoredExplanation;
  report.score = row.score;
  report.components = Object.fromEntries(Object.entries(components).map(([k, c]) => [k, { value: c.value, weight: c.weight, prior: c.prior }])) as CreditReport['components'];
  report.qualifications = explanation.qualifications;
  if (depth === 'partner') return report;
  const events = await eventsBySeq(db, orgId, [...explanation.topEvents.map((t) => t.seq), ...explanation.integrity.map((i) => i.seq)]);
  report.evidenceScore = row.evidenceScore;
  report.topEvents = explanation.topEvents.flatMap((t) => {
    const e = events.get(t.seq);
    return e ? [{ ...e, points: t.points }] : [];
  });
  report.raise = explanation.raise;
  report.integrity = explanation.integrity.map((i) => ({ ...i, event: events.get(i.seq) ?? null }));
  report.calibrationYear = row.calibrationYear;
  return report;
}

/** The ledger of an organisation, newest first (the organisation itself and the bureau). */
export async function creditLedgerPage(db: Db, actor: Actor, input: { orgId: string; cursor: number; limit: number }) {
  await scoredOrg(db, input.orgId);
  if (depthFor(actor, input.orgId) !== 'full') throw notFound();
  const seqs = await db
    .select({ seq: creditEvents.seq })
    .from(creditEvents)
    .where(eq(creditEvents.orgId, input.orgId))
    .orderBy(desc(creditEvents.seq))
    .limit(input.limit + 1)
    .offset(input.cursor);
  const page = seqs.slice(0, input.limit).map((s) => s.seq);
  const events = await eventsBySeq(db, input.orgId, page);
  return {
    items: page.flatMap((seq) => {
      const e = events.get(seq);
      return e ? [e] : [];
    }),
    nextCursor: seqs.length > input.limit ? input.cursor + input.limit : null,
  };
}

/** Public grades and flags of several organisations (lists of teams, bids); no row: a newcomer's A. */
export async function publicGrades(db: Db, orgIds: readonly string[]) {
  const stored = await creditScoresOf(db, orgIds);
  return orgIds.map((orgId) => {
    const s = stored.get(orgId);
    return { orgId, grade: s?.grade ?? ('A'), insufficientHistory: s?.insufficientHistory ?? true, excluded: s?.excluded ?? false };
  });
}

/**
 * 通报: the bureau's published rulings on serious cases — serious integrity events and negative-list entries not
 * reversed on appeal, newest first. Public.
 */
export async function publicNotices(db: Db, input: { cursor: number; limit: number }) {
  const rows = await db
    .select({ orgId: creditEvents.orgId, orgName: organizations.name, seq: creditEvents.seq, occurredAt: creditEvents.occurredAt, data: creditEvents.data })
    .from(creditEvents)
    .innerJoin(organizations, eq(organizations.id, creditEvents.orgId))
    .where(
      and(
        eq(creditEvents.kind, 'integrity'),
        sql`(${creditEvents.data}->>'severity' = 'serious' or ${creditEvents.data}->>'negativeList' = 'true')`,
        sql`not exists (select 1 from credit_events r where r.org_id = ${creditEvents.orgId} and r.kind = 'appeal_ruled'
              and (r.data->>'targetSeq')::int = ${creditEvents.seq} and r.data->>'decision' = 'reversed')`,
      ),
    )
    .orderBy(desc(creditEvents.occurredAt), desc(creditEvents.id))
    .limit(input.limit + 1)
    .offset(input.cursor);
  return {
    items: rows.slice(0, input.limit).map((r) => {
      const d = r.data as CreditEventData & { kind: 'integrity' };
      return { orgId: r.orgId, orgName: r.orgName, seq: r.seq, occurredAt: r.occurredAt, negativeList: d.negativeList, note: d.note, documentRef: d.documentRef, until: d.until ?? addMonths(r.occurredAt, CREDIT_PARAMS.seriousMonths) };
    }),
    nextCursor: rows.length > input.limit ? input.cursor + input.limit : null,
  };
}
