import { z } from 'zod';
import { landingGate, landingStage } from '@/db/schema/landing';
import { industryField } from '@/db/schema/needs';

/**
 * What callers send to the landing acts (the router validates with these; the forms share them).
 * Messages starting with `v.` are keys under the `errors` namespace, shown next to the field.
 */

export const LANDING_STAGES = landingStage.enumValues;
export const LANDING_GATES = landingGate.enumValues;

const reason = z.string().trim().min(2, 'v.landing.reason').max(2000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'v.date');
/** 万元, not negative, at most two decimals. */
const wan = z
  .number('v.landing.number')
  .min(0, 'v.landing.nonNegative')
  .max(9_999_999_999.99, 'v.landing.tooLarge')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'v.landing.amountCents');
const count = z.number('v.landing.number').int('v.landing.wholeNumber').min(0, 'v.landing.nonNegative').max(10_000_000, 'v.landing.tooLarge');

export const projectIdInput = z.object({ projectId: z.uuid() });
/** The team and enterprise picked on the create form, before the project exists. */
export const partnerContractsInput = z.object({ teamOrgId: z.uuid(), enterpriseOrgId: z.uuid().nullable().optional() });
export const gateInput = z.object({ projectId: z.uuid(), gate: z.enum(LANDING_GATES) });

const projectFields = {
  name: z.string().trim().min(2).max(200),
  field: z.enum(industryField.enumValues, 'v.industryField'),
  disciplineCodes: z.array(z.string().regex(/^\d{4}$/, 'v.disciplineCode')).max(10).default([]),
  description: z.string().trim().max(10_000).default(''),
  plannedSite: z.string().trim().max(500).default(''),
  targetInvestment: wan.nullable().default(null),
  targetRevenue: wan.nullable().default(null),
  targetEmployees: count.nullable().default(null),
  targetNote: z.string().trim().max(2000).default(''),
  /** The local enterprise taking the project up, when it is on the platform. */
  enterpriseOrgId: z.uuid().nullable().default(null),
};

export const createProjectInput = z.object({
  ...projectFields,
  enclaveId: z.uuid(),
  /** The research team or company that owns the project. */
  teamOrgId: z.uuid(),
  contractIds: z.array(z.uuid()).max(20).default([]),
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

export const updateProjectInput = z.object({ projectId: z.uuid(), ...projectFields });
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

export const listProjectsInput = z.object({
  stage: z.enum(LANDING_STAGES).optional(),
  enclaveId: z.uuid().optional(),
  field: z.enum(industryField.enumValues).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(100),
});
export type ListProjectsInput = z.infer<typeof listProjectsInput>;

export const reasonInput = z.object({ projectId: z.uuid(), reason });

/** One item's evidence; which fields count depends on the item's evidence kind (checked against the template). */
export const checklistEntryInput = z.object({
  itemKey: z.string().min(1).max(60),
  attachmentIds: z.array(z.uuid()).max(20).default([]),
  numberValue: z.number('v.landing.number').min(0, 'v.landing.nonNegative').max(999_999_999_999.99, 'v.landing.tooLarge').nullable().default(null),
  creditCode: z.string().trim().max(30).nullable().default(null),
  text: z.string().trim().max(2000).nullable().default(null),
});
export type ChecklistEntryInput = z.infer<typeof checklistEntryInput>;

export const saveGateInput = z.object({
  projectId: z.uuid(),
  gate: z.enum(LANDING_GATES),
  note: z.string().trim().max(5000).default(''),
  entries: z.array(checklistEntryInput).max(40).default([]),
});
export type SaveGateInput = z.infer<typeof saveGateInput>;

export const decideGateInput = z.object({ projectId: z.uuid(), gate: z.enum(LANDING_GATES), note: z.string().trim().max(2000).default('') });
export const sendBackGateInput = z.object({ projectId: z.uuid(), gate: z.enum(LANDING_GATES), reason });

export const contractLinkInput = z.object({ projectId: z.uuid(), contractId: z.uuid() });

export const kpiFigures = z.object({
  investment: wan,
  employees: count,
  revenue: wan,
  patentsFiled: count,
  patentsGranted: count,
  tax: wan,
});
export type KpiFigures = z.infer<typeof kpiFigures>;

export const reportKpiInput = kpiFigures.extend({
  projectId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4),
  note: z.string().trim().max(2000).default(''),
  /** The reporter saw the plausibility warnings and confirms the figures. */
  confirm: z.boolean().default(false),
});
export type ReportKpiInput = z.infer<typeof reportKpiInput>;

export const addTaskInput = z.object({
  projectId: z.uuid(),
  title: z.string().trim().min(2).max(300),
  ownerUserId: z.uuid().nullable().default(null),
  dueDate: isoDate.nullable().default(null),
});
export const updateTaskInput = z.object({
  taskId: z.uuid(),
  title: z.string().trim().min(2).max(300),
  ownerUserId: z.uuid().nullable().default(null),
  dueDate: isoDate.nullable().default(null),
});
export const taskDoneInput = z.object({ taskId: z.uuid(), done: z.boolean() });

const itemKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,59}$/, 'v.landing.itemKey');
export const checklistItemInput = z.object({
  key: itemKey,
  label: z.string().trim().min(1).max(200).optional(),
  evidence: z.enum(['document', 'number', 'credit_code', 'text']),
  unit: z.string().trim().max(20).optional(),
  required: z.boolean(),
});
export const updateTemplateInput = z.object({
  gate: z.enum(LANDING_GATES),
  items: z
    .array(checklistItemInput)
    .min(1)
    .max(30)
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, 'v.landing.itemDuplicate'),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;

export const partnersInput = z.object({ q: z.string().trim().max(100).default(''), kind: z.enum(['research_team', 'enterprise']).optional() });
