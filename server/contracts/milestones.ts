import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments, contractDeliveries, contractDeliveryFiles, contractMilestones, contractPayments, contracts } from '@/db/schema';
import type { Actor, MemberActor } from '../actor';
import { now } from '../clock';
import { badRequest, conflict, notFound } from '../errors';
import { creditForMilestoneReview, creditForPayment } from '../credit/record';
import { notify } from '../notifications/notify';
import { inTransaction } from '../transaction';
import { completeIfAllPaid } from './contracts';
import { auditContract, authorise, invalidTransition, localDate, lockContract, managersOf, toCents, type ContractRow } from './shared';
import { milestonesMove, MILESTONE_TRANSITIONS, transition, type MilestoneEvent } from './states';

/**
 * Milestones of a contract (SPEC §4): the team submits a deliverable (note + its own files), the client accepts
 * or rejects it with a reason, acceptance makes the amount due, and the client records the payment. Each act
 * locks the contract row first, so two acts on one contract never interleave.
 */

export type MilestoneRow = typeof contractMilestones.$inferSelect;
type MilestoneChanges = Partial<Omit<typeof contractMilestones.$inferInsert, 'id' | 'contractId' | 'status'>>;

/**
 * Locks the milestone and its contract. Anyone who may not read the contract gets NOT_FOUND, exactly as for a
 * milestone that does not exist.
 */
export async function lockMilestone(tx: Db, actor: Actor | null, milestoneId: string): Promise<{ contract: ContractRow; milestone: MilestoneRow }> {
  const [found] = await tx.select({ contractId: contractMilestones.contractId }).from(contractMilestones).where(eq(contractMilestones.id, milestoneId)).limit(1);
  if (!found) throw notFound();
  const contract = await lockContract(tx, actor, found.contractId);
  const [milestone] = await tx.select().from(contractMilestones).where(eq(contractMilestones.id, milestoneId)).for('update');
  if (!milestone) throw notFound();
  return { contract, milestone };
}

/**
 * Moves a milestone along its table (the caller authorised the act), guarded on the status it read, with one
 * audit row. Rulings move milestones too (disputes.ts), as the bureau.
 */
export async function moveMilestone(
  tx: Db,
  actor: Actor | null,
  contract: ContractRow,
  milestone: MilestoneRow,
  event: MilestoneEvent,
  changes: MilestoneChanges = {},
  auditExtra: Record<string, unknown> = {},
): Promise<MilestoneRow> {
  const t = transition(MILESTONE_TRANSITIONS, milestone.status, event);
  if (!t) throw invalidTransition('milestone', milestone.status, event);
  const at = now();
  const [updated] = await tx
    .update(contractMilestones)
    .set({ ...changes, status: t.to, updatedAt: at })
    .where(and(eq(contractMilestones.id, milestone.id), eq(contractMilestones.status, milestone.status)))
    .returning();
  if (!updated) throw invalidTransition('milestone', milestone.status, event);
  // A milestone's act is the contract's progress: contract lists sort by it (最近进展).
  await tx.update(contracts).set({ updatedAt: at }).where(eq(contracts.id, contract.id));
  await auditContract(tx, actor, contract, {
    action: `milestone.${event}`,
    entityType: 'contract',
    entityId: contract.id,
    before: { milestoneId: milestone.id, seq: milestone.seq, status: milestone.status },
    after: { milestoneId: milestone.id, seq: milestone.seq, status: updated.status, ...auditExtra },
  });
  return updated;
}

/** Authorises an actor's milestone event (side + permission) and checks the contract lets milestones move. */
function authoriseMilestoneEvent(actor: MemberActor, contract: ContractRow, milestone: MilestoneRow, event: MilestoneEvent, contractMustMove = true) {
  const rule = MILESTONE_TRANSITIONS.find((t) => t.event === event);
  if (!rule) throw invalidTransition('milestone', milestone.status, event);
  authorise(actor, contract, rule);
  if (contractMustMove && !milestonesMove(contract.status)) throw conflict('contracts.contractNotActive', { status: contract.status });
  if (!transition(MILESTONE_TRANSITIONS, milestone.status, event)) throw invalidTransition('milestone', milestone.status, event);
}

/** The latest submission of a milestone (the one an answer applies to). */
export async function latestDelivery(tx: Db, milestoneId: string) {
  const [row] = await tx.select().from(contractDeliveries).where(eq(contractDeliveries.milestoneId, milestoneId)).orderBy(desc(contractDeliveries.attempt)).limit(1);
  return row ?? null;
}

/** Records the answer (the client's, or the bureau's ruling) on the latest submission. */
export async function decideLatestDelivery(tx: Db, actor: Actor | null, milestoneId: string, decision: 'accepted' | 'rejected', reason: string | null) {
  const delivery = await latestDelivery(tx, milestoneId);
  if (!delivery) return;
  await tx
    .update(contractDeliveries)
    .set({ decision, decisionReason: reason, decidedBy: actor?.userId ?? null, decidedAt: now() })
    .where(eq(contractDeliveries.id, delivery.id));
}

const link = (contract: ContractRow) => `/contracts/${contract.id}`;
const payloadOf = (contract: ContractRow, m: MilestoneRow) => ({ contractId: contract.id, subject: contract.subject, seq: m.seq, deliverable: m.deliverable });

/**
 * The team submits (or, after a rejection, resubmits) a milestone's deliverable: a note and files its own
 * organisation uploaded. Files of any other organisation are refused without saying whether they exist.
 */
export async function submitDelivery(db: Db, actor: MemberActor, input: { milestoneId: string; note: string; attachmentIds: readonly string[] }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { contract, milestone } = await lockMilestone(tx, actor, input.milestoneId);
    authoriseMilestoneEvent(actor, contract, milestone, 'submit');
    const fileIds = [...new Set(input.attachmentIds)];
    if (fileIds.length > 0) {
      const own = await tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(inArray(attachments.id, fileIds), eq(attachments.ownerOrgId, contract.providerOrgId)));
      if (own.length !== fileIds.length) throw badRequest('contracts.filesNotYours', { attachmentIds: 'contracts.filesNotYours' });
    }
    const [prior] = await tx.select({ n: count() }).from(contractDeliveries).where(eq(contractDeliveries.milestoneId, milestone.id));
    const at = now();
    const [delivery] = await tx
      .insert(contractDeliveries)
      .values({ milestoneId: milestone.id, contractId: contract.id, attempt: (prior?.n ?? 0) + 1, note: input.note, submittedBy: actor.userId, submittedAt: at })
      .returning();
    if (!delivery) throw new Error('insert delivery returned no row');
    if (fileIds.length > 0) await tx.insert(contractDeliveryFiles).values(fileIds.map((attachmentId) => ({ deliveryId: delivery.id, attachmentId })));
    const updated = await moveMilestone(tx, actor, contract, milestone, 'submit', { submittedAt: at }, { deliveryId: delivery.id, attempt: delivery.attempt, files: fileIds });
    await notify(tx, afterCommit, await managersOf(tx, [contract.clientOrgId]), 'contract.milestoneSubmitted', payloadOf(contract, updated), link(contract));
    return { milestone: updated, delivery };
  });
}

/** The client accepts the submitted deliverable: the milestone's amount is now due. */
export async function acceptMilestone(db: Db, actor: MemberActor, input: { milestoneId: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { contract, milestone } = await lockMilestone(tx, actor, input.milestoneId);
    authoriseMilestoneEvent(actor, contract, milestone, 'accept');
    await decideLatestDelivery(tx, actor, milestone.id, 'accepted', null);
    const updated = await moveMilestone(tx, actor, contract, milestone, 'accept', { acceptedAt: now() }, { amountDue: milestone.amount });
    await creditForMilestoneReview(tx, afterCommit, actor, contract, updated, 'accepted');
    await notify(tx, afterCommit, await managersOf(tx, [contract.providerOrgId]), 'contract.milestoneAccepted', { ...payloadOf(contract, updated), amount: updated.amount }, link(contract));
    return updated;
  });
}

/** The client rejects the submitted deliverable with a reason; the team may resubmit. */
export async function rejectMilestone(db: Db, actor: MemberActor, input: { milestoneId: string; reason: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { contract, milestone } = await lockMilestone(tx, actor, input.milestoneId);
    authoriseMilestoneEvent(actor, contract, milestone, 'reject');
    await decideLatestDelivery(tx, actor, milestone.id, 'rejected', input.reason);
    const updated = await moveMilestone(tx, actor, contract, milestone, 'reject', { rejectedAt: now(), rejectReason: input.reason }, { reason: input.reason });
    await creditForMilestoneReview(tx, afterCommit, actor, contract, milestone, 'rejected');
    await notify(tx, afterCommit, await managersOf(tx, [contract.providerOrgId]), 'contract.milestoneRejected', { ...payloadOf(contract, updated), reason: input.reason }, link(contract));
    return updated;
  });
}

/**
 * The client records the payment of an accepted milestone (no gateway: the date and amount it paid). The
 * amount is the milestone's; recording stays possible after a termination or a stage gate, since money owed
 * is still owed. The last payment of an active contract completes it.
 */
export async function recordPayment(db: Db, actor: MemberActor, input: { milestoneId: string; amount: number; paidOn: string; reference?: string }) {
  return inTransaction(db, async (tx, afterCommit) => {
    const { contract, milestone } = await lockMilestone(tx, actor, input.milestoneId);
    authoriseMilestoneEvent(actor, contract, milestone, 'pay', false);
    if (toCents(input.amount) !== toCents(milestone.amount)) {
      throw badRequest('contracts.paymentAmount', { amount: 'contracts.paymentAmount' }, { due: milestone.amount });
    }
    const at = now();
    if (input.paidOn > localDate(at)) throw badRequest('contracts.paidInFuture', { paidOn: 'contracts.paidInFuture' });
    const [payment] = await tx
      .insert(contractPayments)
      .values({
        milestoneId: milestone.id,
        contractId: contract.id,
        amount: milestone.amount,
        paidOn: input.paidOn,
        reference: input.reference?.trim() || null,
        recordedBy: actor.userId,
        recordedAt: at,
      })
      .returning();
    if (!payment) throw new Error('insert payment returned no row');
    const updated = await moveMilestone(tx, actor, contract, milestone, 'pay', { paidAt: at }, { paymentId: payment.id, amount: payment.amount, paidOn: payment.paidOn });
    await creditForPayment(tx, afterCommit, actor, contract, milestone, payment.paidOn);
    await notify(tx, afterCommit, await managersOf(tx, [contract.providerOrgId]), 'contract.paymentRecorded', { ...payloadOf(contract, updated), amount: payment.amount, paidOn: payment.paidOn }, link(contract));
    const after = await completeIfAllPaid(tx, afterCommit, contract);
    return { milestone: updated, payment, contractStatus: after.status };
  });
}

