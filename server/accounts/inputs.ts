import { z } from 'zod';
import { creditCodeProblem, normaliseCreditCode } from '../orgs/credit-code';

/**
 * What callers send to the account acts; the router validates with these and the forms share them.
 * Messages starting with `v.` are keys under the `errors` namespace (field errors shown next to inputs).
 */

/** Kinds a visitor may register; the bureau's organisation is created by `admin:create`, never here. */
export const REGISTRABLE_KINDS = ['enterprise', 'research_team', 'incubator'] as const;
export type RegistrableKind = (typeof REGISTRABLE_KINDS)[number];

/** Industry fields of needs and enterprises (SPEC §2); labels under `auth.industryFields.<id>`. */
export const INDUSTRY_FIELDS = [
  'smart_equipment',
  'biomedicine',
  'new_materials',
  'electronics',
  'tea_agriculture',
  'energy_saving',
  'digital_economy',
  'other',
] as const;
export type IndustryField = (typeof INDUSTRY_FIELDS)[number];

/**
 * The version of the privacy notice (个人信息保护政策, app/privacy) a user consents to at registration.
 * Change it whenever the notice's substance changes: the stored version shows what each user agreed to.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11';

export const LOCALE_PREFERENCES = ['zh-CN', 'en'] as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Password policy: at least 8 characters with both letters and digits. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, 'v.password.tooShort')
  .max(PASSWORD_MAX, 'v.password.tooLong')
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), 'v.password.lettersAndDigits');

export const emailSchema = z.string().trim().toLowerCase().max(254, 'v.email').pipe(z.email('v.email'));

const creditCodeSchema = z
  .string()
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `v.creditCode.${problem}` });
  });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .transform((s) => s ?? null);

export const registerInput = z
  .object({
    kind: z.enum(REGISTRABLE_KINDS, 'v.orgKind'),
    orgName: z.string().trim().min(2).max(100),
    /** Enterprises and incubators: their own code; research teams: the host institution's. */
    creditCode: creditCodeSchema,
    hostInstitution: optionalText(100),
    industryField: z.enum(INDUSTRY_FIELDS, 'v.industryField').nullable().optional().transform((s) => s ?? null),
    city: optionalText(50),
    name: z.string().trim().min(1).max(50),
    email: emailSchema,
    password: passwordSchema,
    /** The user ticked "I have read and agree to the privacy notice" (PIPL: separate, explicit consent). */
    privacyConsent: z.literal(true, 'v.privacyConsent'),
  })
  .superRefine(
    (input, ctx) => {
      // Runs even when other fields failed (see `when`), so the value may be partly unparsed: read it defensively.
      const value = input as { kind?: unknown; hostInstitution?: unknown; industryField?: unknown };
      const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
      if (value.kind === 'research_team' && !filled(value.hostInstitution)) {
        ctx.addIssue({ code: 'custom', path: ['hostInstitution'], message: 'v.hostInstitution.required' });
      }
      if (value.kind === 'enterprise' && !filled(value.industryField)) {
        ctx.addIssue({ code: 'custom', path: ['industryField'], message: 'v.industryField' });
      }
    },
    // A form shows every missing field at once, not the kind-specific ones only after the rest is right.
    { when: (payload) => REGISTRABLE_KINDS.includes((payload.value as { kind?: never } | undefined)?.kind ?? ('' as never)) },
  );
export type RegisterInput = z.infer<typeof registerInput>;

export const profileInput = z.object({
  name: z.string().trim().min(1).max(50),
  phone: optionalText(30).refine((p) => p === null || /^[+\d][\d\s-]{4,28}$/.test(p), 'v.phone'),
  title: optionalText(50),
  bio: optionalText(1000),
  locale: z.enum(LOCALE_PREFERENCES),
});
export type ProfileInput = z.infer<typeof profileInput>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: passwordSchema,
});

export const requestPasswordResetInput = z.object({ email: emailSchema });

export const resetPasswordInput = z.object({
  token: z.string().min(20).max(100),
  password: passwordSchema,
});

export const deleteAccountInput = z.object({ password: z.string().min(1).max(PASSWORD_MAX) });
