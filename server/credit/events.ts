import { z } from 'zod';

/**
 * Credit events (SPEC §5): what the ledger holds about one organisation. The product writes them as things
 * happen (server/credit/ledger.ts `recordCreditEvent`), the offline reader (server/credit/offline.ts) builds the
 * very same objects from an event file, and the scorer (score.ts) reads nothing else. Each event is about its
 * `orgId` (the subject); contract events name the counterparty and carry the contract's value, so the ledger of
 * one organisation is enough to weigh its evidence.
 */

export const CREDIT_EVENT_KINDS = [
  'milestone',
  'contract_ended',
  'rating',
  'dispute_ruled',
  'qualification',
  'integrity',
  'responsiveness',
  'appeal_ruled',
] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

export const QUALIFICATION_NAMES = ['高新技术企业', '科技型中小企业', '发明专利', '省级重点实验室'] as const;

const side = z.enum(['provider', 'client']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Every contract event: which contract, who the other party is, the subject's side, the value in 万元. */
const contractRef = {
  contractId: z.string().min(1),
  counterpartyOrgId: z.string().min(1),
  role: side,
  value: z.number().nonnegative(),
};

export const creditEventDataSchema = z.discriminatedUnion('kind', [
  /** A milestone's outcome: on time (1), late but accepted (0.5), failed (0); `faultOf` from the acceptance or ruling. */
  z.object({
    kind: z.literal('milestone'),
    ...contractRef,
    seq: z.number().int().positive().nullable(),
    result: z.enum(['on_time', 'late', 'failed']),
    faultOf: side.nullable(),
  }),
  /** How a contract ended: `stage_closed` (赛马制 gate) counts as delivered; `terminated` names the side at fault. */
  z.object({
    kind: z.literal('contract_ended'),
    ...contractRef,
    outcome: z.enum(['completed', 'terminated', 'stage_closed']),
    faultOf: side.nullable(),
  }),
  /** A rating received (recorded when it is revealed): stars 1–5 and the private 0–10 "would contract again". */
  z.object({
    kind: z.literal('rating'),
    ...contractRef,
    stars: z.number().min(1).max(5),
    again: z.number().min(0).max(10).nullable(),
  }),
  /** A dispute the bureau ruled against the subject. */
  z.object({ kind: z.literal('dispute_ruled'), ...contractRef, disputeId: z.string().nullable() }),
  /** A qualification the bureau verified (高新技术企业, 科技型中小企业, patents, provincial key lab), with its expiry. */
  z.object({ kind: z.literal('qualification'), name: z.string().min(1), expires: isoDate.nullable(), reference: z.string().nullable() }),
  /**
   * 科研失信 or a 负面清单 entry recorded by the bureau with its document. Serious misconduct and negative-list entries
   * are a gate (grade D, excluded from bidding and matching); minor ones cap the grade. `until`: when it lapses.
   */
  z.object({
    kind: z.literal('integrity'),
    severity: z.enum(['serious', 'minor']),
    negativeList: z.boolean(),
    note: z.string(),
    documentRef: z.string().nullable(),
    until: isoDate.nullable(),
  }),
  /**
   * How fast the subject answered: an owner reviewing a submitted milestone or paying an accepted one, a team
   * answering an invitation to bid. `hours` from the request to the answer; `target` the hours that count as prompt.
   */
  z.object({
    kind: z.literal('responsiveness'),
    measure: z.enum(['milestone_review', 'payment', 'invitation']),
    hours: z.number().nonnegative(),
    targetHours: z.number().positive(),
    contractId: z.string().nullable(),
    counterpartyOrgId: z.string().nullable(),
  }),
  /** The bureau's ruling on an appeal against one of the subject's own events (信用修复 when reversed). */
  z.object({ kind: z.literal('appeal_ruled'), appealId: z.string(), targetSeq: z.number().int().positive(), decision: z.enum(['upheld', 'reversed']), note: z.string() }),
]);

export type CreditEventData = z.infer<typeof creditEventDataSchema>;
export type CreditEventOf<K extends CreditEventKind> = Extract<CreditEventData, { kind: K }>;
export type ContractEventData = CreditEventOf<'milestone' | 'contract_ended' | 'rating' | 'dispute_ruled'>;

/** An event to append to `orgId`'s ledger (what the product and the offline reader both produce). */
export interface CreditEventInput {
  orgId: string;
  occurredAt: Date;
  data: CreditEventData;
}

/** An event as the ledger holds it: its place in the organisation's chain. */
export interface LedgerEvent extends CreditEventInput {
  /** 1, 2, 3… within the organisation's ledger. */
  seq: number;
}

export function isContractEvent(data: CreditEventData): data is ContractEventData {
  return data.kind === 'milestone' || data.kind === 'contract_ended' || data.kind === 'rating' || data.kind === 'dispute_ruled';
}
