import { describe, expect, it } from 'vitest';
import type { CreditEventData, LedgerEvent } from './events';
import type { HistoryLine } from './history';
import { CREDIT_PARAMS, type CreditParams } from './params';
import { calibrate, decay, gradeOf, ratingValue, scoreOrg, smooth, summarise, valueWeight, varianceComponents, type CounterpartyFacts, type ScoringInput } from './score';

/** Pure tests of the scorer: one organisation's ledger in, score and explanation out. */

const AS_OF = new Date('2026-06-30T00:00:00Z');
const DAY = 24 * 3600 * 1000;
const daysAgo = (d: number) => new Date(AS_OF.getTime() - d * DAY);

/** Default priors and weights (no yearly reset) so the arithmetic is checkable by hand. */
const P: CreditParams = { ...CREDIT_PARAMS, calibrate: false };

function ledger(items: { data: CreditEventData; at?: Date }[]): LedgerEvent[] {
  return items.map((it, i) => ({ orgId: 'T', seq: i + 1, occurredAt: it.at ?? daysAgo(10), data: it.data }));
}

function input(events: LedgerEvent[], counterparties: Record<string, Partial<CounterpartyFacts>> = {}, given: ScoringInput['given'] = []): ScoringInput {
  const map = new Map<string, CounterpartyFacts>();
  for (const [id, c] of Object.entries(counterparties)) map.set(id, { verified: true, gated: false, ...c });
  return { org: { id: 'T', kind: 'research_team', verified: true }, events, given, counterparties: map, asOf: AS_OF };
}

let contractNo = 0;
function contract(client: string, result: 'on_time' | 'late' | 'failed', stars: number, again: number | null, value = 30, faultOf: 'provider' | 'client' | null = null) {
  const contractId = `c${++contractNo}`;
  const ref = { contractId, counterpartyOrgId: client, role: 'provider' as const, value };
  return [
    { data: { kind: 'milestone', ...ref, seq: 1, result, faultOf: faultOf ?? (result === 'on_time' ? null : 'provider') } as CreditEventData },
    { data: { kind: 'rating', ...ref, stars, again } as CreditEventData },
  ];
}

describe('building blocks', () => {
  it('decay halves every 18 months', () => {
    expect(decay(AS_OF, AS_OF)).toBe(1);
    expect(decay(new Date(AS_OF.getTime() - 18 * 30.4375 * DAY), AS_OF)).toBeCloseTo(0.5, 6);
    expect(decay(new Date(AS_OF.getTime() - 36 * 30.4375 * DAY), AS_OF)).toBeCloseTo(0.25, 6);
  });

  it('contract value weighs on a log scale, capped both ways', () => {
    expect(valueWeight(30)).toBeCloseTo(1, 6);
    expect(valueWeight(100)).toBeGreaterThan(valueWeight(30));
    expect(valueWeight(100_000)).toBe(CREDIT_PARAMS.valueMax);
    expect(valueWeight(0.1)).toBe(CREDIT_PARAMS.valueMin);
  });

  it('the private "would contract again" weighs more than the stars', () => {
    // Five stars but would not contract again is worse than three stars and would gladly.
    expect(ratingValue(5, 2)).toBeLessThan(ratingValue(3, 9));
    expect(ratingValue(5, null)).toBe(1);
    expect(ratingValue(1, 0)).toBe(0);
  });

  it('smoothing: (Σw·x + m·μ) / (Σw + m)', () => {
    expect(smooth(0, 0, 0.6, 5)).toBe(0.6);
    expect(smooth(5, 5, 0.6, 5)).toBeCloseTo(0.8, 10);
  });

  it('grades from the score', () => {
    expect(gradeOf(600)).toBe('A');
    expect(gradeOf(CREDIT_PARAMS.gradeFloors.AAA)).toBe('AAA');
    expect(gradeOf(CREDIT_PARAMS.gradeFloors.C - 1)).toBe('D');
  });
});

describe('scoreOrg', () => {
  it('a newcomer sits at the prior: grade A, 600, insufficient history', () => {
    const r = scoreOrg(input([]), P);
    expect(r.score).toBe(CREDIT_PARAMS.newcomerScore);
    expect(r.grade).toBe('A');
    expect(r.insufficientHistory).toBe(true);
    expect(r.components.delivery.value).toBe(CREDIT_PARAMS.priors.research_team.delivery);
    for (const kind of ['enterprise', 'research_team', 'incubator', 'bureau'] as const) {
      expect(scoreOrg({ ...input([]), org: { id: 'X', kind, verified: true } }, P).grade).toBe('A');
    }
  });

  it('one event moves a newcomer a little, neither to the top nor the bottom (m = 5)', () => {
    const good = scoreOrg(input(ledger(contract('E', 'on_time', 5, 10)), { E: {} }), P);
    const bad = scoreOrg(input(ledger(contract('E', 'failed', 1, 0)), { E: {} }), P);
    expect(good.score).toBeGreaterThan(600);
    expect(good.grade).not.toBe('AAA');
    expect(bad.score).toBeLessThan(600);
    expect(bad.grade).not.toBe('D');
    // The delivery component is exactly the Bayesian average of one (10 days old) on-time contract.
    const w = decay(daysAgo(10), AS_OF);
    expect(good.components.delivery.value).toBeCloseTo(smooth(w, w, CREDIT_PARAMS.priors.research_team.delivery, 5), 10);
  });

  it('evidence decays: an old failure weighs less than a recent one', () => {
    const recent = scoreOrg(input(ledger(contract('E', 'failed', 1, 0).map((e) => ({ ...e, at: daysAgo(10) }))), { E: {} }), P);
    const old = scoreOrg(input(ledger(contract('E', 'failed', 1, 0).map((e) => ({ ...e, at: daysAgo(900) }))), { E: {} }), P);
    expect(old.score).toBeGreaterThan(recent.score);
    expect(old.score).toBeLessThan(600);
  });

  it('all unverified evidence together counts as at most two contracts', () => {
    const fakes = Array.from({ length: 20 }, (_, i) => contract(`S${i}`, 'on_time', 5, 10)).flat();
    const sybils = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`S${i}`, { verified: false }]));
    const r = scoreOrg(input(ledger(fakes), sybils), { ...P, corroboration: 0 });
    expect(r.components.ratings.evidence).toBeCloseTo(CREDIT_PARAMS.unverifiedCap, 6);
    expect(r.components.ratings.capped).toBe(true);
    // And with no verified evidence to corroborate it, unverified praise does not lift the score at all.
    const corroborated = scoreOrg(input(ledger(fakes), sybils), P);
    expect(corroborated.score).toBe(600);
    expect(corroborated.insufficientHistory).toBe(true);
  });

  it('one counterparty counts as at most three contracts', () => {
    const repeat = Array.from({ length: 10 }, () => contract('E', 'on_time', 5, 10)).flat();
    const r = scoreOrg(input(ledger(repeat), { E: {} }), P);
    expect(r.components.ratings.evidence).toBeCloseTo(CREDIT_PARAMS.perCounterpartyCap, 6);
    const spread = Array.from({ length: 10 }, (_, i) => contract(`E${i}`, 'on_time', 5, 10)).flat();
    const s = scoreOrg(input(ledger(spread), Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`E${i}`, {}]))), P);
    expect(s.score).toBeGreaterThan(r.score);
  });

  it('unverified complaints contradicting verified evidence are set aside', () => {
    const verified = Array.from({ length: 4 }, (_, i) => contract(`E${i}`, 'on_time', 5, 9)).flat();
    const badmouth = contract('S', 'failed', 1, 0);
    const cps = { ...Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`E${i}`, {}])), S: { verified: false } };
    const without = scoreOrg(input(ledger(verified), cps), P);
    const with_ = scoreOrg(input(ledger([...verified, ...badmouth]), cps), P);
    expect(with_.score).toBe(without.score);
    // The same complaint from a verified client counts.
    const verifiedComplaint = scoreOrg(input(ledger([...verified, ...badmouth]), { ...cps, S: {} }), P);
    expect(verifiedComplaint.score).toBeLessThan(without.score);
  });

  it('a failure ruled the client’s fault is not the team’s record', () => {
    const clean = scoreOrg(input(ledger(contract('E', 'on_time', 4, 8)), { E: {} }), P);
    const clientFault = scoreOrg(input(ledger([...contract('E', 'on_time', 4, 8), ...contract('F', 'failed', 4, 8, 30, 'client')]), { E: {}, F: {} }), P);
    expect(clientFault.components.delivery.value).toBeCloseTo(clean.components.delivery.value, 10);
  });

  it('reciprocal top ratings on small contracts between the same pair count less', () => {
    const small = contract('E', 'on_time', 5, 10, 5);
    const contractId = (small[1]?.data as { contractId: string }).contractId;
    const plain = scoreOrg(input(ledger(small), { E: {} }), P);
    const reciprocal = scoreOrg(input(ledger(small), { E: {} }, [{ contractId, counterpartyOrgId: 'E', value: 5, occurredAt: daysAgo(9), top: true }]), P);
    expect(reciprocal.components.ratings.value).toBeLessThan(plain.components.ratings.value);
    expect(reciprocal.components.ratings.value).toBeGreaterThan(CREDIT_PARAMS.priors.research_team.ratings);
  });

  it('serious misconduct is a gate: grade D whatever the evidence', () => {
    const strong = Array.from({ length: 8 }, (_, i) => contract(`E${i}`, 'on_time', 5, 10)).flat();
    const cps = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`E${i}`, {}]));
    const clean = scoreOrg(input(ledger(strong), cps), P);
    expect(clean.grade).toMatch(/^AA/);
    const integrity: CreditEventData = { kind: 'integrity', severity: 'serious', negativeList: true, note: '科研失信', documentRef: '新科信〔2026〕3号', until: null };
    const gated = scoreOrg(input(ledger([...strong, { data: integrity }]), cps), P);
    expect(gated.grade).toBe('D');
    expect(gated.score).toBeLessThanOrEqual(CREDIT_PARAMS.gateCap);
    expect(gated.evidenceScore).toBe(clean.score);
    expect(gated.integrity).toMatchObject({ gated: true, negativeListed: true });
  });

  it('a minor event caps the score at the top of B while it lasts', () => {
    const strong = Array.from({ length: 8 }, (_, i) => contract(`E${i}`, 'on_time', 5, 10)).flat();
    const cps = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`E${i}`, {}]));
    const minor: CreditEventData = { kind: 'integrity', severity: 'minor', negativeList: false, note: '材料不实', documentRef: null, until: null };
    const capped = scoreOrg(input(ledger([...strong, { data: minor }]), cps), P);
    expect(capped.score).toBe(CREDIT_PARAMS.minorCap);
    expect(capped.grade).toBe('B');
    const lapsed = scoreOrg(input(ledger([...strong, { data: minor, at: daysAgo(400) }]), cps), P);
    expect(lapsed.integrity.capped).toBe(false);
    expect(lapsed.score).toBeGreaterThan(CREDIT_PARAMS.minorCap);
  });

  it('an appeal the bureau reversed removes its event (信用修复); an upheld one leaves it', () => {
    const strong = Array.from({ length: 3 }, (_, i) => contract(`E${i}`, 'on_time', 5, 10)).flat();
    const cps = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`E${i}`, {}]));
    const integrity: CreditEventData = { kind: 'integrity', severity: 'serious', negativeList: true, note: '', documentRef: null, until: null };
    const base = [...strong, { data: integrity }];
    const target = base.length;
    const reversed = scoreOrg(input(ledger([...base, { data: { kind: 'appeal_ruled', appealId: 'a1', targetSeq: target, decision: 'reversed', note: '证据不足' } }]), cps), P);
    const upheld = scoreOrg(input(ledger([...base, { data: { kind: 'appeal_ruled', appealId: 'a1', targetSeq: target, decision: 'upheld', note: '维持' } }]), cps), P);
    expect(upheld.grade).toBe('D');
    expect(reversed.grade).not.toBe('D');
    expect(reversed.score).toBe(scoreOrg(input(ledger(strong), cps), P).score);
    // A reversed failure stops counting too.
    const failed = [...contract('E0', 'failed', 2, 3)];
    const withReversal = scoreOrg(input(ledger([...failed, { data: { kind: 'appeal_ruled', appealId: 'a2', targetSeq: 1, decision: 'reversed', note: '' } }]), { E0: {} }), P);
    expect(withReversal.components.delivery.value).toBe(CREDIT_PARAMS.priors.research_team.delivery);
  });

  it('qualifications count while unexpired', () => {
    const q = (expires: string): CreditEventData => ({ kind: 'qualification', name: '高新技术企业', expires, reference: null });
    expect(scoreOrg(input(ledger([{ data: q('2027-01-01') }])), P).activeQualifications).toHaveLength(1);
    expect(scoreOrg(input(ledger([{ data: q('2026-01-01') }])), P).activeQualifications).toHaveLength(0);
    expect(scoreOrg(input(ledger([{ data: q('2027-01-01') }])), P).score).toBeGreaterThan(600);
  });

  it('explains: components with weights, the events that moved it most, what would raise it', () => {
    const events = ledger([...contract('E1', 'on_time', 5, 10), ...contract('E2', 'failed', 1, 1), ...contract('E3', 'late', 4, 7)]);
    const r = scoreOrg(input(events, { E1: {}, E2: {}, E3: {} }), P);
    const weights = Object.values(r.components).reduce((s, c) => s + c.weight, 0);
    expect(weights).toBeCloseTo(1, 6);
    expect(r.topEvents[0]?.points).toBeLessThan(0);
    expect(r.topEvents[0]?.contractId).toBe((events[2]?.data as { contractId: string }).contractId);
    expect(r.raise.map((h) => h.key)).toContain('deliverOnTime');
    expect(r.raise[0]).toMatchObject({ key: expect.any(String) });
  });
});

describe('the yearly reset', () => {
  it('variance components separate organisations’ spread from one contract’s noise', () => {
    const vc = varianceComponents([
      [0.9, 0.8, 0.85],
      [0.2, 0.3, 0.25],
      [0.5, 0.6, 0.55],
    ]);
    expect(vc?.tau2).toBeGreaterThan(0.05);
    expect(vc?.sigma2).toBeCloseTo(0.0025, 4);
  });

  it('priors become the median organisation of the kind; with too few organisations the defaults stay', () => {
    const summaries = Array.from({ length: 30 }, (_, i) => {
      const x = i / 29;
      const events = ledger([...contract('E', x > 0.5 ? 'on_time' : 'failed', 1 + Math.round(4 * x), Math.round(10 * x)), ...contract('F', 'on_time', 1 + Math.round(4 * x), Math.round(10 * x))]);
      return summarise({ ...input(events, { E: {}, F: {} }), org: { id: `T${i}`, kind: 'research_team', verified: true } }, P);
    });
    const c = calibrate(summaries, P);
    expect(c.priors.research_team.ratings).toBeGreaterThan(0.4);
    expect(c.priors.research_team.ratings).toBeLessThan(0.6);
    expect(c.priors.enterprise).toEqual(CREDIT_PARAMS.priors.enterprise);
    const w = c.weights.research_team;
    expect(w.delivery + w.ratings).toBeCloseTo(CREDIT_PARAMS.weights.research_team.delivery + CREDIT_PARAMS.weights.research_team.ratings, 6);
    expect(calibrate(summaries.slice(0, 5), P).priors).toEqual(CREDIT_PARAMS.priors);
  });
});

describe('reading a history (credit:score)', () => {
  it('who counts as verified: as declared; undeclared organisations follow what the history declares', async () => {
    const { scoreLines } = await import('./history');
    const lines = (orgLines: object[]) => [
      ...orgLines,
      { t: '2025-01-01', kind: 'contract', id: 'c1', client: 'e1', provider: 't1', value: 30 },
      { t: '2025-03-01', kind: 'milestone', contract: 'c1', result: 'on_time', faultOf: 'provider' },
      { t: '2025-03-02', kind: 'rating', contract: 'c1', from: 'e1', to: 't1', stars: 5, again: 10 },
    ] as HistoryLine[];
    const score = (orgLines: object[]) => scoreLines(lines(orgLines)).find((r) => r.orgId === 't1')?.score ?? 0;
    // e1 declared verified: its evidence counts; declared unverified: it only corroborates (no verified evidence: none).
    expect(score([{ t: '2025-01-01', kind: 'org', org: 'e1', orgKind: 'enterprise', verified: true }])).toBeGreaterThan(600);
    expect(score([{ t: '2025-01-01', kind: 'org', org: 'e1', orgKind: 'enterprise', verified: false }])).toBe(600);
    // Not declared while another organisation is declared verified: not verified.
    expect(score([{ t: '2025-01-01', kind: 'org', org: 'x', orgKind: 'enterprise', verified: true }])).toBe(600);
    // No organisation declared at all, or only unverified ones: the undeclared are taken as verified.
    expect(score([])).toBeGreaterThan(600);
    expect(score([{ t: '2025-01-01', kind: 'org', org: 's1', orgKind: 'enterprise', verified: false }])).toBeGreaterThan(600);
  });
});
