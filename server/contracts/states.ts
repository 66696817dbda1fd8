import type { contractStatus, disputeStatus, milestoneStatus } from '@/db/schema/contracts';
import type { Action } from '../permissions';

/**
 * The three lifecycles of SPEC §4 as explicit transition tables: from, event, to, who may, which permission.
 * Every status change of a contract, a milestone or a dispute looks its transition up here (`transition()`),
 * so a reader who wants to know how a contract may change opens this file and nothing else.
 *
 * Who:
 * - `client`: the need's owner (甲方) — a member of the client organisation;
 * - `provider`: the research team (乙方);
 * - `party`: either of the two;
 * - `bureau`: the county bureau (any verified bureau organisation), as referee;
 * - `system`: a consequence of another transition (the last payment completes the contract …), never a caller.
 */
export type ContractStatus = (typeof contractStatus.enumValues)[number];
export type MilestoneStatus = (typeof milestoneStatus.enumValues)[number];
export type DisputeStatus = (typeof disputeStatus.enumValues)[number];
export type Who = 'client' | 'provider' | 'party' | 'bureau' | 'system';

export interface Transition<S extends string, E extends string> {
  from: S;
  event: E;
  to: S;
  by: Who;
  action?: Action;
}

/**
 *   active ──raiseDispute/escalate──→ disputed ──ruleContinue──→ active
 *     │                                  └──────ruleTerminate──→ terminated
 *     ├──complete (last milestone paid)──→ completed
 *     └──stageClose (赛马制 stage gate)──→ stage_closed   (a normal end: counts as delivered)
 */
export type ContractEvent = 'raiseDispute' | 'escalate' | 'ruleContinue' | 'ruleTerminate' | 'complete' | 'stageClose';

export const CONTRACT_TRANSITIONS: readonly Transition<ContractStatus, ContractEvent>[] = [
  { from: 'active', event: 'raiseDispute', to: 'disputed', by: 'party', action: 'dispute.raise' },
  { from: 'active', event: 'escalate', to: 'disputed', by: 'provider', action: 'milestone.escalate' },
  { from: 'disputed', event: 'ruleContinue', to: 'active', by: 'bureau', action: 'dispute.rule' },
  { from: 'disputed', event: 'ruleTerminate', to: 'terminated', by: 'bureau', action: 'dispute.rule' },
  { from: 'active', event: 'complete', to: 'completed', by: 'system' },
  { from: 'active', event: 'stageClose', to: 'stage_closed', by: 'client', action: 'contract.stageGate' },
];

/** Contract states that end it normally: ratings open, and the 赛马制 need may complete. */
export const NORMAL_ENDS: readonly ContractStatus[] = ['completed', 'stage_closed'];
export const ENDED: readonly ContractStatus[] = ['completed', 'stage_closed', 'terminated'];

/**
 *   pending ──submit──→ submitted ──accept──→ accepted ──pay──→ paid
 *   rejected ─submit─↗     │  └──reject (reason)──→ rejected
 *                          └──escalate (14 days unanswered)──→ escalated
 *   escalated / submitted / rejected ──ruleAccept | ruleReject (bureau, by a ruling)──→ accepted | rejected
 */
export type MilestoneEvent = 'submit' | 'accept' | 'reject' | 'escalate' | 'ruleAccept' | 'ruleReject' | 'pay';

export const MILESTONE_TRANSITIONS: readonly Transition<MilestoneStatus, MilestoneEvent>[] = [
  { from: 'pending', event: 'submit', to: 'submitted', by: 'provider', action: 'milestone.submit' },
  // Resubmission after a rejection: a new delivery row, the answer window starts again.
  { from: 'rejected', event: 'submit', to: 'submitted', by: 'provider', action: 'milestone.submit' },
  { from: 'submitted', event: 'accept', to: 'accepted', by: 'client', action: 'milestone.review' },
  { from: 'submitted', event: 'reject', to: 'rejected', by: 'client', action: 'milestone.review' },
  { from: 'submitted', event: 'escalate', to: 'escalated', by: 'provider', action: 'milestone.escalate' },
  { from: 'escalated', event: 'ruleAccept', to: 'accepted', by: 'bureau', action: 'dispute.rule' },
  { from: 'escalated', event: 'ruleReject', to: 'rejected', by: 'bureau', action: 'dispute.rule' },
  { from: 'submitted', event: 'ruleAccept', to: 'accepted', by: 'bureau', action: 'dispute.rule' },
  { from: 'submitted', event: 'ruleReject', to: 'rejected', by: 'bureau', action: 'dispute.rule' },
  { from: 'rejected', event: 'ruleAccept', to: 'accepted', by: 'bureau', action: 'dispute.rule' },
  { from: 'accepted', event: 'pay', to: 'paid', by: 'client', action: 'payment.record' },
];

/**
 *   open ──rule (bureau, with a reason and the side it goes against)──→ ruled
 */
export type DisputeEvent = 'rule';

export const DISPUTE_TRANSITIONS: readonly Transition<DisputeStatus, DisputeEvent>[] = [
  { from: 'open', event: 'rule', to: 'ruled', by: 'bureau', action: 'dispute.rule' },
];

/** How long the client has to answer a submitted milestone before the team may escalate it. */
export const ANSWER_WINDOW_DAYS = 14;
/** How long after a contract's normal end a rating stays hidden when the other side has not rated. */
export const RATING_BLIND_DAYS = 14;
export const DAY_MS = 24 * 3600 * 1000;

export function transition<S extends string, E extends string>(
  table: readonly Transition<S, E>[],
  from: S,
  event: E,
): Transition<S, E> | undefined {
  return table.find((t) => t.from === from && t.event === event);
}

/** The contract states in which milestones move (a dispute freezes them until the ruling). */
export function milestonesMove(status: ContractStatus): boolean {
  return status === 'active';
}
