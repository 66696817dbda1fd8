import { and, eq, inArray, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contractMilestones, contractRatings, contracts, creditEvents } from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { inTransaction, type AfterCommit } from '../transaction';
import type { CreditEventData } from './events';
import { recordCreditEvent } from './ledger';

/**
 * What the product records in the credit ledger as things happen — one call per transition of the contracts
 * domain (server/contracts), inside the act's transaction. Each event is recorded once per organisation (its
 * `source`), so a repeated call is harmless. Event shapes: events.ts; how they count: score.ts.
 */

type Side = 'client' | 'provider';
type ContractRow = typeof contracts.$inferSelect;
type MilestoneRow = typeof contractMilestones.$inferSelect;
type RatingRow = typeof contractRatings.$inferSelect;

/** An owner answers a submitted milestone promptly within 7 days (the team may escalate after 14). */
export const REVIEW_TARGET_HOURS = 7 * 24;
/** An accepted milestone is paid promptly within 30 days. */
export const PAYMENT_TARGET_HOURS = 30 * 24;
/** A team answers an invitation to bid promptly within 48 hours. */
export const INVITATION_TARGET_HOURS = 48;

const HOUR_MS = 3600 * 1000;
const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const hoursBetween = (from: Date, to: Date) => Math.max(0, Math.round(((to.getTime() - from.getTime()) / HOUR_MS) * 10) / 10);

function refOf(contract: ContractRow, side: Side) {
  return {
    contractId: contract.id,
    counterpartyOrgId: side === 'provider' ? contract.clientOrgId : contract.providerOrgId,
    role: side,
    value: Number(contract.value),
  };
}
const orgOf = (contract: ContractRow, side: Side) => (side === 'provider' ? contract.providerOrgId : contract.clientOrgId);

/** Records one contract event in both parties' ledgers (each seen from its own side). */
async function forBothSides(
  tx: Db,
  afterCommit: AfterCommit,
  contract: ContractRow,
  source: string,
  data: (side: Side) => CreditEventData | null,
  actor: Actor | null,
) {
  const at = now();
  for (const side of ['provider', 'client'] as const) {
    const d = data(side);
    if (d) await recordCreditEvent(tx, afterCommit, { orgId: orgOf(contract, side), occurredAt: at, data: d }, { source, actor });
  }
}

/** A milestone's outcome: accepted on time (submitted by its due date) or late; `lateFault` names who made it late. */
async function milestoneOutcome(tx: Db, afterCommit: AfterCommit, contract: ContractRow, milestone: MilestoneRow, lateFault: Side, actor: Actor | null) {
  const submitted = milestone.submittedAt ? LOCAL_DATE.format(milestone.submittedAt) : null;
  const result = submitted !== null && submitted <= milestone.dueDate ? 'on_time' : 'late';
  await forBothSides(
    tx,
    afterCommit,
    contract,
    `milestone:${milestone.id}`,
    (side) => ({ kind: 'milestone', ...refOf(contract, side), seq: milestone.seq, result, faultOf: result === 'on_time' ? null : lateFault }),
    actor,
  );
}

/**
 * The owner answered a submitted milestone (accepted or rejected): its responsiveness (hours since the submission);
 * an acceptance also records the milestone's outcome for both parties. A rejection is not a failure — the team
 * resubmits; a milestone fails only when its contract is terminated without it.
 */
export async function creditForMilestoneReview(tx: Db, afterCommit: AfterCommit, actor: Actor, contract: ContractRow, milestone: MilestoneRow, decision: 'accepted' | 'rejected') {
  if (milestone.submittedAt) {
    await recordCreditEvent(
      tx,
      afterCommit,
      {
        orgId: contract.clientOrgId,
        occurredAt: now(),
        data: {
          kind: 'responsiveness',
          measure: 'milestone_review',
          hours: hoursBetween(milestone.submittedAt, now()),
          targetHours: REVIEW_TARGET_HOURS,
          contractId: contract.id,
          counterpartyOrgId: contract.providerOrgId,
        },
      },
      { source: `review:${milestone.id}:${milestone.submittedAt.getTime()}`, actor },
    );
  }
  if (decision === 'accepted') await milestoneOutcome(tx, afterCommit, contract, milestone, 'provider', actor);
}

/** The owner recorded a payment: how long after the acceptance the money was paid (its stated date). */
export async function creditForPayment(tx: Db, afterCommit: AfterCommit, actor: Actor, contract: ContractRow, milestone: MilestoneRow, paidOn: string) {
  if (!milestone.acceptedAt) return;
  const paid = new Date(`${paidOn}T12:00:00+08:00`);
  await recordCreditEvent(
    tx,
    afterCommit,
    {
      orgId: contract.clientOrgId,
      occurredAt: now(),
      data: {
        kind: 'responsiveness',
        measure: 'payment',
        hours: hoursBetween(milestone.acceptedAt, paid),
        targetHours: PAYMENT_TARGET_HOURS,
        contractId: contract.id,
        counterpartyOrgId: contract.providerOrgId,
      },
    },
    { source: `payment:${milestone.id}`, actor },
  );
}

/**
 * A contract ended: completed or stage_closed (赛马制 gate — delivered, not failed) for both parties; terminated with
 * the side the ruling went against, whose unaccepted milestones then count as failed (none when no side was at fault).
 */
export async function creditForContractEnd(tx: Db, afterCommit: AfterCommit, actor: Actor | null, contract: ContractRow, faultOf: Side | null = null) {
  const outcome = contract.status;
  if (outcome !== 'completed' && outcome !== 'stage_closed' && outcome !== 'terminated') return;
  const fault = outcome === 'terminated' ? faultOf : null;
  await forBothSides(tx, afterCommit, contract, `contract:${contract.id}:end`, (side) => ({ kind: 'contract_ended', ...refOf(contract, side), outcome, faultOf: fault }), actor);
  if (outcome === 'terminated' && fault) {
    const open = await tx
      .select()
      .from(contractMilestones)
      .where(and(eq(contractMilestones.contractId, contract.id), inArray(contractMilestones.status, ['pending', 'submitted', 'rejected', 'escalated'])));
    for (const m of open) {
      await forBothSides(
        tx,
        afterCommit,
        contract,
        `milestone:${m.id}`,
        (side) => ({ kind: 'milestone', ...refOf(contract, side), seq: m.seq, result: 'failed', faultOf: fault }),
        actor,
      );
    }
  }
}

/**
 * The bureau ruled a dispute: a ruling against a side is on that side's record; a milestone the ruling accepts
 * gets its outcome (late by the client's fault when the ruling went against the client); a termination ends the
 * contract with the ruling's side at fault.
 */
export async function creditForRuling(
  tx: Db,
  afterCommit: AfterCommit,
  actor: Actor,
  ruling: { disputeId: string; against: 'client' | 'provider' | 'neither'; milestone: MilestoneRow | null; milestoneDecision: 'accept' | 'reject' | null; contractAfter: ContractRow },
) {
  const contract = ruling.contractAfter;
  const against = ruling.against === 'neither' ? null : ruling.against;
  if (against) {
    await recordCreditEvent(
      tx,
      afterCommit,
      { orgId: orgOf(contract, against), occurredAt: now(), data: { kind: 'dispute_ruled', ...refOf(contract, against), disputeId: ruling.disputeId } },
      { source: `dispute:${ruling.disputeId}`, actor },
    );
  }
  if (ruling.milestone && ruling.milestoneDecision === 'accept') {
    await milestoneOutcome(tx, afterCommit, contract, ruling.milestone, against === 'client' ? 'client' : 'provider', actor);
  }
  if (contract.status === 'terminated') await creditForContractEnd(tx, afterCommit, actor, contract, against);
}

/** A revealed rating, in the rated organisation's ledger. */
async function recordRating(tx: Db, afterCommit: AfterCommit, contract: ContractRow, rating: RatingRow) {
  const side: Side = rating.ratedOrgId === contract.providerOrgId ? 'provider' : 'client';
  const stars = Math.round(((rating.quality + rating.timeliness + rating.communication) / 3) * 100) / 100;
  await recordCreditEvent(
    tx,
    afterCommit,
    { orgId: rating.ratedOrgId, occurredAt: now(), data: { kind: 'rating', ...refOf(contract, side), stars, again: rating.wouldContractAgain } },
    { source: `rating:${rating.id}` },
  );
}

/**
 * Ratings enter the ledger only once revealed (double-blind, server/contracts/ratings.ts): when both sides have
 * rated (called by the act that gave the second rating), or 14 days after the end (`recordRevealedRatings`).
 */
export async function creditForRatingsRevealed(tx: Db, afterCommit: AfterCommit, contract: ContractRow) {
  const rows = await tx.select().from(contractRatings).where(eq(contractRatings.contractId, contract.id));
  for (const r of rows) await recordRating(tx, afterCommit, contract, r);
}

/** Ratings revealed by time (14 days after a normal end) that are not in the ledger yet: the credit job's pass. */
export async function recordRevealedRatings(db: Db, blindDays = 14): Promise<number> {
  const cutoff = new Date(now().getTime() - blindDays * 24 * HOUR_MS);
  const due = await db
    .select({ rating: contractRatings, contract: contracts })
    .from(contractRatings)
    .innerJoin(contracts, eq(contracts.id, contractRatings.contractId))
    .where(
      and(
        isNotNull(contracts.endedAt),
        lte(contracts.endedAt, cutoff),
        notExists(
          db
            .select({ one: sql`1` })
            .from(creditEvents)
            .where(and(eq(creditEvents.orgId, contractRatings.ratedOrgId), eq(creditEvents.source, sql`'rating:' || ${contractRatings.id}`))),
        ),
      ),
    )
    .limit(500);
  for (const { rating, contract } of due) {
    await inTransaction(db, (tx, afterCommit) => recordRating(tx, afterCommit, contract, rating));
  }
  return due.length;
}

/** A team answered an invitation to bid (matching's invitations): its responsiveness. */
export async function creditForInvitationAnswered(tx: Db, afterCommit: AfterCommit, input: { invitationId: string; teamOrgId: string; ownerOrgId: string; invitedAt: Date; answeredAt: Date }) {
  await recordCreditEvent(
    tx,
    afterCommit,
    {
      orgId: input.teamOrgId,
      occurredAt: input.answeredAt,
      data: {
        kind: 'responsiveness',
        measure: 'invitation',
        hours: hoursBetween(input.invitedAt, input.answeredAt),
        targetHours: INVITATION_TARGET_HOURS,
        contractId: null,
        counterpartyOrgId: input.ownerOrgId,
      },
    },
    { source: `invitation:${input.invitationId}` },
  );
}
