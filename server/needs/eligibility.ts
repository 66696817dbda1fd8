import { z } from 'zod';
import type { OrgStatus } from '../actor';
import { QUALIFICATION_NAMES } from '../credit/events';
import { GRADES, type Grade } from '../credit/params';

/**
 * Eligibility rules of a need (揭榜挂帅 lists above all): ONE list of rule kinds, checked when a team bids.
 * `verified_org`; and from the credit model (server/credit): `min_grade` (credit grade at or above), `not_negative_listed`
 * (no negative-list entry or serious misconduct in force — which bars bidding anyway, SPEC §1) and `qualification`
 * (a bureau-verified qualification in force). A new kind is one schema entry and one check below, nothing else changes.
 */
export const ELIGIBILITY_RULE_KINDS = ['verified_org', 'min_grade', 'not_negative_listed', 'qualification'] as const;
export type EligibilityRuleKind = (typeof ELIGIBILITY_RULE_KINDS)[number];

/** The grades a `min_grade` rule may ask for (asking for D would admit everyone). */
export const ELIGIBILITY_MIN_GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const;
/** The qualifications a `qualification` rule may ask for: those the bureau verifies (server/credit). */
export const ELIGIBILITY_QUALIFICATIONS = QUALIFICATION_NAMES;

export const eligibilityRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('verified_org') }),
  z.object({ kind: z.literal('min_grade'), grade: z.enum(ELIGIBILITY_MIN_GRADES) }),
  z.object({ kind: z.literal('not_negative_listed') }),
  z.object({ kind: z.literal('qualification'), name: z.enum(ELIGIBILITY_QUALIFICATIONS) }),
]);
export type EligibilityRuleInput = z.infer<typeof eligibilityRuleSchema>;

/** What a rule may look at about the bidding organisation. */
export interface Applicant {
  orgId: string;
  status: OrgStatus;
  /** From the credit model (server/credit/queries.ts `creditApplicant`); without it, credit rules fail closed. */
  credit?: { grade: Grade; excluded: boolean; qualifications: readonly string[] };
}

/** Whether `applicant` meets `rule`: one case per kind (the compiler insists every kind has one). */
function meets(rule: EligibilityRuleInput, applicant: Applicant): boolean {
  switch (rule.kind) {
    case 'verified_org':
      return applicant.status === 'verified';
    case 'min_grade':
      return !!applicant.credit && !applicant.credit.excluded && GRADES.indexOf(applicant.credit.grade) <= GRADES.indexOf(rule.grade);
    case 'not_negative_listed':
      return !!applicant.credit && !applicant.credit.excluded;
    case 'qualification':
      return !!applicant.credit && applicant.credit.qualifications.includes(rule.name);
    default:
      return rule satisfies never;
  }
}

/**
 * The kinds of the rules an applicant fails (empty = eligible). A stored rule of an unknown kind fails
 * closed: a list written by a newer version is never silently ignored.
 */
export function failedRules(rules: readonly { kind: string; [param: string]: unknown }[], applicant: Applicant): string[] {
  const failed: string[] = [];
  for (const stored of rules) {
    const parsed = eligibilityRuleSchema.safeParse(stored);
    if (!parsed.success) {
      failed.push(stored.kind);
      continue;
    }
    if (!meets(parsed.data, applicant)) failed.push(parsed.data.kind);
  }
  return failed;
}

/** A `jiebang` list always requires a verified organisation, whatever else its publisher adds. */
export function withRequiredRules(mode: string, rules: readonly EligibilityRuleInput[]): EligibilityRuleInput[] {
  const key = (r: EligibilityRuleInput) => JSON.stringify(r);
  const out = rules.filter((r, i) => rules.findIndex((o) => key(o) === key(r)) === i);
  if (mode === 'jiebang' && !out.some((r) => r.kind === 'verified_org')) out.unshift({ kind: 'verified_org' });
  return out;
}
