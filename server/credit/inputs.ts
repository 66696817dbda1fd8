import { z } from 'zod';
import { QUALIFICATION_NAMES } from './events';

export { QUALIFICATION_NAMES };

/**
 * What callers send to the credit acts (the router validates with these; the forms share them).
 * Messages starting with `v.` are keys under the `errors` namespace.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'v.date');
const text = (max: number) => z.string().trim().max(max);

export const orgIdInput = z.object({ orgId: z.uuid() });

export const gradesInput = z.object({ orgIds: z.array(z.uuid()).min(1).max(200) });

export const ledgerPageInput = z.object({
  orgId: z.uuid(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(30),
});

/** 科研失信 / 负面清单 entry recorded by the bureau, with the document that decided it. */
export const recordIntegrityInput = z.object({
  orgId: z.uuid(),
  severity: z.enum(['serious', 'minor']),
  negativeList: z.boolean().default(false),
  note: text(2000).min(4),
  documentRef: text(200).min(2),
  /** When it lapses; by default 3 years for serious misconduct, 1 year for a minor event. */
  until: isoDate.nullable().default(null),
  /** The 举报 it answers, if any (closed as recorded). */
  reportId: z.uuid().optional(),
});

export const verifyQualificationInput = z.object({
  orgId: z.uuid(),
  name: z.enum(QUALIFICATION_NAMES),
  expires: isoDate.nullable(),
  reference: text(200).min(2),
});

export const fileAppealInput = z.object({
  eventSeq: z.number().int().positive(),
  reason: text(2000).min(10),
});

export const ruleAppealInput = z.object({
  appealId: z.uuid(),
  decision: z.enum(['upheld', 'reversed']),
  note: text(2000).min(4),
});

export const listAppealsInput = z.object({
  status: z.enum(['open', 'upheld', 'reversed']).optional(),
  /** Bureau only: one organisation's appeals. */
  orgId: z.uuid().optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(30),
});

export const reportMisconductInput = z.object({
  orgId: z.uuid(),
  description: text(4000).min(10),
  evidence: text(4000).min(4),
});

export const listReportsInput = z.object({
  status: z.enum(['open', 'recorded', 'dismissed']).optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(30),
});

export const dismissReportInput = z.object({ reportId: z.uuid(), note: text(2000).min(4) });

export const noticesInput = z.object({
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(30),
});
