import type { CreditEventInput, LedgerEvent } from './events';
import { CREDIT_PARAMS, type CreditParams, type ScoredKind } from './params';
import { summarisePopulation } from './population';
import { scoreSummary, type CreditResult, type OrgFacts } from './score';

/**
 * Marketplace histories (CREDIT-AND-MATCHING.md, "Offline check"): one JSON object per line, in time order.
 * `eventsOfLine` turns a line into the ledger events the product writes for the same happening (recordCreditEvent
 * inputs), so `credit:score` and the platform score the same objects with the same `scoreOrg`. The in-memory
 * `MemoryLedger` numbers each organisation's events exactly as the database ledger does.
 */

export type HistoryLine =
  | { t: string; kind: 'org'; org: string; orgKind?: string; verified?: boolean }
  | { t: string; kind: 'contract'; id: string; client: string; provider: string; value: number }
  | { t: string; kind: 'milestone'; contract: string; result: 'on_time' | 'late' | 'failed'; faultOf?: 'provider' | 'client' | null; seq?: number }
  | { t: string; kind: 'rating'; contract: string; from: string; to: string; stars: number; again?: number | null }
  | { t: string; kind: 'integrity'; org: string; severity: 'serious' | 'minor'; note?: string; negativeList?: boolean; until?: string | null }
  | { t: string; kind: 'qualification'; org: string; name: string; expires?: string | null };

export interface HistoryContract {
  client: string;
  provider: string;
  value: number;
}

/** What the reader knows so far: organisations (kind, verified) and contracts (parties, value). */
export interface HistoryState {
  orgs: Map<string, { kind: string | null; verified: boolean | null; firstSeen: number }>;
  contracts: Map<string, HistoryContract>;
  /**
   * Did the history declare any organisation verified? Then an organisation it never declares verified is not; if it
   * only ever declares unverified ones (or none), the others are taken as verified — nobody is singled out blindly.
   */
  declaresVerified: boolean;
  lastAt: Date | null;
  order: number;
}

export function newHistoryState(): HistoryState {
  return { orgs: new Map(), contracts: new Map(), declaresVerified: false, lastAt: null, order: 0 };
}

/** A date of the history (`2025-03-01` or a full ISO time) as an instant; invalid → null. */
export function historyDate(t: string): Date | null {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t);
  return Number.isNaN(d.getTime()) ? null : d;
}

function see(state: HistoryState, org: string) {
  if (!state.orgs.has(org)) state.orgs.set(org, { kind: null, verified: null, firstSeen: state.order++ });
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * The ledger events of one history line (none for `org` and `contract` lines, which only declare facts).
 * Unknown kinds and lines naming an unknown contract are skipped.
 */
export function eventsOfLine(state: HistoryState, line: HistoryLine): CreditEventInput[] {
  const at = historyDate(line.t);
  if (!at) return [];
  if (!state.lastAt || at.getTime() > state.lastAt.getTime()) state.lastAt = at;
  switch (line.kind) {
    case 'org': {
      see(state, line.org);
      const o = state.orgs.get(line.org);
      if (o) {
        if (line.orgKind) o.kind = line.orgKind;
        if (typeof line.verified === 'boolean') o.verified = line.verified;
      }
      if (line.verified === true) state.declaresVerified = true;
      return [];
    }
    case 'contract': {
      see(state, line.client);
      see(state, line.provider);
      state.contracts.set(line.id, { client: line.client, provider: line.provider, value: num(line.value, 0) });
      return [];
    }
    case 'milestone': {
      const c = state.contracts.get(line.contract);
      if (!c) return [];
      const faultOf = line.faultOf === 'client' || line.faultOf === 'provider' ? line.faultOf : null;
      const result = line.result;
      if (result !== 'on_time' && result !== 'late' && result !== 'failed') return [];
      const seq = typeof line.seq === 'number' && line.seq > 0 ? Math.floor(line.seq) : null;
      return [
        { orgId: c.provider, occurredAt: at, data: { kind: 'milestone', contractId: line.contract, counterpartyOrgId: c.client, role: 'provider', value: c.value, seq, result, faultOf } },
        { orgId: c.client, occurredAt: at, data: { kind: 'milestone', contractId: line.contract, counterpartyOrgId: c.provider, role: 'client', value: c.value, seq, result, faultOf } },
      ];
    }
    case 'rating': {
      const c = state.contracts.get(line.contract);
      if (!c) return [];
      const role = line.to === c.provider ? 'provider' : line.to === c.client ? 'client' : null;
      if (!role) return [];
      const stars = Math.min(5, Math.max(1, num(line.stars, 3)));
      const again = typeof line.again === 'number' && Number.isFinite(line.again) ? Math.min(10, Math.max(0, line.again)) : null;
      return [{ orgId: line.to, occurredAt: at, data: { kind: 'rating', contractId: line.contract, counterpartyOrgId: line.from, role, value: c.value, stars, again } }];
    }
    case 'integrity': {
      see(state, line.org);
      const severity = line.severity === 'serious' ? 'serious' : 'minor';
      return [
        {
          orgId: line.org,
          occurredAt: at,
          data: { kind: 'integrity', severity, negativeList: line.negativeList === true, note: line.note ?? '', documentRef: null, until: line.until ?? null },
        },
      ];
    }
    case 'qualification': {
      see(state, line.org);
      return [{ orgId: line.org, occurredAt: at, data: { kind: 'qualification', name: line.name, expires: line.expires ?? null, reference: null } }];
    }
    default:
      return [];
  }
}

/** The kind of a history organisation: as declared, or inferred from the side it takes in contracts. */
export function scoredKind(declared: string | null, actsAsProvider: boolean): ScoredKind {
  switch (declared) {
    case 'enterprise':
    case 'research_team':
    case 'incubator':
    case 'bureau':
      return declared;
    case 'team':
    case 'university':
    case 'institute':
    case 'lab':
    case 'provider':
      return 'research_team';
    case 'client':
    case 'company':
      return 'enterprise';
    default:
      return actsAsProvider ? 'research_team' : 'enterprise';
  }
}

/** An in-memory ledger that numbers each organisation's events like the database ledger does. */
export class MemoryLedger {
  readonly byOrg = new Map<string, LedgerEvent[]>();

  append(input: CreditEventInput): LedgerEvent {
    const list = this.byOrg.get(input.orgId) ?? [];
    const event: LedgerEvent = { ...input, seq: list.length + 1 };
    list.push(event);
    this.byOrg.set(input.orgId, list);
    return event;
  }

  events(orgId: string): LedgerEvent[] {
    return this.byOrg.get(orgId) ?? [];
  }
}

/** Every organisation of a history: its kind (declared or inferred) and whether the bureau verified it. */
export function historyOrgs(state: HistoryState): OrgFacts[] {
  const providers = new Set([...state.contracts.values()].map((c) => c.provider));
  return [...state.orgs.entries()]
    .sort((a, b) => a[1].firstSeen - b[1].firstSeen)
    .map(([id, o]) => ({ id, kind: scoredKind(o.kind, providers.has(id)), verified: o.verified ?? !state.declaresVerified }));
}

/**
 * Summarises every organisation of a history as of `asOf` and resets the year's calibration (priors, weights) from
 * them — the history is one market's record, calibrated from itself as the platform is each year.
 */
export function summariseHistory(state: HistoryState, ledger: MemoryLedger, asOf: Date | null = state.lastAt, params: CreditParams = CREDIT_PARAMS) {
  return summarisePopulation(historyOrgs(state), (id) => ledger.events(id), asOf ?? new Date(0), params);
}

/** Scores every organisation of a history as of its last event's date. */
export function scoreHistory(state: HistoryState, ledger: MemoryLedger, asOf: Date | null = state.lastAt, params: CreditParams = CREDIT_PARAMS): CreditResult[] {
  const { summaries, calibration } = summariseHistory(state, ledger, asOf, params);
  return summaries.map((s) => scoreSummary(s, calibration, params));
}

/** Reads a whole history (already parsed lines) and scores it: what `credit:score` prints. */
export function scoreLines(lines: Iterable<HistoryLine>, params: CreditParams = CREDIT_PARAMS): CreditResult[] {
  const state = newHistoryState();
  const ledger = new MemoryLedger();
  for (const line of lines) for (const e of eventsOfLine(state, line)) ledger.append(e);
  return scoreHistory(state, ledger, state.lastAt, params);
}

/** One output line of `credit:score`. */
export function resultLine(r: CreditResult): string {
  const components = Object.fromEntries(Object.entries(r.components).map(([k, c]) => [k, Math.round(c.value * 1000) / 1000]));
  return JSON.stringify({ org: r.orgId, score: r.score, grade: r.grade, components });
}
