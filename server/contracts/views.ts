import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  attachments,
  contractDeliveries,
  contractDeliveryFiles,
  contractDisputes,
  contractMilestones,
  contractPayments,
  contracts,
  needs,
  organizations,
} from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { notFound } from '../errors';
import { can, type Action } from '../permissions';
import { ratingsView } from './ratings';
import { canRead, isBureau, sideOf, type ContractRow } from './shared';
import { ANSWER_WINDOW_DAYS, DAY_MS, milestonesMove, MILESTONE_TRANSITIONS, type MilestoneEvent } from './states';

/**
 * One contract as a party or the bureau sees it: parties, milestones with every submission, answer, payment,
 * disputes and rulings, the (blind) ratings, and which acts the viewer may do now — the page shows those buttons.
 * Anyone else: NOT_FOUND.
 */
export async function getContract(db: Db, actor: Actor | null, id: string) {
  const [found] = await db
    .select({ contract: contracts, needTitle: needs.title, needMode: needs.mode })
    .from(contracts)
    .innerJoin(needs, eq(needs.id, contracts.needId))
    .where(eq(contracts.id, id))
    .limit(1);
  if (!found || !canRead(actor, found.contract)) throw notFound();
  return contractView(db, actor, found.contract, { title: found.needTitle, mode: found.needMode });
}

async function party(db: Db, orgId: string) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, creditCode: organizations.creditCode, hostInstitution: organizations.hostInstitution })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .limit(1);
  if (!org) throw notFound();
  return org;
}

function may(actor: Actor | null, action: Action): boolean {
  const org = actor?.org;
  return !!org && can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, action);
}

async function contractView(db: Db, actor: Actor | null, contract: ContractRow, need: { title: string; mode: string }) {
  const side = sideOf(actor, contract);
  const bureau = isBureau(actor);
  const [client, provider] = await Promise.all([party(db, contract.clientOrgId), party(db, contract.providerOrgId)]);
  const milestones = await db.select().from(contractMilestones).where(eq(contractMilestones.contractId, contract.id)).orderBy(asc(contractMilestones.seq));
  const deliveries = await db.select().from(contractDeliveries).where(eq(contractDeliveries.contractId, contract.id)).orderBy(asc(contractDeliveries.attempt));
  const files = deliveries.length
    ? await db
        .select({ deliveryId: contractDeliveryFiles.deliveryId, id: attachments.id, name: attachments.originalName, contentType: attachments.contentType, size: attachments.size })
        .from(contractDeliveryFiles)
        .innerJoin(attachments, eq(attachments.id, contractDeliveryFiles.attachmentId))
        .where(inArray(contractDeliveryFiles.deliveryId, deliveries.map((d) => d.id)))
    : [];
  const payments = await db.select().from(contractPayments).where(eq(contractPayments.contractId, contract.id));
  const disputes = await db.select().from(contractDisputes).where(eq(contractDisputes.contractId, contract.id)).orderBy(desc(contractDisputes.openedAt));
  const at = now();

  /** The milestone acts the viewer may do now (side, permission, contract state and, for escalation, the 14 days). */
  const actsFor = (m: (typeof milestones)[number]): MilestoneEvent[] => {
    const acts: MilestoneEvent[] = [];
    for (const t of MILESTONE_TRANSITIONS) {
      if (t.from !== m.status || t.by === 'bureau' || t.by === 'system' || acts.includes(t.event)) continue;
      if (t.by !== side || (t.action && !may(actor, t.action))) continue;
      if (t.event === 'pay' ? false : !milestonesMove(contract.status)) continue;
      if (t.event === 'escalate' && (!m.submittedAt || at.getTime() < m.submittedAt.getTime() + ANSWER_WINDOW_DAYS * DAY_MS)) continue;
      acts.push(t.event);
    }
    return acts;
  };

  return {
    id: contract.id,
    subject: contract.subject,
    status: contract.status,
    contractType: contract.contractType,
    fundingMode: contract.fundingMode,
    value: contract.value,
    signedAt: contract.signedAt,
    startDate: contract.startDate,
    endDate: contract.endDate,
    endedAt: contract.endedAt,
    endReason: contract.endReason,
    need: { id: contract.needId, title: need.title, mode: need.mode },
    client,
    provider,
    viewer: {
      side,
      isBureau: bureau,
      canRaiseDispute: !!side && contract.status === 'active' && may(actor, 'dispute.raise'),
    },
    milestones: milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      deliverable: m.deliverable,
      dueDate: m.dueDate,
      amount: m.amount,
      status: m.status,
      submittedAt: m.submittedAt,
      rejectedAt: m.rejectedAt,
      rejectReason: m.rejectReason,
      escalatedAt: m.escalatedAt,
      acceptedAt: m.acceptedAt,
      paidAt: m.paidAt,
      /** When the team may escalate an unanswered submission. */
      escalationOpensAt: m.status === 'submitted' && m.submittedAt ? new Date(m.submittedAt.getTime() + ANSWER_WINDOW_DAYS * DAY_MS) : null,
      deliveries: deliveries
        .filter((d) => d.milestoneId === m.id)
        .map((d) => ({
          id: d.id,
          attempt: d.attempt,
          note: d.note,
          submittedAt: d.submittedAt,
          decision: d.decision,
          decisionReason: d.decisionReason,
          decidedAt: d.decidedAt,
          files: files.filter((f) => f.deliveryId === d.id).map(({ deliveryId: _d, ...f }) => f),
        })),
      payment: payments
        .filter((p) => p.milestoneId === m.id)
        .map((p) => ({ amount: p.amount, paidOn: p.paidOn, reference: p.reference, recordedAt: p.recordedAt }))[0] ?? null,
      acts: actsFor(m),
    })),
    disputes: disputes.map((d) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      milestoneId: d.milestoneId,
      raisedBySide: d.raisedBySide,
      reason: d.reason,
      openedAt: d.openedAt,
      ruling: d.status === 'ruled' ? { reason: d.rulingReason, against: d.rulingAgainst, outcome: d.rulingOutcome, milestoneDecision: d.rulingMilestoneDecision, ruledAt: d.ruledAt } : null,
      canRule: d.status === 'open' && bureau && may(actor, 'dispute.rule'),
    })),
    ratings: await ratingsView(db, actor, contract),
  };
}
