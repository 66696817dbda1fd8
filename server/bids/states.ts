import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bids, type needs } from '@/db/schema';
import type { MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { AppError, conflict, notFound } from '../errors';
import { can, type Action } from '../permissions';
import type { BidStatus } from './inputs';

/**
 * The bid lifecycle (SPEC §3) as ONE transition table: from, event, to, who may. Every change of a bid's
 * status goes through `applyBidEvent`, which checks this table, the permission table and — for the
 * team's acts — that bidding is still open, then writes the change and its audit row in the caller's
 * transaction.
 *
 *   (none) ─draft→ draft ─submit→ submitted ─revise→ revised ─revise→ revised …
 *   (none) ─submit→ submitted
 *   draft ─discard→ withdrawn;  submitted | revised ─withdraw→ withdrawn ─submit / draft→ (again, same bid)
 *   submitted | revised ─award→ awarded | ─decline→ not_awarded   (at the need's award)
 *   submitted | revised ─needCancelled→ need_cancelled   (the owner cancels the need: no bid is left in competition)
 */
export type BidEvent = 'draft' | 'submit' | 'revise' | 'withdraw' | 'discard' | 'award' | 'decline' | 'needCancelled';

/** `none`: the team has no bid on the need yet (the transition creates it). */
export type BidFrom = BidStatus | 'none';

export interface BidTransition {
  from: BidFrom;
  event: BidEvent;
  to: BidStatus;
  /** `team`: a member of the bidding team; `needOwner`: a member of the organisation that owns the need. */
  by: 'team' | 'needOwner';
  action: Action;
  /** The team's acts need the need to be taking bids: published, before its deadline. */
  whileOpen: boolean;
}

export const BID_TRANSITIONS: readonly BidTransition[] = [
  { from: 'none', event: 'draft', to: 'draft', by: 'team', action: 'bid.draft', whileOpen: true },
  { from: 'withdrawn', event: 'draft', to: 'draft', by: 'team', action: 'bid.draft', whileOpen: true },
  { from: 'none', event: 'submit', to: 'submitted', by: 'team', action: 'bid.submit', whileOpen: true },
  { from: 'draft', event: 'submit', to: 'submitted', by: 'team', action: 'bid.submit', whileOpen: true },
  { from: 'withdrawn', event: 'submit', to: 'submitted', by: 'team', action: 'bid.submit', whileOpen: true },
  { from: 'submitted', event: 'revise', to: 'revised', by: 'team', action: 'bid.revise', whileOpen: true },
  { from: 'revised', event: 'revise', to: 'revised', by: 'team', action: 'bid.revise', whileOpen: true },
  { from: 'draft', event: 'discard', to: 'withdrawn', by: 'team', action: 'bid.draft', whileOpen: false },
  { from: 'submitted', event: 'withdraw', to: 'withdrawn', by: 'team', action: 'bid.withdraw', whileOpen: true },
  { from: 'revised', event: 'withdraw', to: 'withdrawn', by: 'team', action: 'bid.withdraw', whileOpen: true },
  { from: 'submitted', event: 'award', to: 'awarded', by: 'needOwner', action: 'need.award', whileOpen: false },
  { from: 'revised', event: 'award', to: 'awarded', by: 'needOwner', action: 'need.award', whileOpen: false },
  { from: 'submitted', event: 'decline', to: 'not_awarded', by: 'needOwner', action: 'need.award', whileOpen: false },
  { from: 'revised', event: 'decline', to: 'not_awarded', by: 'needOwner', action: 'need.award', whileOpen: false },
  { from: 'submitted', event: 'needCancelled', to: 'need_cancelled', by: 'needOwner', action: 'need.cancel', whileOpen: false },
  { from: 'revised', event: 'needCancelled', to: 'need_cancelled', by: 'needOwner', action: 'need.cancel', whileOpen: false },
];

/** Bids in competition: what the owner, reviewers and the award see (never drafts or withdrawn bids). */
export const COMPETING: readonly BidStatus[] = ['submitted', 'revised'];

export type BidRow = typeof bids.$inferSelect;
type NeedRow = typeof needs.$inferSelect;

export function bidTransitionFor(from: BidFrom, event: BidEvent): BidTransition | undefined {
  return BID_TRANSITIONS.find((t) => t.from === from && t.event === event);
}

/** Bidding is open while the need is published and its deadline lies ahead (the deadline job may lag: the clock decides). */
export function biddingOpen(need: Pick<NeedRow, 'status' | 'bidDeadline'>, at: Date = now()): boolean {
  return need.status === 'published' && !!need.bidDeadline && need.bidDeadline.getTime() > at.getTime();
}

/** The team's events it could fire now on its bid (the pages show these buttons). */
export function availableBidEvents(from: BidFrom, need: Pick<NeedRow, 'status' | 'bidDeadline'>, actor: MemberActor): BidEvent[] {
  const open = biddingOpen(need);
  return BID_TRANSITIONS.filter(
    (t) =>
      t.from === from &&
      t.by === 'team' &&
      (!t.whileOpen || open) &&
      can({ orgKind: actor.org.kind, role: actor.org.role, orgStatus: actor.org.status }, t.action),
  ).map((t) => t.event);
}

/**
 * Checks that `actor` may fire `event` on a bid in state `from` for `need` — table, who, permission,
 * open bidding — without changing anything (acts that create the bid call this before inserting).
 * Scope (is the bid the actor's team's, is the need the actor's?) is the caller's check, made first so
 * that outsiders learn nothing.
 */
export function checkBidEvent(actor: MemberActor, need: NeedRow, bid: { orgId: string } | null, from: BidFrom, event: BidEvent): BidTransition {
  const transition = bidTransitionFor(from, event);
  const party = transition?.by === 'needOwner' ? need.ownerOrgId : (bid?.orgId ?? actor.org.id);
  if (actor.org.id !== party) throw notFound();
  if (!transition) throw conflict('bids.invalidTransition', { from, event });
  const { org } = actor;
  if (!can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, transition.action)) {
    throw new AppError('FORBIDDEN', org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
  }
  if (transition.whileOpen && !biddingOpen(need)) throw conflict('bids.biddingClosed');
  return transition;
}

export interface BidChange {
  /** Columns set together with the status (the current revision, timestamps). */
  set?: Partial<Pick<BidRow, 'currentRevisionId' | 'submittedAt' | 'withdrawnAt' | 'decidedAt'>>;
  /** What the audit row records besides the status (never the bid's content: that lives in its revisions). */
  details?: Record<string, unknown>;
}

/**
 * Fires `event` on a bid the caller has locked (`select … for update`) inside `tx`. The status guard in
 * the update makes a racing second change a CONFLICT instead of a double change.
 */
export async function applyBidEvent(tx: Db, actor: MemberActor, need: NeedRow, bid: BidRow, event: BidEvent, change: BidChange = {}): Promise<BidRow> {
  const transition = checkBidEvent(actor, need, bid, bid.status, event);
  const at = now();
  const [updated] = await tx
    .update(bids)
    .set({ status: transition.to, updatedAt: at, ...change.set })
    .where(and(eq(bids.id, bid.id), eq(bids.status, bid.status)))
    .returning();
  if (!updated) throw conflict('bids.invalidTransition', { from: bid.status, event });
  await auditBidEvent(tx, actor, { bid: updated, event, from: bid.status, details: change.details });
  return updated;
}

/** The audit row of one bid transition (also written by the acts that create a bid). */
export async function auditBidEvent(
  tx: Db,
  actor: MemberActor,
  e: { bid: Pick<BidRow, 'id' | 'orgId' | 'needId' | 'status'>; event: BidEvent; from: BidFrom; details?: Record<string, unknown> },
): Promise<void> {
  await audit(tx, actor, {
    action: `bid.${e.event}`,
    entityType: 'bid',
    entityId: e.bid.id,
    // The team's record: the need's owner must not learn of a sealed bid from its own audit log.
    orgId: e.bid.orgId,
    before: e.from === 'none' ? null : { status: e.from },
    after: { status: e.bid.status, needId: e.bid.needId, ...e.details },
  });
}
