import { and, eq } from 'drizzle-orm';
import { contractDisputes } from '@/db/schema';
import type { MemberActor } from '../actor';
import { raiseDispute, escalateMilestone, ruleDispute } from '../contracts/disputes';
import { acceptMilestone, recordPayment, rejectMilestone, submitDelivery } from '../contracts/milestones';
import { giveRating } from '../contracts/ratings';
import type { SeededOrg } from './context';
import type { ContractPlan, MilestoneOutcome } from './marketplace-needs';
import {
  CLIENT_RATING_COMMENTS,
  DELIVERY_NOTES,
  ESCALATION_REASON,
  ESCALATION_RULING,
  PAYMENT_REFERENCES,
  PROVIDER_RATING_COMMENTS,
  REJECT_REASONS,
  RESUBMIT_NOTES,
} from './marketplace-text';
import { roleActor, type Timeline } from './marketplace-timeline';
import type { Random } from './random';

/**
 * How each demo contract got where it is today: its milestones delivered, answered and paid (or rejected,
 * escalated, disputed) on dates that fit the award and the stage gate, then rated. `layoutContract` places the
 * events in time and derives the milestones' due dates the winning bid proposed; `scheduleContract` turns them
 * into acts on the timeline, through the contract domain (server/contracts).
 */

type StepKind = 'submit' | 'accept' | 'reject' | 'pay' | 'escalate' | 'ruleAccept';

interface Step {
  /** Days before the seed. */
  ago: number;
  hhmm: string;
  kind: StepKind;
  /** 0-based milestone index. */
  index: number;
}

export interface ContractLayout {
  /** Due date of each milestone the winning bid proposes, days before the seed (negative: ahead). */
  dueAgo: number[];
  steps: Step[];
  /** When the contract ends normally (its last payment, or the stage gate), days ago; null while it runs. */
  endAgo: number | null;
}

/** How long (days) an earlier, finished milestone takes from submission to payment. */
const SPAN: Partial<Record<MilestoneOutcome, number>> = { paid: 12, paidAfterReject: 24, escalatedRuled: 30 };

/** A finished milestone's events, counted from its first submission `s` (days ago). */
function finishedSteps(outcome: MilestoneOutcome, s: number, index: number): Step[] {
  switch (outcome) {
    case 'paid':
      return [
        { ago: s, hhmm: '10:00', kind: 'submit', index },
        { ago: s - 6, hhmm: '15:00', kind: 'accept', index },
        { ago: s - 12, hhmm: '11:00', kind: 'pay', index },
      ];
    case 'paidAfterReject':
      return [
        { ago: s, hhmm: '10:00', kind: 'submit', index },
        { ago: s - 6, hhmm: '15:00', kind: 'reject', index },
        { ago: s - 12, hhmm: '10:00', kind: 'submit', index },
        { ago: s - 18, hhmm: '15:00', kind: 'accept', index },
        { ago: s - 24, hhmm: '11:00', kind: 'pay', index },
      ];
    case 'escalatedRuled':
      return [
        { ago: s, hhmm: '10:00', kind: 'submit', index },
        { ago: s - 16, hhmm: '09:30', kind: 'escalate', index },
        { ago: s - 22, hhmm: '16:30', kind: 'ruleAccept', index },
        { ago: s - 30, hhmm: '11:00', kind: 'pay', index },
      ];
    default:
      throw new Error(`seed: a milestone before the current one must be finished, not "${outcome}"`);
  }
}

/** The latest milestone's events, placed by its anchor (the day of its main event). */
function currentSteps(outcome: MilestoneOutcome, a: number, index: number): Step[] {
  switch (outcome) {
    case 'paid':
    case 'paidAfterReject':
    case 'escalatedRuled':
      return finishedSteps(outcome, a + (SPAN[outcome] ?? 0), index);
    case 'accepted':
      return [
        { ago: a + 7, hhmm: '10:00', kind: 'submit', index },
        { ago: a, hhmm: '15:00', kind: 'accept', index },
      ];
    case 'submitted':
      return [{ ago: a, hhmm: '10:00', kind: 'submit', index }];
    case 'stale':
      if (a < 15) throw new Error('seed: a stale submission is more than 14 days old');
      return [{ ago: a, hhmm: '10:00', kind: 'submit', index }];
    case 'rejected':
      return [
        { ago: a + 6, hhmm: '10:00', kind: 'submit', index },
        { ago: a, hhmm: '15:00', kind: 'reject', index },
      ];
    case 'escalated':
      return [
        { ago: a + 17, hhmm: '10:00', kind: 'submit', index },
        { ago: a, hhmm: '09:30', kind: 'escalate', index },
      ];
    case 'pending':
      return [];
  }
}

const DEFAULT_ANCHOR: Record<MilestoneOutcome, number> = {
  paid: 20,
  paidAfterReject: 20,
  escalatedRuled: 30,
  accepted: 9,
  submitted: 3,
  stale: 20,
  rejected: 8,
  escalated: 12,
  pending: 0,
};

/**
 * Places a contract's milestone events between its award (`awardAgo`) and today. Finished milestones before the
 * current one share the time from three weeks after the award to the current one's first event; pending ones fall
 * due in the coming months. Throws when the plan does not fit (the catalogue is then wrong, not the domain).
 */
export function layoutContract(label: string, plan: ContractPlan, awardAgo: number, random: Random, gateAgo?: number): ContractLayout {
  const outcomes = plan.milestones;
  let k = -1;
  outcomes.forEach((o, i) => {
    if (o !== 'pending') k = i;
  });
  const steps: Step[] = [];
  const firstSubmit: number[] = [];
  if (k >= 0) {
    const current = outcomes[k] ?? 'pending';
    const anchor = plan.anchorAgo ?? (plan.stageClosed && gateAgo !== undefined ? gateAgo + 4 : DEFAULT_ANCHOR[current]);
    const last = currentSteps(current, anchor, k);
    const startK = Math.max(...last.map((s) => s.ago));
    const earlier = outcomes.slice(0, k);
    const start = awardAgo - 18;
    const needed = earlier.reduce((sum, o) => sum + (SPAN[o] ?? Number.POSITIVE_INFINITY), 0);
    const free = start - (startK + 8) - needed;
    if (free < 0 || startK > start) throw new Error(`seed: contract of "${label}" does not fit between its award and today`);
    const gap = earlier.length > 0 ? free / earlier.length : 0;
    let cursor = start - gap / 2;
    earlier.forEach((o, i) => {
      const s = Math.round(cursor);
      steps.push(...finishedSteps(o, s, i));
      firstSubmit[i] = s;
      cursor = s - (SPAN[o] ?? 0) - gap;
    });
    steps.push(...last);
    firstSubmit[k] = startK;
  }
  if (steps.some((s) => s.ago < 1)) throw new Error(`seed: contract of "${label}" has an event today or later`);
  if (plan.stageClosed && gateAgo !== undefined && steps.some((s) => s.ago <= gateAgo)) {
    throw new Error(`seed: contract of "${label}" closed at the stage gate has events after it`);
  }

  const dueAgo: number[] = [];
  let lastDue = awardAgo - 15;
  let pendingIndex = 0;
  outcomes.forEach((o, i) => {
    const s = firstSubmit[i];
    if (o !== 'pending' && s !== undefined) {
      // Delivered on time: due a few days after the first submission.
      lastDue = s - random.int(1, 4);
      dueAgo.push(lastDue);
    } else {
      const due = Math.min(lastDue - 30, -15) - 40 * pendingIndex;
      pendingIndex++;
      dueAgo.push(due);
    }
  });

  const allPaid = outcomes.every((o) => o === 'paid' || o === 'paidAfterReject' || o === 'escalatedRuled');
  const lastPay = allPaid ? Math.min(...steps.filter((s) => s.kind === 'pay').map((s) => s.ago)) : null;
  const endAgo = plan.stageClosed ? (gateAgo ?? null) : lastPay;
  return { dueAgo, steps, endAgo };
}

export interface ContractHandle {
  id: string;
  milestones: { id: string; seq: number; amount: string }[];
}

export interface ContractParties {
  label: string;
  client: SeededOrg;
  team: SeededOrg;
  bureau: SeededOrg;
  /** The contract as the award created it (filled in when the award act runs). */
  handle: () => ContractHandle;
}

/** Schedules the acts of one contract (milestones, dispute, ratings) on the timeline. */
export function scheduleContract(tl: Timeline, random: Random, plan: ContractPlan, layout: ContractLayout, parties: ContractParties): void {
  const tx = tl.db;
  const clientActor = roleActor(parties.client, 'owner');
  const teamActor = roleActor(parties.team, random.chance(0.5) ? 'owner' : 'admin');
  const bureauActor = roleActor(parties.bureau, 'owner');
  const milestone = (index: number) => {
    const m = parties.handle().milestones[index];
    if (!m) throw new Error(`seed: contract of "${parties.label}" has no milestone ${index + 1}`);
    return m;
  };
  const submissions = new Map<number, number>();

  for (const step of layout.steps) {
    const at = tl.at(step.ago, step.hhmm);
    const label = `${parties.label}: milestone ${step.index + 1} ${step.kind}`;
    switch (step.kind) {
      case 'submit': {
        const attempt = (submissions.get(step.index) ?? 0) + 1;
        submissions.set(step.index, attempt);
        const note = attempt === 1 ? random.pick(DELIVERY_NOTES) : random.pick(RESUBMIT_NOTES);
        tl.add(at, label, async () => {
          await submitDelivery(tx, teamActor, { milestoneId: milestone(step.index).id, note, attachmentIds: [] });
        });
        break;
      }
      case 'accept':
        tl.add(at, label, async () => {
          await acceptMilestone(tx, clientActor, { milestoneId: milestone(step.index).id });
        });
        break;
      case 'reject': {
        const reason = random.pick(REJECT_REASONS);
        tl.add(at, label, async () => {
          await rejectMilestone(tx, clientActor, { milestoneId: milestone(step.index).id, reason });
        });
        break;
      }
      case 'pay': {
        const reference = `${random.pick(PAYMENT_REFERENCES)} ${random.int(100_000, 999_999)}`;
        const paidOn = tl.date(step.ago);
        tl.add(at, label, async () => {
          const m = milestone(step.index);
          await recordPayment(tx, clientActor, { milestoneId: m.id, amount: Number(m.amount), paidOn, reference });
        });
        break;
      }
      case 'escalate':
        tl.add(at, label, async () => {
          await escalateMilestone(tx, teamActor, { milestoneId: milestone(step.index).id, reason: ESCALATION_REASON });
        });
        break;
      case 'ruleAccept':
        tl.add(at, label, async () => {
          const disputeId = await openDisputeOf(tl, parties.handle().id);
          await ruleDispute(tx, bureauActor, { disputeId, reason: ESCALATION_RULING, against: 'client', outcome: 'continue', milestoneDecision: 'accept' });
        });
        break;
    }
  }

  const dispute = plan.dispute;
  if (dispute) {
    if (layout.steps.some((s) => s.ago <= dispute.ago)) throw new Error(`seed: "${parties.label}" has milestone events after its dispute`);
    const raiser: MemberActor = dispute.by === 'client' ? clientActor : teamActor;
    tl.add(tl.at(dispute.ago, '09:40'), `${parties.label}: dispute`, async () => {
      const milestoneId = dispute.milestone ? milestone(dispute.milestone - 1).id : undefined;
      await raiseDispute(tx, raiser, { contractId: parties.handle().id, milestoneId, reason: dispute.reason });
    });
    if (dispute.kind === 'terminate') {
      tl.add(tl.at(dispute.ruledAgo, '16:30'), `${parties.label}: ruling`, async () => {
        const disputeId = await openDisputeOf(tl, parties.handle().id);
        await ruleDispute(tx, bureauActor, { disputeId, reason: dispute.ruling, against: dispute.against, outcome: 'terminate' });
      });
    }
  }

  const ratings = plan.ratings ?? 'none';
  if (layout.endAgo !== null && ratings !== 'none') {
    const end = layout.endAgo;
    const rate = (side: 'client' | 'provider', ago: number) => {
      if (ago < 1 || ago >= end || end - ago >= 14) throw new Error(`seed: "${parties.label}" rating outside its window`);
      const actor = side === 'client' ? clientActor : roleActor(parties.team, 'owner');
      const scores = { quality: random.int(3, 5), timeliness: random.int(3, 5), communication: random.int(4, 5), wouldContractAgain: random.int(6, 10) };
      const comment = random.pick(side === 'client' ? CLIENT_RATING_COMMENTS : PROVIDER_RATING_COMMENTS);
      tl.add(tl.at(ago, side === 'client' ? '10:30' : '14:30'), `${parties.label}: ${side} rating`, async () => {
        await giveRating(tx, actor, { contractId: parties.handle().id, ...scores, comment });
      });
    };
    if (ratings === 'both' || ratings === 'client') rate('client', end - 2);
    if (ratings === 'both' || ratings === 'provider') rate('provider', end - 3);
  }
}

async function openDisputeOf(tl: Timeline, contractId: string): Promise<string> {
  const [row] = await tl.db
    .select({ id: contractDisputes.id })
    .from(contractDisputes)
    .where(and(eq(contractDisputes.contractId, contractId), eq(contractDisputes.status, 'open')))
    .limit(1);
  if (!row) throw new Error('no open dispute to rule on');
  return row.id;
}
