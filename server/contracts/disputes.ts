import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { contractDisputes, contractMilestones, contracts, organizations } from '@/db/schema';
import type { MemberActor } from '../actor';
import { now } from '../clock';
import { badRequest, conflict, notFound } from '../errors';
import { creditForRuling } from '../credit/record';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { completeIfAllPaid, completeNeedIfDone, fireContractEvent } from './contracts';
import { decideLatestDelivery, lockMilestone, moveMilestone } from './milestones';
import { auditContract, authorise, bureauMembers, invalidTransition, isBureau, lockContract, managersOf, orgOfSide, otherSide, sideOf } from './shared';
import { ANSWER_WINDOW_DAYS, CONTRACT_TRANSITIONS, DAY_MS, DISPUTE_TRANSITIONS, MILESTONE_TRANSITIONS, transition } from './states';

/**
 * Disputes and escalations (SPEC §4). Either party raises a dispute with a reason; a team whose submitted
 * milestone went unanswered for 14 days escalates it. Both put the contract in `disputed` (milestones wait)
 * until the bureau rules: a reason, the side the ruling goes against (credit evidence), whether the contract
 * continues or is terminated, and — when the dispute is about a milestone — whether that milestone is accepted.
 */

export type DisputeRow = typeof contractDisputes.$inferSelect;

const link = (contractId: string) => `/contracts/${contractId}`;

/** Either party raises a dispute (optionally about one of the contract's milestones). */
export async function raiseDispute(db: Db, actor: MemberActor, input: { contractId: string; milestoneId?: string; reason: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const contract = await lockContract(tx, actor, input.contractId);
    const rule = CONTRACT_TRANSITIONS.find((t) => t.event === 'raiseDispute');
    if (rule) authorise(actor, contract, rule);
    if (input.milestoneId) {
      const [m] = await tx
        .select({ id: contractMilestones.id })
        .from(contractMilestones)
        .where(and(eq(contractMilestones.id, input.milestoneId), eq(contractMilestones.contractId, contract.id)))
        .limit(1);
      if (!m) throw badRequest('contracts.milestoneNotInContract', { milestoneId: 'contracts.milestoneNotInContract' });
    }
    const updated = await fireContractEvent(tx, actor, contract, 'raiseDispute');
    const side = sideOf(actor, contract);
    if (!side) throw notFound();
    const [dispute] = await tx
      .insert(contractDisputes)
      .values({
        contractId: contract.id,
        milestoneId: input.milestoneId ?? null,
        kind: 'dispute',
        status: 'open',
        raisedBySide: side,
        raisedByOrgId: actor.org.id,
        raisedBy: actor.userId,
        reason: input.reason,
        openedAt: now(),
      })
      .returning();
    if (!dispute) throw new Error('insert dispute returned no row');
    await auditContract(tx, actor, contract, {
      action: 'dispute.raise',
      entityType: 'contract',
      entityId: contract.id,
      after: { disputeId: dispute.id, milestoneId: dispute.milestoneId, reason: dispute.reason, side },
    });
    const to = [...(await managersOf(tx, [orgOfSide(contract, otherSide(side))])), ...(await bureauMembers(tx))];
    await notify(tx, afterCommit, to, 'contract.disputeRaised', { contractId: contract.id, subject: contract.subject, disputeId: dispute.id }, link(contract.id));
    return { dispute, contractStatus: updated.status };
  });
}

/**
 * The team escalates a submitted milestone the client has not answered within 14 days of its submission: the
 * milestone becomes `escalated`, the contract `disputed`, and the bureau finds it in its queue. Before the 14
 * days are over: CONFLICT, nothing written.
 */
export async function escalateMilestone(db: Db, actor: MemberActor, input: { milestoneId: string; reason: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { contract, milestone } = await lockMilestone(tx, actor, input.milestoneId);
    const rule = MILESTONE_TRANSITIONS.find((t) => t.event === 'escalate');
    if (rule) authorise(actor, contract, rule);
    if (!transition(MILESTONE_TRANSITIONS, milestone.status, 'escalate') || !milestone.submittedAt) {
      throw invalidTransition('milestone', milestone.status, 'escalate');
    }
    const at = now();
    const opensAt = new Date(milestone.submittedAt.getTime() + ANSWER_WINDOW_DAYS * DAY_MS);
    if (at.getTime() < opensAt.getTime()) throw conflict('contracts.escalateTooEarly', { opensAt: opensAt.toISOString() });
    const updatedContract = await fireContractEvent(tx, actor, contract, 'escalate');
    const [dispute] = await tx
      .insert(contractDisputes)
      .values({
        contractId: contract.id,
        milestoneId: milestone.id,
        kind: 'escalation',
        status: 'open',
        raisedBySide: 'provider',
        raisedByOrgId: actor.org.id,
        raisedBy: actor.userId,
        reason: input.reason,
        openedAt: at,
      })
      .returning();
    if (!dispute) throw new Error('insert dispute returned no row');
    const updated = await moveMilestone(tx, actor, contract, milestone, 'escalate', { escalatedAt: at }, { disputeId: dispute.id, reason: input.reason });
    const to = [...(await managersOf(tx, [contract.clientOrgId])), ...(await bureauMembers(tx))];
    await notify(
      tx,
      afterCommit,
      to,
      'contract.milestoneEscalated',
      { contractId: contract.id, subject: contract.subject, seq: milestone.seq, deliverable: milestone.deliverable, disputeId: dispute.id },
      link(contract.id),
    );
    return { dispute, milestone: updated, contractStatus: updatedContract.status };
  });
}

export interface RulingInput {
  disputeId: string;
  reason: string;
  against: 'client' | 'provider' | 'neither';
  outcome: 'continue' | 'terminate';
  milestoneDecision?: 'accept' | 'reject';
}

/**
 * The bureau rules on an open dispute. An escalation must decide its milestone (accept: the client answered too
 * late and the amount is due; reject: back to the team with the bureau's reason); a dispute about a submitted
 * or rejected milestone may decide it. The contract then continues (and completes if everything is paid) or is
 * terminated with the ruling's reason.
 */
export async function ruleDispute(db: Db, actor: MemberActor, input: RulingInput) {
  return inTransaction(db, async (tx, afterCommit) => {
    const [found] = await tx.select({ contractId: contractDisputes.contractId }).from(contractDisputes).where(eq(contractDisputes.id, input.disputeId)).limit(1);
    if (!found) throw notFound();
    const contract = await lockContract(tx, actor, found.contractId);
    const [dispute] = await tx.select().from(contractDisputes).where(eq(contractDisputes.id, input.disputeId)).for('update');
    if (!dispute) throw notFound();
    const rule = DISPUTE_TRANSITIONS.find((t) => t.event === 'rule');
    if (rule) authorise(actor, contract, rule);
    if (!transition(DISPUTE_TRANSITIONS, dispute.status, 'rule')) throw invalidTransition('dispute', dispute.status, 'rule');

    // What the ruling decides about the milestone, checked before anything is written.
    let milestoneRow = null;
    if (dispute.milestoneId) {
      milestoneRow = (await lockMilestone(tx, actor, dispute.milestoneId)).milestone;
    }
    const decision = input.milestoneDecision;
    if (dispute.kind === 'escalation' && !decision) throw badRequest('contracts.rulingNeedsDecision', { milestoneDecision: 'contracts.rulingNeedsDecision' });
    if (decision) {
      const event = decision === 'accept' ? 'ruleAccept' : 'ruleReject';
      if (!milestoneRow || !transition(MILESTONE_TRANSITIONS, milestoneRow.status, event)) {
        throw badRequest('contracts.rulingDecisionNotApplicable', { milestoneDecision: 'contracts.rulingDecisionNotApplicable' });
      }
    }

    const at = now();
    const [ruled] = await tx
      .update(contractDisputes)
      .set({
        status: 'ruled',
        rulingReason: input.reason,
        rulingAgainst: input.against,
        rulingOutcome: input.outcome,
        rulingMilestoneDecision: decision ?? null,
        ruledByOrgId: actor.org.id,
        ruledBy: actor.userId,
        ruledAt: at,
      })
      .where(and(eq(contractDisputes.id, dispute.id), eq(contractDisputes.status, 'open')))
      .returning();
    if (!ruled) throw invalidTransition('dispute', dispute.status, 'rule');
    await auditContract(tx, actor, contract, {
      action: 'dispute.rule',
      entityType: 'contract',
      entityId: contract.id,
      before: { disputeId: dispute.id, status: dispute.status },
      after: { disputeId: dispute.id, status: ruled.status, reason: input.reason, against: input.against, outcome: input.outcome, milestoneDecision: decision ?? null },
    });

    if (milestoneRow && decision === 'accept') {
      await decideLatestDelivery(tx, actor, milestoneRow.id, 'accepted', input.reason);
      await moveMilestone(tx, actor, contract, milestoneRow, 'ruleAccept', { acceptedAt: at }, { disputeId: dispute.id });
    } else if (milestoneRow && decision === 'reject') {
      await decideLatestDelivery(tx, actor, milestoneRow.id, 'rejected', input.reason);
      await moveMilestone(tx, actor, contract, milestoneRow, 'ruleReject', { rejectedAt: at, rejectReason: input.reason }, { disputeId: dispute.id });
    }

    let after = await fireContractEvent(tx, actor, contract, input.outcome === 'terminate' ? 'ruleTerminate' : 'ruleContinue', {
      endReason: input.outcome === 'terminate' ? input.reason : null,
    });
    await creditForRuling(tx, afterCommit, actor, { disputeId: dispute.id, against: input.against, milestone: milestoneRow, milestoneDecision: decision ?? null, contractAfter: after });
    await notify(
      tx,
      afterCommit,
      await managersOf(tx, [contract.clientOrgId, contract.providerOrgId]),
      'contract.disputeRuled',
      { contractId: contract.id, subject: contract.subject, disputeId: dispute.id, outcome: input.outcome },
      link(contract.id),
    );
    if (after.status === 'active') after = await completeIfAllPaid(tx, afterCommit, after);
    else await completeNeedIfDone(tx, afterCommit, contract.needId);
    return { dispute: ruled, contractStatus: after.status };
  });
}

const clientOrg = alias(organizations, 'client_org');
const providerOrg = alias(organizations, 'provider_org');

/** The bureau's queue: disputes and escalations on every contract, open ones first, oldest first. */
export async function listDisputes(db: Db, actor: MemberActor, input: { status?: 'open' | 'ruled'; cursor: number; limit: number }) {
  if (!isBureau(actor)) throw notFound();
  const rows = await db
    .select({
      id: contractDisputes.id,
      kind: contractDisputes.kind,
      status: contractDisputes.status,
      reason: contractDisputes.reason,
      raisedBySide: contractDisputes.raisedBySide,
      openedAt: contractDisputes.openedAt,
      ruledAt: contractDisputes.ruledAt,
      milestoneId: contractDisputes.milestoneId,
      contract: { id: contracts.id, subject: contracts.subject, value: contracts.value, status: contracts.status },
      client: { id: clientOrg.id, name: clientOrg.name },
      provider: { id: providerOrg.id, name: providerOrg.name },
    })
    .from(contractDisputes)
    .innerJoin(contracts, eq(contracts.id, contractDisputes.contractId))
    .innerJoin(clientOrg, eq(clientOrg.id, contracts.clientOrgId))
    .innerJoin(providerOrg, eq(providerOrg.id, contracts.providerOrgId))
    .where(input.status ? eq(contractDisputes.status, input.status) : undefined)
    .orderBy(asc(contractDisputes.status), asc(contractDisputes.openedAt), asc(contractDisputes.id))
    .limit(input.limit + 1)
    .offset(input.cursor);
  return { items: rows.slice(0, input.limit), nextCursor: rows.length > input.limit ? input.cursor + input.limit : null };
}
