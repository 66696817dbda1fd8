import { z } from 'zod';
import { industryField, ipTerms, needMode, needStatus } from '@/db/schema/needs';
import { isDisciplineCode, MAX_DISCIPLINES } from '../orgs/disciplines';
import { eligibilityRuleSchema } from './eligibility';

/** For the need form's eligibility editor (the rule kinds and their choices, server/needs/eligibility.ts). */
export { ELIGIBILITY_MIN_GRADES, ELIGIBILITY_QUALIFICATIONS, ELIGIBILITY_RULE_KINDS } from './eligibility';

/**
 * What callers send to the need acts. The router validates with these and the forms share them;
 * messages starting with `v.` are keys under the `errors` namespace, shown next to the field.
 */

export const NEED_MODES = needMode.enumValues;
export type NeedMode = (typeof NEED_MODES)[number];
export const NEED_STATUSES = needStatus.enumValues;
export type NeedStatus = (typeof NEED_STATUSES)[number];
/** Same identifiers as organisations' industry field (智能装备 … 其他); texts live in messages. */
export const NEED_INDUSTRY_FIELDS = industryField.enumValues;
export type NeedIndustryField = (typeof NEED_INDUSTRY_FIELDS)[number];
export const IP_TERMS = ipTerms.enumValues;
/** Statuses anyone may see (a need is public from publication on). */
export const PUBLIC_STATUSES = ['published', 'closed', 'evaluating', 'awarded', 'completed'] as const satisfies readonly NeedStatus[];

/** 万元 with at most two decimals, below numeric(12,2)'s ceiling. */
export const amountSchema = z
  .number()
  .min(0)
  .max(9_999_999_999.99)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'v.need.amountCents');

const text = (max: number) => z.string().trim().max(max);

export const RUBRIC_DEFAULT_KEYS = ['technical', 'team', 'price', 'credit'] as const;

export const rubricSchema = z
  .array(
    z
      .object({
        key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'v.need.rubricKey'),
        label: z.string().trim().min(1).max(30).optional(),
        weight: z.number().int().min(0).max(100),
      })
      // A criterion of the platform's own (technical, team, price, credit) is named by messages; any other needs a label.
      .refine((c) => (RUBRIC_DEFAULT_KEYS as readonly string[]).includes(c.key) || !!c.label, { message: 'v.need.rubricLabel', path: ['label'] }),
  )
  .min(1)
  .max(8)
  .refine((list) => new Set(list.map((c) => c.key)).size === list.length, 'v.need.rubricDuplicate')
  .refine((list) => list.reduce((sum, c) => sum + c.weight, 0) === 100, 'v.need.rubricSum');

/** The fields of a need an author writes (a draft may leave the publish-time ones empty). */
export const needFieldsInput = z
  .object({
    mode: z.enum(NEED_MODES),
    title: text(120).min(4),
    summary: text(1000).default(''),
    description: text(20_000).default(''),
    anonymous: z.boolean().default(false),
    industryField: z.enum(NEED_INDUSTRY_FIELDS, 'v.industryField'),
    disciplines: z
      .array(z.string().refine(isDisciplineCode, 'v.disciplineCode'))
      .max(MAX_DISCIPLINES)
      .default([])
      .transform((codes) => [...new Set(codes)].sort()),
    keywords: z
      .array(text(30).min(1))
      .max(12)
      .default([])
      .transform((list) => [...new Set(list)]),
    expectedResults: text(5000).default(''),
    budgetMin: amountSchema.nullable().default(null),
    budgetMax: amountSchema.nullable().default(null),
    bounty: amountSchema.nullable().default(null),
    bidDeadline: z.coerce.date().nullable().default(null),
    deliveryMonths: z.number().int().min(1).max(120).nullable().default(null),
    ipTerms: z.enum(IP_TERMS).default('enterprise'),
    rubric: rubricSchema.optional(),
    eligibility: z.array(eligibilityRuleSchema).max(10).default([]),
    /** 1 for `open` and `jiebang`; 2 or 3 teams in parallel for a `horse_race`. */
    awardCount: z.number().int().min(1).max(3).default(1),
    annexText: text(20_000).default(''),
    ndaText: text(10_000).default(''),
  })
  .superRefine((n, ctx) => {
    if (n.budgetMin !== null && n.budgetMax !== null && n.budgetMin > n.budgetMax) {
      ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: 'v.need.budgetOrder' });
    }
    if (n.mode === 'horse_race' ? n.awardCount < 2 : n.awardCount !== 1) {
      ctx.addIssue({ code: 'custom', path: ['awardCount'], message: 'v.need.awardCount' });
    }
    if (n.mode !== 'jiebang' && n.bounty !== null) {
      ctx.addIssue({ code: 'custom', path: ['bounty'], message: 'v.need.bountyJiebangOnly' });
    }
    if (n.annexText && !n.ndaText) {
      ctx.addIssue({ code: 'custom', path: ['ndaText'], message: 'v.need.ndaRequired' });
    }
  });
export type NeedFieldsInput = z.infer<typeof needFieldsInput>;

export const createDraftInput = needFieldsInput;
/** An update replaces the whole draft: the form always sends every field. */
export const updateDraftInput = z.object({ id: z.uuid(), fields: needFieldsInput });

export const needIdInput = z.object({ id: z.uuid() });
export const cancelNeedInput = z.object({ id: z.uuid(), reason: text(500).default('') });

export const listMineInput = z.object({
  status: z.enum(NEED_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});

export const searchNeedsInput = z
  .object({
    q: text(100).default(''),
    industryField: z.enum(NEED_INDUSTRY_FIELDS).optional(),
    mode: z.enum(NEED_MODES).optional(),
    statuses: z.array(z.enum(PUBLIC_STATUSES)).min(1).max(PUBLIC_STATUSES.length).default(['published']),
    /** Needs whose budget (or bounty) range overlaps [budgetMin, budgetMax], 万元. */
    budgetMin: amountSchema.optional(),
    budgetMax: amountSchema.optional(),
    deadlineFrom: z.coerce.date().optional(),
    deadlineTo: z.coerce.date().optional(),
    limit: z.number().int().min(1).max(50).default(20),
    offset: z.number().int().min(0).max(1000).default(0),
  })
  .refine((s) => s.budgetMin === undefined || s.budgetMax === undefined || s.budgetMin <= s.budgetMax, {
    path: ['budgetMax'],
    message: 'v.need.budgetOrder',
  });
export type SearchNeedsInput = z.infer<typeof searchNeedsInput>;
