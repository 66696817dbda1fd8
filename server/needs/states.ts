import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bids, memberships, needNdaAcceptances, needs } from '@/db/schema';
import { applyBidEvent, COMPETING } from '../bids/states';
import type { Actor, MemberActor } from '../actor';
import { audit } from '../audit/audit';
import { now } from '../clock';
import { AppError, badRequest, conflict, notFound } from '../errors';
import type { NotificationKind } from '../notifications/kinds';
import { notify } from '../notifications/notify';
import { can, type Action } from '../permissions';
import { inTransaction, type AfterCommit } from '../transaction';
import type { NeedMode, NeedStatus } from './inputs';

/**
 * The need lifecycle (SPEC §2) as ONE transition table: from, event, to, who may. Every change of a
 * need's status goes through `applyNeedEvent` below, which checks this table and the permission table,
 * writes the audit row in the caller's transaction, and notifies after commit.
 *
 *   draft → published → closed → evaluating → awarded → completed
 *     └───────┴────────────┴──────────┴──→ cancelled (only before award)
 */
export type NeedEvent = 'publish' | 'close' | 'deadline' | 'startEvaluation' | 'reviewStarted' | 'award' | 'complete' | 'cancel';

export interface NeedTransition {
  from: NeedStatus;
  event: NeedEvent;
  to: NeedStatus;
  /**
   * `owner`: a member of the owning organisation whose kind/role/verification the permission table allows
   * for `action`; `system`: the deadline job, or another lifecycle (a `horse_race` need completes when the
   * kept team's contract completes).
   */
  by: 'owner' | 'system';
  action?: Action;
  /** Only needs of these modes take this transition (early close is for `open` needs only). */
  modes?: readonly NeedMode[];
  /** The timestamp column that records when the need entered `to`. */
  stamp: 'publishedAt' | 'closedAt' | 'evaluationStartedAt' | 'awardedAt' | 'completedAt' | 'cancelledAt';
}

export const NEED_TRANSITIONS: readonly NeedTransition[] = [
  { from: 'draft', event: 'publish', to: 'published', by: 'owner', action: 'need.publish', stamp: 'publishedAt' },
  { from: 'published', event: 'close', to: 'closed', by: 'owner', action: 'need.close', modes: ['open'], stamp: 'closedAt' },
  { from: 'published', event: 'deadline', to: 'closed', by: 'system', stamp: 'closedAt' },
  { from: 'closed', event: 'startEvaluation', to: 'evaluating', by: 'owner', action: 'need.evaluate', stamp: 'evaluationStartedAt' },
  // An invited reviewer's first score starts the evaluation (server/reviews/scoring.ts): the reviewer is not the owner.
  { from: 'closed', event: 'reviewStarted', to: 'evaluating', by: 'system', stamp: 'evaluationStartedAt' },
  { from: 'evaluating', event: 'award', to: 'awarded', by: 'owner', action: 'need.award', stamp: 'awardedAt' },
  { from: 'awarded', event: 'complete', to: 'completed', by: 'system', stamp: 'completedAt' },
  { from: 'draft', event: 'cancel', to: 'cancelled', by: 'owner', action: 'need.cancel', stamp: 'cancelledAt' },
  { from: 'published', event: 'cancel', to: 'cancelled', by: 'owner', action: 'need.cancel', stamp: 'cancelledAt' },
  { from: 'closed', event: 'cancel', to: 'cancelled', by: 'owner', action: 'need.cancel', stamp: 'cancelledAt' },
  { from: 'evaluating', event: 'cancel', to: 'cancelled', by: 'owner', action: 'need.cancel', stamp: 'cancelledAt' },
];

export type NeedRow = typeof needs.$inferSelect;

export function transitionFor(from: NeedStatus, event: NeedEvent): NeedTransition | undefined {
  return NEED_TRANSITIONS.find((t) => t.from === from && t.event === event);
}

/** The events an actor of the owning organisation could fire now (the pages show these buttons). */
export function availableEvents(need: Pick<NeedRow, 'status' | 'mode'>, actor: MemberActor): NeedEvent[] {
  return NEED_TRANSITIONS.filter(
    (t) =>
      t.from === need.status &&
      t.by === 'owner' &&
      (!t.modes || t.modes.includes(need.mode)) &&
      !!t.action &&
      can({ orgKind: actor.org.kind, role: actor.org.role, orgStatus: actor.org.status }, t.action),
  ).map((t) => t.event);
}

/**
 * What must hold before a draft goes public. Field errors (keys under `errors`) so the form can point
 * at each; the draft itself may be incomplete.
 */
export function publishProblems(need: NeedRow, at: Date): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!need.summary.trim()) problems.summary = 'v.need.required';
  if (!need.description.trim()) problems.description = 'v.need.required';
  if (!need.bidDeadline) problems.bidDeadline = 'v.need.required';
  else if (need.bidDeadline.getTime() <= at.getTime()) problems.bidDeadline = 'v.need.deadlinePast';
  if (!need.deliveryMonths) problems.deliveryMonths = 'v.need.required';
  if (need.mode === 'jiebang') {
    if (need.bounty === null) problems.bounty = 'v.need.bountyRequired';
  } else {
    if (need.budgetMin === null) problems.budgetMin = 'v.need.required';
    if (need.budgetMax === null) problems.budgetMax = 'v.need.required';
  }
  if (need.budgetMin !== null && need.budgetMax !== null && Number(need.budgetMin) > Number(need.budgetMax)) {
    problems.budgetMax = 'v.need.budgetOrder';
  }
  if (need.annexText.trim() && !need.ndaText.trim()) problems.ndaText = 'v.need.ndaRequired';
  return problems;
}

/** The notification each transition sends, and to whom (never to the actor who caused it). */
const NOTIFICATIONS: Partial<Record<NeedEvent, NotificationKind>> = {
  publish: 'need.published',
  close: 'need.closed',
  deadline: 'need.closed',
  cancel: 'need.cancelled',
};

async function recipients(tx: Db, need: NeedRow, event: NeedEvent, endedBidOrgs: readonly string[]): Promise<string[]> {
  const users = new Set<string>();
  if (endedBidOrgs.length > 0) {
    // Teams whose bids the cancellation ended: every owner/admin (who may bid) hears of it.
    const bidders = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(inArray(memberships.orgId, [...endedBidOrgs]), inArray(memberships.role, ['owner', 'admin'])));
    for (const b of bidders) users.add(b.userId);
  }
  if (need.authorUserId) users.add(need.authorUserId);
  if (event === 'deadline') {
    // The owner must now review bids: every owner/admin of the organisation hears of it.
    const managers = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, need.ownerOrgId), inArray(memberships.role, ['owner', 'admin'])));
    for (const m of managers) users.add(m.userId);
  }
  if (event === 'close' || event === 'cancel') {
    // Teams that accepted the NDA are preparing bids: they must not keep working on a closed or cancelled need.
    const teams = await tx
      .select({ userId: memberships.userId })
      .from(needNdaAcceptances)
      .innerJoin(memberships, eq(memberships.orgId, needNdaAcceptances.orgId))
      .where(and(eq(needNdaAcceptances.needId, need.id), ne(needNdaAcceptances.orgId, need.ownerOrgId)));
    for (const t of teams) users.add(t.userId);
  }
  return [...users];
}

export interface EventOptions {
  cancelReason?: string;
}

/**
 * Fires `event` on a need the caller has locked (`select … for update`) inside `tx`. `actor` null means
 * the system. Refusals: an event not in the table from this status → CONFLICT; the wrong mode → CONFLICT
 * with its own key; an owner event by an organisation the permission table refuses → FORBIDDEN; publish
 * with problems → BAD_REQUEST with field errors. Scope (is the actor the owner?) is the caller's check,
 * made before this so outsiders learn nothing.
 */
export async function applyNeedEvent(
  tx: Db,
  afterCommit: AfterCommit,
  actor: MemberActor | null,
  need: NeedRow,
  event: NeedEvent,
  options: EventOptions = {},
): Promise<NeedRow> {
  const transition = transitionFor(need.status, event);
  if (!transition) throw conflict('needs.invalidTransition', { from: need.status, event });
  if (transition.by === 'system' && actor) throw conflict('needs.invalidTransition', { from: need.status, event });
  if (transition.by === 'owner') {
    if (!actor || actor.org.id !== need.ownerOrgId) throw notFound();
    const { org } = actor;
    if (transition.action && !can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, transition.action)) {
      throw new AppError('FORBIDDEN', org.status === 'verified' ? 'forbidden' : 'orgNotVerified');
    }
  }
  if (transition.modes && !transition.modes.includes(need.mode)) {
    throw conflict(event === 'close' ? 'needs.earlyCloseOpenOnly' : 'needs.invalidTransition', { from: need.status, event });
  }
  const at = now();
  if (event === 'deadline' && (!need.bidDeadline || need.bidDeadline.getTime() > at.getTime())) {
    throw conflict('needs.deadlineNotReached');
  }
  if (event === 'publish') {
    // SPEC §1: the bureau publishes 揭榜挂帅 lists only.
    if (actor?.org.kind === 'bureau' && need.mode !== 'jiebang') throw badRequest('needs.bureauJiebangOnly', { mode: 'needs.bureauJiebangOnly' });
    const problems = publishProblems(need, at);
    if (Object.keys(problems).length > 0) {
      const key = problems.bidDeadline === 'v.need.deadlinePast' ? 'needs.deadlinePast' : 'needs.incomplete';
      throw badRequest(key, problems);
    }
  }
  const [updated] = await tx
    .update(needs)
    .set({
      status: transition.to,
      [transition.stamp]: at,
      ...(event === 'cancel' ? { cancelReason: options.cancelReason?.trim() || null } : {}),
      updatedAt: at,
    })
    // The status guard makes a racing second transition a no-op rather than a double change.
    .where(and(eq(needs.id, need.id), eq(needs.status, need.status)))
    .returning();
  if (!updated) throw conflict('needs.invalidTransition', { from: need.status, event });
  await audit(tx, actor, {
    action: `need.${event}`,
    entityType: 'need',
    entityId: need.id,
    orgId: need.ownerOrgId,
    before: { status: need.status },
    after: { status: updated.status, ...(event === 'cancel' && updated.cancelReason ? { reason: updated.cancelReason } : {}) },
  });
  // A cancelled need leaves no bid in competition (no bid ends in silence): each ends, audited, and its team is told.
  // A team's unsent draft stays the team's own (it may discard it); the owner never saw it.
  const endedBidOrgs: string[] = [];
  if (event === 'cancel' && actor) {
    const open = await tx
      .select()
      .from(bids)
      .where(and(eq(bids.needId, need.id), inArray(bids.status, [...COMPETING])))
      .for('update');
    for (const bid of open) {
      await applyBidEvent(tx, actor, updated, bid, 'needCancelled', { set: { decidedAt: at } });
      endedBidOrgs.push(bid.orgId);
    }
  }
  const kind = NOTIFICATIONS[event];
  if (kind) {
    const to = (await recipients(tx, updated, event, endedBidOrgs)).filter((id) => id !== actor?.userId);
    await notify(tx, afterCommit, to, kind, { needId: need.id, title: need.title }, `/needs/${need.id}`);
  }
  return updated;
}

/**
 * An owner's event on one need, in its own transaction: lock the row, check the actor owns it (anyone
 * else: NOT_FOUND, nothing written), then `applyNeedEvent`.
 */
export async function fireNeedEvent(db: Db, actor: Actor, needId: string, event: NeedEvent, options: EventOptions = {}): Promise<NeedRow> {
  return inTransaction(db, async (tx, afterCommit) => {
    const member = actor.org ? (actor as MemberActor) : null;
    if (!member) throw notFound();
    const [need] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.id, needId), eq(needs.ownerOrgId, member.org.id)))
      .for('update');
    if (!need) throw notFound();
    return applyNeedEvent(tx, afterCommit, member, need, event, options);
  });
}
