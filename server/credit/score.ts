import type { CreditEventOf, LedgerEvent } from './events';
import { COMPONENTS, CREDIT_PARAMS, type ComponentKey, type CreditParams, type Grade, type ScoredKind } from './params';

/**
 * The credit scorer (SPEC §5): pure functions from one organisation's ledger to its score, grade, components and
 * explanation. The platform (scores.ts, after each commit) and `credit:score` (offline.ts) both call `scoreOrg`.
 *
 * The model, in the order it is applied:
 * 1. Appeals the bureau reversed (信用修复) remove their event; upheld ones leave it.
 * 2. Every contract event becomes evidence x ∈ [0, 1] for a component, weighing
 *    decay 2^(−age/18 months) × log-scaled, capped contract value × the counterparty's trust:
 *    - delivery: milestone on time 1 / late 0.5 / failed 0 (a failure ruled the other side's fault is left out;
 *      a failure weighs double), a normal end (completed, stage_closed) 1, a termination or a ruling against 0;
 *      a client is judged on the failures it caused;
 *    - ratings: the private "would contract again" (0–10) weighs more than the stars; a poor rating weighs more
 *      than a good one (good and bad records are not averaged on equal terms); reciprocal top ratings between
 *      the same pair on small contracts count less;
 *    - responsiveness: answered within the target time 1, slower less;
 *    - qualifications: verified, unexpired qualifications counted.
 * 3. Caps: one counterparty's evidence counts as at most 3 contracts; ALL evidence from unverified (or gated)
 *    counterparties together as at most 2 — so a ring of unverified sybil clients can neither lift its members
 *    nor bury honest competitors.
 * 4. Each component is a Bayesian average (Σw·x + m·μ) / (Σw + m) toward the fixed prior μ of the
 *    organisation's kind (m = 5 contracts): a newcomer sits at the prior, evidence moves it.
 * 5. Score = 600 + 1000 × Σ weight·(component − prior): a newcomer of any kind starts at 600 (grade A), and each
 *    component adds or takes away points as its evidence moves it from the prior. Integrity is a gate and a cap,
 *    never averaged: serious misconduct or a negative-list entry → grade D (score ≤ 299) while it lasts; a minor
 *    event caps the score at the top of B.
 * The priors, and how delivery and ratings share their weight, are reset once a year from the organisations'
 * evidence (`calibrate`); within the year they are fixed, so one organisation's event moves only its own score.
 */

export interface OrgFacts {
  id: string;
  kind: ScoredKind;
  verified: boolean;
}

/** What the scorer needs to know about a counterparty: whether its word is trusted. */
export interface CounterpartyFacts {
  verified: boolean;
  /** Under a serious integrity gate: counted like an unverified counterparty. */
  gated: boolean;
}

/** A rating the subject gave (read from the other organisation's ledger): for the reciprocity discount. */
export interface GivenRating {
  contractId: string;
  counterpartyOrgId: string;
  value: number;
  occurredAt: Date;
  top: boolean;
}

export interface ScoringInput {
  org: OrgFacts;
  /** The subject's ledger, in order. */
  events: readonly LedgerEvent[];
  given: readonly GivenRating[];
  counterparties: ReadonlyMap<string, CounterpartyFacts>;
  asOf: Date;
}

export interface ComponentResult {
  value: number;
  weight: number;
  prior: number;
  /** Evidence weight after decay and caps (in average contracts). */
  evidence: number;
  /** True when the unverified cap or a counterparty cap reduced the evidence. */
  capped: boolean;
}

export interface EventImpact {
  seq: number;
  kind: LedgerEvent['data']['kind'];
  occurredAt: Date;
  contractId: string | null;
  /** Points (0–1000) the event moves the score: positive raises it. */
  points: number;
}

export type RaiseHint =
  | { key: 'deliverOnTime'; points: number }
  | { key: 'earnRatings'; points: number }
  | { key: 'answerPromptly'; points: number }
  | { key: 'addQualification'; points: number }
  | { key: 'verifiedCounterparties' }
  | { key: 'appealOrRepair' }
  | { key: 'integrityLapses'; until: string };

export interface IntegrityState {
  /** Serious misconduct or a negative-list entry in force: grade D, no bids, no matches. */
  gated: boolean;
  negativeListed: boolean;
  /** A minor event in force: the score is capped. */
  capped: boolean;
  /** The event(s) in force, latest first. */
  events: { seq: number; severity: 'serious' | 'minor'; negativeList: boolean; until: string }[];
}

export interface CreditResult {
  orgId: string;
  score: number;
  grade: Grade;
  /** The score before integrity gates and caps (what the contract evidence alone says). */
  evidenceScore: number;
  components: Record<ComponentKey, ComponentResult>;
  integrity: IntegrityState;
  insufficientHistory: boolean;
  activeQualifications: { name: string; expires: string | null; seq: number }[];
  topEvents: EventImpact[];
  raise: RaiseHint[];
  asOf: Date;
}

const MONTH_MS = 30.4375 * 24 * 3600 * 1000;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export function addMonths(d: Date, months: number): string {
  return isoDay(new Date(d.getTime() + months * MONTH_MS));
}

export function decay(occurredAt: Date, asOf: Date, p: CreditParams = CREDIT_PARAMS): number {
  const ageMonths = Math.max(0, (asOf.getTime() - occurredAt.getTime()) / MONTH_MS);
  return Math.pow(2, -ageMonths / p.halfLifeMonths);
}

export function valueWeight(value: number, p: CreditParams = CREDIT_PARAMS): number {
  const w = Math.log2(1 + Math.max(0, value) / p.valueScale) / Math.log2(1 + p.valueRef / p.valueScale);
  return Math.min(p.valueMax, Math.max(p.valueMin, w));
}

/** A rating on the 0–1 scale: the private "would contract again" weighs more than the stars. */
export function ratingValue(stars: number, again: number | null, p: CreditParams = CREDIT_PARAMS): number {
  const s = (Math.min(5, Math.max(1, stars)) - 1) / 4;
  if (again === null) return s;
  return p.againShare * (Math.min(10, Math.max(0, again)) / 10) + (1 - p.againShare) * s;
}

/** A top rating (for reciprocity): five stars, and "would contract again" 9 or 10 when given. */
export function isTopRating(stars: number, again: number | null): boolean {
  return stars >= 5 && (again === null || again >= 9);
}

export function gradeOf(score: number, p: CreditParams = CREDIT_PARAMS): Grade {
  const f = p.gradeFloors;
  if (score >= f.AAA) return 'AAA';
  if (score >= f.AA) return 'AA';
  if (score >= f.A) return 'A';
  if (score >= f.B) return 'B';
  if (score >= f.C) return 'C';
  return 'D';
}

/** Events the bureau reversed on appeal (the latest ruling on an event decides). */
export function reversedSeqs(events: readonly LedgerEvent[]): Set<number> {
  const decision = new Map<number, 'upheld' | 'reversed'>();
  for (const e of events) if (e.data.kind === 'appeal_ruled') decision.set(e.data.targetSeq, e.data.decision);
  return new Set([...decision].filter(([, d]) => d === 'reversed').map(([seq]) => seq));
}

/** The events that count as of `asOf`: not in the future, not reversed, not appeal rulings themselves. */
export function effectiveEvents(events: readonly LedgerEvent[], asOf: Date): LedgerEvent[] {
  const reversed = reversedSeqs(events.filter((e) => e.occurredAt.getTime() <= asOf.getTime()));
  return events.filter((e) => e.occurredAt.getTime() <= asOf.getTime() && e.data.kind !== 'appeal_ruled' && !reversed.has(e.seq));
}

/** Integrity gate and cap in force as of `asOf` (reversed events excluded). */
export function integrityState(events: readonly LedgerEvent[], asOf: Date, p: CreditParams = CREDIT_PARAMS): IntegrityState {
  const today = isoDay(asOf);
  const inForce: IntegrityState['events'] = [];
  for (const e of effectiveEvents(events, asOf)) {
    if (e.data.kind !== 'integrity') continue;
    const d: CreditEventOf<'integrity'> = e.data;
    const serious = d.severity === 'serious' || d.negativeList;
    const until = d.until ?? addMonths(e.occurredAt, serious ? p.seriousMonths : p.minorMonths);
    if (until > today) inForce.unshift({ seq: e.seq, severity: d.severity, negativeList: d.negativeList, until });
  }
  const gated = inForce.some((e) => e.severity === 'serious' || e.negativeList);
  return { gated, negativeListed: inForce.some((e) => e.negativeList), capped: !gated && inForce.length > 0, events: inForce };
}

export interface Evidence {
  component: ComponentKey;
  x: number;
  w: number;
  /** null: measured by the platform itself (responsiveness), trusted and uncapped. */
  counterparty: string | null;
  trusted: boolean;
  event: LedgerEvent;
}

/** Turns the effective events into weighted evidence before caps. */
function collectEvidence(input: ScoringInput, events: readonly LedgerEvent[], p: CreditParams): Evidence[] {
  const { asOf } = input;
  const out: Evidence[] = [];
  const trusted = (id: string) => {
    const c = input.counterparties.get(id);
    return !!c && c.verified && !c.gated;
  };
  // Milestones of one contract share the contract's weight.
  const milestonesPerContract = new Map<string, number>();
  for (const e of events) if (e.data.kind === 'milestone') milestonesPerContract.set(e.data.contractId, (milestonesPerContract.get(e.data.contractId) ?? 0) + 1);
  // Reciprocity: the top ratings the subject gave, by counterparty.
  const topGiven = new Map<string, GivenRating[]>();
  for (const g of input.given) {
    if (!g.top) continue;
    const list = topGiven.get(g.counterpartyOrgId);
    if (list) list.push(g);
    else topGiven.set(g.counterpartyOrgId, [g]);
  }

  for (const e of events) {
    const d = e.data;
    const age = decay(e.occurredAt, asOf, p);
    switch (d.kind) {
      case 'milestone': {
        const base = (valueWeight(d.value, p) * age) / (milestonesPerContract.get(d.contractId) ?? 1);
        const x = d.result === 'on_time' ? 1 : d.result === 'late' ? 0.5 : 0;
        if (d.role === 'provider') {
          // A failure (or lateness) the bureau or the acceptance put on the client is not the team's record.
          if (d.faultOf === 'client') break;
          out.push({ component: 'delivery', x, w: x === 0 ? base * p.failureWeight : base, counterparty: d.counterpartyOrgId, trusted: trusted(d.counterpartyOrgId), event: e });
        } else {
          // A client's record: the failures and delays it caused, against the milestones that went without its fault.
          const caused = d.faultOf === 'client' && d.result !== 'on_time';
          out.push({
            component: 'delivery',
            x: caused ? x : 1,
            w: caused && x === 0 ? base * p.failureWeight : base,
            counterparty: d.counterpartyOrgId,
            trusted: trusted(d.counterpartyOrgId),
            event: e,
          });
        }
        break;
      }
      case 'contract_ended': {
        const base = valueWeight(d.value, p) * age;
        if (d.outcome === 'terminated') {
          if (d.faultOf !== null && d.faultOf !== d.role) break;
          out.push({ component: 'delivery', x: d.faultOf === d.role ? 0 : 0.5, w: base * (d.faultOf === d.role ? p.failureWeight : p.endWeight), counterparty: d.counterpartyOrgId, trusted: trusted(d.counterpartyOrgId), event: e });
        } else {
          out.push({ component: 'delivery', x: 1, w: base * p.endWeight, counterparty: d.counterpartyOrgId, trusted: trusted(d.counterpartyOrgId), event: e });
        }
        break;
      }
      case 'dispute_ruled': {
        const base = valueWeight(d.value, p) * age;
        out.push({ component: 'delivery', x: 0, w: base * p.failureWeight, counterparty: d.counterpartyOrgId, trusted: trusted(d.counterpartyOrgId), event: e });
        break;
      }
      case 'rating': {
        const x = ratingValue(d.stars, d.again, p);
        let w = valueWeight(d.value, p) * age;
        if (x < p.lowRatingBelow) w *= p.lowRatingWeight;
        if (isTopRating(d.stars, d.again) && d.value < p.reciprocalSmallValue) {
          const back = topGiven.get(d.counterpartyOrgId) ?? [];
          if (back.some((g) => g.contractId === d.contractId || g.value < p.reciprocalSmallValue)) w *= p.reciprocalDiscount;
        }
        out.push({ component: 'ratings', x, w, counterparty: d.counterpartyOrgId, trusted: trusted(d.counterpartyOrgId), event: e });
        break;
      }
      case 'responsiveness': {
        const x = d.hours <= d.targetHours ? 1 : Math.max(0, 1 - (d.hours - d.targetHours) / (3 * d.targetHours));
        out.push({ component: 'responsiveness', x, w: age, counterparty: null, trusted: true, event: e });
        break;
      }
      case 'qualification':
      case 'integrity':
      case 'appeal_ruled':
        break;
      default:
        d satisfies never;
    }
  }
  return out;
}

/**
 * Sets aside untrusted evidence that contradicts the trusted evidence (once there is enough of it), applies the
 * per-counterparty cap, then the cap on all untrusted evidence together; returns whether any of them bit.
 */
function applyCaps(items: Evidence[], p: CreditParams): boolean {
  let capped = false;
  const trustedItems = items.filter((it) => it.trusted && it.counterparty);
  const trustedW = trustedItems.reduce((s, it) => s + it.w, 0);
  if (p.corroboration > 0 && trustedW < p.corroboration) {
    for (const it of items) if (!it.trusted) it.w *= trustedW / p.corroboration;
  }
  if (trustedW >= p.contradictionMinEvidence) {
    const mean = trustedItems.reduce((s, it) => s + it.w * it.x, 0) / trustedW;
    for (const it of items) {
      if (!it.trusted && Math.abs(it.x - mean) > p.contradictionGap) {
        it.w *= p.contradictionDiscount;
        capped = true;
      }
    }
  }
  const byCounterparty = new Map<string, Evidence[]>();
  for (const it of items) {
    if (!it.counterparty) continue;
    const list = byCounterparty.get(it.counterparty);
    if (list) list.push(it);
    else byCounterparty.set(it.counterparty, [it]);
  }
  for (const group of byCounterparty.values()) {
    const total = group.reduce((s, it) => s + it.w, 0);
    if (total > p.perCounterpartyCap) {
      capped = true;
      for (const it of group) it.w *= p.perCounterpartyCap / total;
    }
  }
  const untrusted = items.filter((it) => !it.trusted);
  const total = untrusted.reduce((s, it) => s + it.w, 0);
  if (total > p.unverifiedCap) {
    capped = true;
    for (const it of untrusted) it.w *= p.unverifiedCap / total;
  }
  return capped;
}

export function smooth(sumWx: number, sumW: number, prior: number, m: number): number {
  return (sumWx + m * prior) / (sumW + m);
}

/** An organisation's evidence after caps, before smoothing: what the priors are estimated from, and what is scored. */
export interface EvidenceSummary {
  org: OrgFacts;
  asOf: Date;
  evidence: Evidence[];
  sums: Record<ComponentKey, { wx: number; w: number; capped: boolean }>;
  integrity: IntegrityState;
  activeQualifications: { name: string; expires: string | null; seq: number }[];
  /** Distinct contracts with verified counterparties that gave delivery or rating evidence. */
  trustedContracts: number;
}

const EVIDENCE_COMPONENTS = ['delivery', 'ratings', 'responsiveness'] as const;

export function summarise(input: ScoringInput, p: CreditParams = CREDIT_PARAMS): EvidenceSummary {
  const { asOf } = input;
  const events = effectiveEvents(input.events, asOf);
  const evidence = collectEvidence(input, events, p);
  const sums = {} as EvidenceSummary['sums'];
  for (const key of EVIDENCE_COMPONENTS) {
    const items = evidence.filter((it) => it.component === key);
    const capped = applyCaps(items, p);
    sums[key] = { wx: items.reduce((s, it) => s + it.w * it.x, 0), w: items.reduce((s, it) => s + it.w, 0), capped };
  }
  // Qualifications: the latest verification of each name, counted while unexpired.
  const today = isoDay(asOf);
  const latestByName = new Map<string, LedgerEvent>();
  for (const e of events) if (e.data.kind === 'qualification') latestByName.set(e.data.name, e);
  const activeQualifications = [...latestByName.values()]
    .map((e) => ({ e, d: e.data as CreditEventOf<'qualification'> }))
    .filter(({ d }) => d.expires === null || d.expires > today)
    .map(({ e, d }) => ({ name: d.name, expires: d.expires, seq: e.seq }));
  sums.qualifications = { wx: activeQualifications.length, w: activeQualifications.length, capped: false };
  const trusted = evidence.filter((it) => it.trusted && it.counterparty && it.w > 0 && (it.component === 'delivery' || it.component === 'ratings'));
  return {
    org: input.org,
    asOf,
    evidence,
    sums,
    integrity: integrityState(input.events, asOf, p),
    activeQualifications,
    trustedContracts: new Set(trusted.map((it) => (it.event.data as { contractId: string }).contractId)).size,
  };
}

export type Priors = CreditParams['priors'];
export type Weights = CreditParams['weights'];

/** The yearly reset: the priors and the delivery/ratings weights each kind is scored with that year. */
export interface Calibration {
  priors: Priors;
  weights: Weights;
}

/** Per organisation and component, one value per contract (its evidence averaged): the unit the yearly reset counts. */
function contractValues(s: Pick<EvidenceSummary, 'evidence'>, key: ComponentKey): number[] {
  const byContract = new Map<string, { wx: number; w: number }>();
  for (const it of s.evidence) {
    if (it.component !== key || !it.trusted || !it.counterparty || it.w <= 0) continue;
    const id = (it.event.data as { contractId: string }).contractId;
    const c = byContract.get(id) ?? { wx: 0, w: 0 };
    c.wx += it.w * it.x;
    c.w += it.w;
    byContract.set(id, c);
  }
  return [...byContract.values()].map((c) => c.wx / c.w);
}

/**
 * One-way random-effects analysis of a component over organisations: τ² the variance of organisations' true
 * values, σ² the variance of one contract around its organisation's value.
 */
export function varianceComponents(groups: readonly number[][]): { tau2: number; sigma2: number; orgs: number } | null {
  const gs = groups.filter((g) => g.length >= 2);
  const k = gs.length;
  const n = gs.reduce((s, g) => s + g.length, 0);
  if (k < 3 || n <= k) return null;
  const means = gs.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
  const grand = gs.reduce((s, g) => s + g.reduce((a, b) => a + b, 0), 0) / n;
  let within = 0;
  gs.forEach((g, i) => g.forEach((x) => (within += (x - (means[i] ?? 0)) ** 2)));
  const sigma2 = within / (n - k);
  const between = gs.reduce((s, g, i) => s + g.length * ((means[i] ?? 0) - grand) ** 2, 0) / (k - 1);
  const n0 = (n - gs.reduce((s, g) => s + g.length ** 2, 0) / n) / (k - 1);
  return { tau2: Math.max(0, (between - sigma2) / n0), sigma2, orgs: k };
}

/**
 * The yearly reset, from the organisations' evidence (after caps, verified counterparties only):
 * - priors: for each kind and component, the `priorQuantile` of the evidence means of organisations with enough
 *   evidence, on the scale the market actually rates on — a newcomer starts as the typical organisation of its kind;
 * - weights: delivery and ratings share their part of the score in proportion to how well each tells
 *   organisations apart (τ/σ², the inverse-variance weight of a noisy measure of one quality), within bounds.
 * Kinds with too few organisations keep the defaults.
 */
export function calibrate(summaries: readonly Pick<EvidenceSummary, 'org' | 'sums' | 'evidence'>[], p: CreditParams = CREDIT_PARAMS): Calibration {
  const priors = structuredClone(p.priors);
  const weights = structuredClone(p.weights);
  for (const kind of Object.keys(priors) as ScoredKind[]) {
    const ofKind = summaries.filter((s) => s.org.kind === kind);
    for (const key of EVIDENCE_COMPONENTS) {
      const xs = ofKind
        .filter((s) => s.sums[key].w >= p.priorMinEvidence)
        .map((s) => s.sums[key].wx / s.sums[key].w)
        .sort((a, b) => a - b);
      if (xs.length < p.priorMinOrgs) continue;
      const pos = p.priorQuantile * (xs.length - 1);
      const lo = xs[Math.floor(pos)] ?? 0;
      const hi = xs[Math.ceil(pos)] ?? lo;
      priors[kind][key] = Math.round((lo + (hi - lo) * (pos - Math.floor(pos))) * 1000) / 1000;
    }
    const d = varianceComponents(ofKind.map((s) => contractValues(s, 'delivery')));
    const r = varianceComponents(ofKind.map((s) => contractValues(s, 'ratings')));
    if (d && r && d.orgs >= p.priorMinOrgs && r.orgs >= p.priorMinOrgs && d.sigma2 > 0 && r.sigma2 > 0) {
      const wd = Math.sqrt(d.tau2) / d.sigma2;
      const wr = Math.sqrt(r.tau2) / r.sigma2;
      if (wd + wr > 0) {
        const part = weights[kind].delivery + weights[kind].ratings;
        const share = Math.min(p.deliveryShareMax, Math.max(p.deliveryShareMin, wd / (wd + wr)));
        weights[kind].delivery = Math.round(part * share * 1000) / 1000;
        weights[kind].ratings = Math.round((part - weights[kind].delivery) * 1000) / 1000;
      }
    }
  }
  return { priors, weights };
}

/** Scores one summarised organisation against the year's priors. */
export function scoreSummary(summary: EvidenceSummary, calibration: Calibration = CREDIT_PARAMS, p: CreditParams = CREDIT_PARAMS): CreditResult {
  const { org, asOf, evidence, sums, integrity, activeQualifications } = summary;
  const prior = calibration.priors[org.kind];
  const weights = calibration.weights[org.kind];
  const components = {} as Record<ComponentKey, ComponentResult>;
  for (const key of COMPONENTS) {
    const m = key === 'qualifications' ? p.mQualifications : p.m;
    const { wx, w, capped } = sums[key];
    components[key] = { value: smooth(wx, w, prior[key], m), weight: weights[key], prior: prior[key], evidence: w, capped };
  }
  // Points above or below a newcomer of the same kind: each component adds 1000 × weight × (value − prior).
  const lift = COMPONENTS.reduce((s, k) => s + components[k].weight * (components[k].value - components[k].prior), 0);
  const evidenceScore = Math.min(1000, Math.max(0, Math.round(p.newcomerScore + 1000 * lift)));
  let score = evidenceScore;
  if (integrity.gated) score = Math.min(score, p.gateCap);
  else if (integrity.capped) score = Math.min(score, p.minorCap);
  const grade: Grade = integrity.gated ? 'D' : gradeOf(score, p);
  return {
    orgId: org.id,
    score,
    grade,
    evidenceScore,
    components,
    integrity,
    insufficientHistory: summary.trustedContracts < p.minEvidence,
    activeQualifications,
    topEvents: topEvents(evidence, components, sums, p, activeQualifications),
    raise: raiseHints(components, sums, p, integrity, evidence),
    asOf,
  };
}

/** Scores one organisation from its ledger with the year's calibration. */
export function scoreOrg(input: ScoringInput, p: CreditParams = CREDIT_PARAMS, calibration: Calibration = p): CreditResult {
  return scoreSummary(summarise(input, p), calibration, p);
}

/**
 * How much each event moved the score: the score with the event minus the score without it (its evidence
 * removed from its component), in points. Events of one contract are reported individually.
 */
function topEvents(
  evidence: Evidence[],
  components: Record<ComponentKey, ComponentResult>,
  sums: Record<ComponentKey, { wx: number; w: number }>,
  p: CreditParams,
  qualifications: { seq: number; expires: string | null }[],
): EventImpact[] {
  const impacts = new Map<number, EventImpact>();
  for (const it of evidence) {
    if (it.w <= 0) continue;
    const c = components[it.component];
    const s = sums[it.component];
    const without = smooth(s.wx - it.w * it.x, s.w - it.w, c.prior, p.m);
    const points = 1000 * c.weight * (c.value - without);
    const d = it.event.data;
    const prev = impacts.get(it.event.seq);
    impacts.set(it.event.seq, {
      seq: it.event.seq,
      kind: d.kind,
      occurredAt: it.event.occurredAt,
      contractId: 'contractId' in d ? d.contractId : null,
      points: (prev?.points ?? 0) + points,
    });
  }
  const q = components.qualifications;
  for (const qual of qualifications) {
    const n = sums.qualifications.w;
    const without = smooth(n - 1, n - 1, q.prior, p.mQualifications);
    impacts.set(qual.seq, { seq: qual.seq, kind: 'qualification', occurredAt: new Date(0), contractId: null, points: 1000 * q.weight * (q.value - without) });
  }
  return [...impacts.values()]
    .map((i) => ({ ...i, points: Math.round(i.points * 10) / 10 }))
    .filter((i) => Math.abs(i.points) >= 0.1)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .slice(0, 8);
}

/** What would raise the score most: one more perfect contract's worth of each kind of evidence, largest first. */
function raiseHints(
  components: Record<ComponentKey, ComponentResult>,
  sums: Record<ComponentKey, { wx: number; w: number }>,
  p: CreditParams,
  integrity: IntegrityState,
  evidence: Evidence[],
): RaiseHint[] {
  const gain = (key: ComponentKey, add: number, m: number) => {
    const c = components[key];
    const s = sums[key];
    return Math.round(1000 * c.weight * (smooth(s.wx + add, s.w + add, c.prior, m) - c.value));
  };
  const hints: RaiseHint[] = [];
  const integrityEnd = integrity.events.reduce<string | null>((max, e) => (max === null || e.until > max ? e.until : max), null);
  if (integrity.events.length > 0) {
    hints.push({ key: 'appealOrRepair' });
    if (integrityEnd) hints.push({ key: 'integrityLapses', until: integrityEnd });
  }
  // Under a gate nothing else moves the grade until the gate lifts.
  if (integrity.gated) return hints;
  const scored: RaiseHint[] = [
    { key: 'deliverOnTime', points: gain('delivery', 1, p.m) },
    { key: 'earnRatings', points: gain('ratings', 1, p.m) },
    { key: 'answerPromptly', points: gain('responsiveness', 1, p.m) },
    { key: 'addQualification', points: gain('qualifications', 1, p.mQualifications) },
  ];
  hints.push(...scored.filter((h) => 'points' in h && h.points > 0).sort((a, b) => ('points' in b ? b.points : 0) - ('points' in a ? a.points : 0)));
  if (evidence.some((it) => !it.trusted && it.counterparty) && (components.delivery.capped || components.ratings.capped)) hints.push({ key: 'verifiedCounterparties' });
  return hints;
}
