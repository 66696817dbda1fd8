import { z } from 'zod';
import { contractStatus, contractType, fundingMode, rulingAgainst, rulingMilestoneDecision, rulingOutcome } from '@/db/schema/contracts';

/**
 * What callers send to the contract acts (the router validates with these; the forms share them).
 * Messages starting with `v.` are keys under the `errors` namespace, shown next to the field.
 */

export const CONTRACT_STATUSES = contractStatus.enumValues;
export const CONTRACT_TYPES = contractType.enumValues;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const FUNDING_MODES = fundingMode.enumValues;
export type FundingMode = (typeof FUNDING_MODES)[number];

const reason = z.string().trim().min(2).max(2000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'v.date');
/** 万元 with at most two decimals. */
const amount = z
  .number()
  .positive()
  .max(9_999_999_999.99)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'v.contract.amountCents');

export const contractIdInput = z.object({ id: z.uuid() });
export const needIdInput = z.object({ needId: z.uuid() });

export const listContractsInput = z.object({
  status: z.enum(CONTRACT_STATUSES).optional(),
  /** Bureau only: one organisation's contracts (either side). */
  orgId: z.uuid().optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(20),
});

export const submitDeliveryInput = z.object({
  milestoneId: z.uuid(),
  note: z.string().trim().min(2).max(5000),
  /** Files the team uploaded first (its own organisation's attachments). */
  attachmentIds: z.array(z.uuid()).max(20).default([]),
});

export const milestoneIdInput = z.object({ milestoneId: z.uuid() });
export const rejectMilestoneInput = z.object({ milestoneId: z.uuid(), reason });
export const escalateMilestoneInput = z.object({ milestoneId: z.uuid(), reason });

export const recordPaymentInput = z.object({
  milestoneId: z.uuid(),
  amount,
  paidOn: isoDate,
  reference: z.string().trim().max(100).optional(),
});

export const raiseDisputeInput = z.object({
  contractId: z.uuid(),
  /** The milestone the dispute is about, if any. */
  milestoneId: z.uuid().optional(),
  reason,
});

export const listDisputesInput = z.object({
  status: z.enum(['open', 'ruled']).optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(20),
});

export const ruleDisputeInput = z.object({
  disputeId: z.uuid(),
  reason,
  against: z.enum(rulingAgainst.enumValues),
  outcome: z.enum(rulingOutcome.enumValues),
  /** Required when the dispute is an escalation; allowed when it names a submitted or rejected milestone. */
  milestoneDecision: z.enum(rulingMilestoneDecision.enumValues).optional(),
});

export const stageGateInput = z.object({
  needId: z.uuid(),
  /** The contracts the owner keeps (at least one); every other active contract of the need is stage_closed. */
  keep: z.array(z.uuid()).min(1).max(3),
  note: z.string().trim().max(2000).optional(),
});

const score = z.number().int().min(1).max(5);
export const giveRatingInput = z.object({
  contractId: z.uuid(),
  quality: score,
  timeliness: score,
  communication: score,
  /** Private: never shown to the rated side. */
  wouldContractAgain: z.number().int().min(0).max(10),
  comment: z.string().trim().max(2000).default(''),
});

export const registrationFormat = z.enum(['csv', 'xlsx']);
