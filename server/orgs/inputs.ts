import { z } from 'zod';
import { emailSchema, INDUSTRY_FIELDS, passwordSchema } from '../accounts/inputs';
import { creditCodeProblem, normaliseCreditCode } from './credit-code';
import { isDisciplineCode, MAX_DISCIPLINES } from './disciplines';

/**
 * What callers send to the organisation acts (profile, research-team data, members, invitations,
 * enclaves, bureau verification). Routers validate with these and the forms share them; messages
 * starting with `v.` are keys under the `errors` namespace, shown next to the field.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

export const creditCodeSchema = z
  .string()
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `v.creditCode.${problem}` });
  });

/** Expertise or business keywords: short, distinct, at most 20. */
export const keywordsSchema = z
  .array(z.string().trim().min(1).max(30))
  .max(20)
  .transform((list) => [...new Set(list)]);

/** A text field of a patch: absent = unchanged, empty or null = cleared. */
const clearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((s) => (s ? s : null));

/**
 * A profile patch: fields left out stay as they are (so a form may send only what it edits), an empty
 * text clears the field. Kind-specific rules (a research team's host institution) are the domain's.
 */
export const updateProfileInput = z
  .object({
    name: z.string().trim().min(2).max(100),
    /** Enterprises and incubators: their own code; research teams: the host institution's. */
    creditCode: creditCodeSchema,
    /** Research teams only (required for them); ignored for other kinds. */
    hostInstitution: clearableText(100),
    industryField: z.enum(INDUSTRY_FIELDS, 'v.industryField').nullable(),
    city: clearableText(50),
    description: clearableText(5000),
    website: clearableText(200).refine((s) => s === null || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s), 'v.website'),
    keywords: keywordsSchema,
  })
  .partial();
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const setDisciplinesInput = z.object({
  codes: z
    .array(z.string().refine(isDisciplineCode, 'v.disciplineCode'))
    .max(MAX_DISCIPLINES)
    .transform((codes) => [...new Set(codes)].sort()),
});

export const ACHIEVEMENT_KINDS = ['paper', 'patent', 'award', 'standard'] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

export const achievementInput = z.object({
  kind: z.enum(ACHIEVEMENT_KINDS),
  title: z.string().trim().min(2).max(200),
  abstract: z.string().trim().max(5000).default(''),
  keywords: keywordsSchema,
  year: z.coerce.number().int().min(1949).max(2100).nullable().optional().transform((y) => y ?? null),
});
export type AchievementInput = z.infer<typeof achievementInput>;

export const idInput = z.object({ id: z.uuid() });
export const updateAchievementInput = achievementInput.extend({ id: z.uuid() });

export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const;

export const createInvitationInput = z.object({
  role: z.enum(MEMBER_ROLES),
  /** Optional: with SMTP configured the link is emailed there; a new account accepting it must use it. */
  email: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((s) => (s ? s : null))
    .pipe(emailSchema.nullable()),
});
export type CreateInvitationInput = z.infer<typeof createInvitationInput>;

export const invitationTokenInput = z.object({ token: z.string().min(20).max(100) });

export const acceptWithNewAccountInput = invitationTokenInput.extend({
  name: z.string().trim().min(1).max(50),
  email: emailSchema,
  password: passwordSchema,
  privacyConsent: z.literal(true, 'v.privacyConsent'),
});
export type AcceptWithNewAccountInput = z.infer<typeof acceptWithNewAccountInput>;

export const setMemberRoleInput = z.object({ userId: z.uuid(), role: z.enum(MEMBER_ROLES) });
export const memberInput = z.object({ userId: z.uuid() });

export const enclaveInput = z.object({
  name: z.string().trim().min(2).max(100),
  city: z.string().trim().min(1).max(50),
  address: optionalText(200),
  /** Desks or companies the enclave can host. */
  capacity: z.coerce.number().int().min(0).max(100000).nullable().optional().transform((n) => n ?? null),
});
export type EnclaveInput = z.infer<typeof enclaveInput>;
export const updateEnclaveInput = enclaveInput.extend({ id: z.uuid() });

export const ORG_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const ORG_KINDS = ['enterprise', 'research_team', 'incubator', 'bureau'] as const;

export const listOrganisationsInput = z.object({
  status: z.enum(ORG_STATUSES).default('pending'),
  kind: z.enum(ORG_KINDS).optional(),
  /** Part of the name or the credit code. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
});
export type ListOrganisationsInput = z.infer<typeof listOrganisationsInput>;

export const verifyInput = z.object({ orgId: z.uuid() });
export const rejectInput = z.object({ orgId: z.uuid(), reason: z.string().trim().min(2).max(500) });

export const orgIdInput = z.object({ id: z.uuid() });
