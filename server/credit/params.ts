/**
 * The credit model's constants in one place (SPEC §5; the measurements behind them: bench/credit/README.md).
 * The scorer takes them as an argument so the bench can measure alternatives, but the platform and
 * `credit:score` always use `CREDIT_PARAMS`.
 */

export const COMPONENTS = ['delivery', 'ratings', 'responsiveness', 'qualifications'] as const;
export type ComponentKey = (typeof COMPONENTS)[number];

export type ScoredKind = 'enterprise' | 'research_team' | 'incubator' | 'bureau';

export const GRADES = ['AAA', 'AA', 'A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface CreditParams {
  /** Which year's priors these are: the priors are fixed for a year, so one organisation's event moves only its own score. */
  priorYear: number;
  /** Per kind of organisation, the value each component is smoothed toward (0–1). */
  priors: Record<ScoredKind, Record<ComponentKey, number>>;
  /** Whether a history's priors and weights are reset from the history itself (the yearly reset), or the defaults used. */
  calibrate: boolean;
  /** Which quantile of the established organisations' evidence means becomes the prior (the yearly reset). */
  priorQuantile: number;
  /** Organisations with at least this much evidence (contracts' worth) take part in the yearly prior. */
  priorMinEvidence: number;
  /** A kind needs this many such organisations, else it keeps the default prior. */
  priorMinOrgs: number;
  /** Bounds of delivery's share of the delivery + ratings weight when the yearly reset sets it. */
  deliveryShareMin: number;
  deliveryShareMax: number;
  /** Per kind, how much each component weighs in the score (sums to 1). */
  weights: Record<ScoredKind, Record<ComponentKey, number>>;
  /** Smoothing strength: evidence worth this many average contracts moves a component half-way from the prior. */
  m: number;
  /** Qualifications are counted, not weighed by contracts: their own smoothing. */
  mQualifications: number;
  /** Half-life of evidence in months (decay 2^(−age/halfLife)). */
  halfLifeMonths: number;
  /** Contract value weight: log2(1 + v/valueScale) / log2(1 + valueRef/valueScale), clamped to [valueMin, valueMax]. */
  valueScale: number;
  valueRef: number;
  valueMin: number;
  valueMax: number;
  /** All evidence from unverified counterparties on one organisation together counts as at most this many contracts. */
  unverifiedCap: number;
  /** One counterparty's evidence on one organisation counts as at most this many contracts (per component). */
  perCounterpartyCap: number;
  /**
   * Unverified evidence that contradicts the verified evidence on the same organisation (differs from its mean by
   * more than `contradictionGap`, once there is `contradictionMinEvidence` contracts' worth of verified evidence)
   * counts this much: sybils' fake praise of a poor team and fake complaints about a good one are set aside.
   */
  contradictionGap: number;
  contradictionMinEvidence: number;
  contradictionDiscount: number;
  /**
   * Unverified evidence corroborates, it does not decide: it counts in proportion to the verified evidence on the
   * same organisation, fully from this many contracts' worth (0: no such rule).
   */
  corroboration: number;
  /** Weight of the private 0–10 "would contract again" against the public stars, when both are given. */
  againShare: number;
  /** A failure (provider's fault), a termination or a ruling against weighs this many times an ordinary outcome. */
  failureWeight: number;
  /** A poor rating (below `lowRatingBelow` on the 0–1 scale) weighs this many times an ordinary one. */
  lowRatingWeight: number;
  lowRatingBelow: number;
  /** How much a normal end (completed / stage_closed) adds as delivery evidence, relative to the contract. */
  endWeight: number;
  /** Reciprocal top ratings between the same pair on contracts below `reciprocalSmallValue` 万元 count this much. */
  reciprocalDiscount: number;
  reciprocalSmallValue: number;
  /** Below this much trusted evidence (in contracts), the report says "insufficient history". */
  minEvidence: number;
  /** How long an integrity event lasts when the bureau gave no end date (months). */
  seriousMonths: number;
  minorMonths: number;
  /** Where a newcomer (no evidence: every component at its prior) stands on the 0–1000 scale. */
  newcomerScore: number;
  /** Lower bounds of the grades on the 0–1000 scale (D below the last). */
  gradeFloors: Record<Exclude<Grade, 'D'>, number>;
  /** The highest score a minor integrity event allows while it lasts (top of B). */
  minorCap: number;
  /** The highest score of a gated organisation (serious misconduct, negative list). */
  gateCap: number;
}

export const CREDIT_PARAMS: CreditParams = {
  priorYear: 2026,
  priors: {
    research_team: { delivery: 0.6, ratings: 0.5, responsiveness: 0.7, qualifications: 0.2 },
    enterprise: { delivery: 0.75, ratings: 0.65, responsiveness: 0.65, qualifications: 0.2 },
    incubator: { delivery: 0.75, ratings: 0.65, responsiveness: 0.65, qualifications: 0.2 },
    bureau: { delivery: 0.75, ratings: 0.65, responsiveness: 0.65, qualifications: 0.2 },
  },
  calibrate: true,
  priorQuantile: 0.5,
  priorMinEvidence: 2,
  priorMinOrgs: 20,
  deliveryShareMin: 0.2,
  deliveryShareMax: 0.8,
  weights: {
    research_team: { delivery: 0.25, ratings: 0.55, responsiveness: 0.1, qualifications: 0.1 },
    enterprise: { delivery: 0.3, ratings: 0.3, responsiveness: 0.3, qualifications: 0.1 },
    incubator: { delivery: 0.3, ratings: 0.3, responsiveness: 0.3, qualifications: 0.1 },
    bureau: { delivery: 0.3, ratings: 0.3, responsiveness: 0.3, qualifications: 0.1 },
  },
  m: 5,
  mQualifications: 4,
  halfLifeMonths: 18,
  valueScale: 10,
  valueRef: 30,
  valueMin: 0.5,
  valueMax: 2,
  unverifiedCap: 2,
  perCounterpartyCap: 3,
  contradictionGap: 0.35,
  contradictionMinEvidence: 1.5,
  contradictionDiscount: 0,
  corroboration: 2,
  againShare: 0.65,
  failureWeight: 2,
  lowRatingWeight: 6,
  lowRatingBelow: 0.45,
  endWeight: 0.5,
  reciprocalDiscount: 0.3,
  reciprocalSmallValue: 20,
  minEvidence: 3,
  seriousMonths: 36,
  minorMonths: 12,
  newcomerScore: 600,
  gradeFloors: { AAA: 760, AA: 670, A: 560, B: 470, C: 370 },
  minorCap: 559,
  gateCap: 299,
};
