import { z } from 'zod';
import type { OrgStatus } from '../actor';

/**
 * Eligibility rules of a need (揭榜挂帅 lists above all): ONE list of rule kinds, checked when a team bids.
 * This slice enforces `verified_org`; the credit-model issue adds `min_grade`, `not_negative_listed` and
 * `qualification` here — a new kind is one schema entry and one check below, nothing else changes.
 */
export const ELIGIBILITY_RULE_KINDS = ['verified_org'] as const;
export type EligibilityRuleKind = (typeof ELIGIBILITY_RULE_KINDS)[number];

export const eligibilityRuleSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('verified_org') })]);
export type EligibilityRuleInput = z.infer<typeof eligibilityRuleSchema>;

/** What a rule may look at about the bidding organisation (grows with the credit model). */
export interface Applicant {
  orgId: string;
  status: OrgStatus;
}

/** Whether `applicant` meets `rule`: one case per kind (the compiler insists every kind has one). */
function meets(rule: EligibilityRuleInput, applicant: Applicant): boolean {
  switch (rule.kind) {
    case 'verified_org':
      return applicant.status === 'verified';
    default:
      return rule.kind satisfies never;
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
