import type { LedgerEvent } from './events';
import { CREDIT_PARAMS, type CreditParams } from './params';
import { calibrate, integrityState, isTopRating, summarise, type Calibration, type CounterpartyFacts, type EvidenceSummary, type GivenRating, type OrgFacts } from './score';

/**
 * A population of ledgers summarised together: what the yearly reset (calibration) and `credit:score` both need.
 * The counterparties' facts (verified, gated) and the ratings each organisation gave come from the same ledgers.
 */

/** The rating a rating event records, seen from the rater's side (for the reciprocity discount). */
export function givenRatingOf(event: LedgerEvent): (GivenRating & { raterOrgId: string }) | null {
  const d = event.data;
  if (d.kind !== 'rating') return null;
  return { raterOrgId: d.counterpartyOrgId, counterpartyOrgId: event.orgId, contractId: d.contractId, value: d.value, occurredAt: event.occurredAt, top: isTopRating(d.stars, d.again) };
}

export function summarisePopulation(
  orgs: readonly OrgFacts[],
  ledgerOf: (orgId: string) => readonly LedgerEvent[],
  asOf: Date,
  params: CreditParams = CREDIT_PARAMS,
): { summaries: EvidenceSummary[]; calibration: Calibration } {
  const counterparties = new Map<string, CounterpartyFacts>();
  const given = new Map<string, GivenRating[]>();
  for (const org of orgs) {
    const events = ledgerOf(org.id);
    counterparties.set(org.id, { verified: org.verified, gated: integrityState(events, asOf, params).gated });
    for (const e of events) {
      if (e.occurredAt.getTime() > asOf.getTime()) continue;
      const g = givenRatingOf(e);
      if (!g) continue;
      const list = given.get(g.raterOrgId);
      if (list) list.push(g);
      else given.set(g.raterOrgId, [g]);
    }
  }
  const summaries = orgs.map((org) => summarise({ org, events: ledgerOf(org.id), given: given.get(org.id) ?? [], counterparties, asOf }, params));
  const calibration: Calibration = params.calibrate ? calibrate(summaries, params) : params;
  return { summaries, calibration };
}
