import type { HistoryLine } from '@/server/credit/history';

/**
 * A simulated technology market (the development bench of the credit model; CREDIT-AND-MATCHING.md): research
 * teams ("providers") of hidden quality deliver contracts for enterprises ("clients"), and the history is written
 * in the offline format that `credit:score` reads. Scenarios add the attacks the model must withstand:
 *
 * - `honest`: everybody behaves according to their quality;
 * - `ring`: a collusion ring — bad providers plus unverified sybil clients that sign fake contracts of realistic
 *   value with ring members (all on time, top marks both ways) and bad-mouth honest competitors (fake failed
 *   contracts with bottom marks);
 * - `whitewash`: bad providers whose record has turned poor re-register under a new identity and carry on;
 * - `onoff`: providers alternating between good and bad behaviour every few months (labelled bad);
 * - `mixed`: all of the above at once.
 *
 * `variant` changes the market's shape (sizes, noise, rating inflation, verification rates, how the attacks are
 * run) so the model is not tuned to one market: the bench reports every figure over several seeds and variants.
 */

export type Scenario = 'honest' | 'ring' | 'whitewash' | 'onoff' | 'mixed';

export interface Market {
  lines: HistoryLine[];
  /** Every provider identity that took part: true = good (the label the AUC separates). */
  good: Map<string, boolean>;
  /** Ring members (for their mean percentile). */
  ring: Set<string>;
}

export interface Variant {
  providers: number;
  clients: number;
  months: number;
  /** Share of good providers, and the Beta shapes of good and bad providers' hidden quality. */
  goodShare: number;
  goodBeta: [number, number];
  badBeta: [number, number];
  /** Contracts per provider per year (mean of a log-normal). */
  rate: number;
  /** Noise of the star rating's latent value. */
  starNoise: number;
  /** Added to the latent star value: ratings on real platforms are inflated. */
  inflation: number;
  /** Noise of the private 0–10 "would contract again". */
  againNoise: number;
  /** How much a rating reflects the team's quality itself rather than this contract's outcome. */
  ratingQualityShare: number;
  /** Share of ratings given without the private score. */
  againMissing: number;
  /** Share of honest clients that the bureau verified. */
  clientsVerified: number;
  /** Share of providers that join after the start. */
  lateJoiners: number;
  /** Ring: share of providers in the ring; fake contracts per ring member per year; honest teams bad-mouthed. */
  ringShare: number;
  ringRate: number;
  badmouthShare: number;
  /** Ring members also take real contracts from honest clients. */
  ringRealWork: boolean;
  /** Whitewash: share of bad providers that re-register; whether the new identity gets verified. */
  whitewashShare: number;
  whitewashVerified: number;
  /** On-off: share of providers alternating; months per phase. */
  onoffShare: number;
  /** Share of each on-off cycle spent behaving well. */
  onShare: number;
  phaseMonths: [number, number];
  /** Integrity events and qualifications (the bureau's records). */
  integrityRate: number;
  qualificationRate: number;
}

export const BASE_VARIANT: Variant = {
  providers: 120,
  clients: 60,
  months: 36,
  goodShare: 0.5,
  goodBeta: [8, 2],
  badBeta: [3, 5],
  rate: 4,
  starNoise: 0.4,
  inflation: 0.3,
  againNoise: 1.5,
  ratingQualityShare: 0.6,
  againMissing: 0.1,
  clientsVerified: 0.9,
  lateJoiners: 0.3,
  ringShare: 0.1,
  ringRate: 10,
  badmouthShare: 0.2,
  ringRealWork: true,
  whitewashShare: 0.6,
  whitewashVerified: 0.7,
  onoffShare: 0.25,
  onShare: 0.85,
  phaseMonths: [6, 14],
  integrityRate: 0.03,
  qualificationRate: 0.3,
};

/** Market shapes the bench runs every scenario on (none of them is "the" market). */
export const VARIANTS: Record<string, Partial<Variant>> = {
  base: {},
  small: { providers: 60, clients: 30, rate: 2 },
  noisy: { starNoise: 1.3, inflation: 0.9 },
  dense: { rate: 6, months: 24, clientsVerified: 0.75 },
  /** Stars say little (everyone gets 4–5); the private score and the outcomes say more. */
  inflated: { inflation: 0.9, starNoise: 0.7, ratingQualityShare: 0.3, againNoise: 2.5 },
  /** Harsh raters, noisy ratings: the outcomes say more than the stars. */
  harsh: { inflation: -0.5, starNoise: 1.0, ratingQualityShare: 0.2, againNoise: 3 },
  /** Long phases: a year of good work, then months of poor work. */
  slowcycle: { phaseMonths: [12, 24], onShare: 0.65, rate: 5 },
  sneaky: { ringRealWork: false, badmouthShare: 0.4, ringRate: 10, whitewashVerified: 1, phaseMonths: [4, 9], integrityRate: 0 },
};

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(1e-12, next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const beta = (a2: number, b2: number) => {
    // Order statistics approximation is enough here: mean of uniforms shaped by a power.
    const x = gammaSample(a2, next, normal);
    const y = gammaSample(b2, next, normal);
    return x / (x + y);
  };
  return {
    next,
    normal,
    beta,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    poisson: (mean: number) => {
      const l = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
  };
}

function gammaSample(shape: number, next: () => number, normal: () => number): number {
  if (shape < 1) return gammaSample(shape + 1, next, normal) * Math.pow(next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const DAY = 24 * 3600 * 1000;
const START = Date.UTC(2023, 0, 1);
const dateAt = (day: number) => new Date(START + Math.round(day) * DAY).toISOString().slice(0, 10);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A history line without its date (emit adds it). */
type LineBody = HistoryLine extends infer L ? (L extends HistoryLine ? Omit<L, 't'> : never) : never;

interface Timed {
  day: number;
  order: number;
  line: HistoryLine;
}

interface Provider {
  /** Current identity (changes when whitewashing). */
  id: string;
  ids: string[];
  q: number;
  good: boolean;
  kind: 'honest' | 'ring' | 'whitewash' | 'onoff';
  rate: number;
  joinDay: number;
  verified: boolean;
  phase: { len: number; offset: number };
  /** Ratings received on the current identity: when a whitewasher re-registers. */
  stars: number[];
  nextIdentityDay: number | null;
}

export function simulate(scenario: Scenario, seed: number, variantOverrides: Partial<Variant> = {}): Market {
  const v: Variant = { ...BASE_VARIANT, ...variantOverrides };
  const r = rng(seed * 7919 + scenario.length * 104729);
  const horizon = v.months * 30.4;
  const events: Timed[] = [];
  let order = 0;
  const emit = (day: number, line: LineBody) => {
    events.push({ day, order: order++, line: { ...line, t: dateAt(day) } });
  };

  const attacks = {
    ring: scenario === 'ring' || scenario === 'mixed',
    whitewash: scenario === 'whitewash' || scenario === 'mixed',
    onoff: scenario === 'onoff' || scenario === 'mixed',
  };

  // Clients: honest enterprises, mostly verified, of their own quality (how they pay, review, cause delays).
  const clients = Array.from({ length: v.clients }, (_, i) => ({
    id: `e${i + 1}`,
    verified: r.next() < v.clientsVerified,
    q: r.beta(4, 1.5),
    joinDay: r.next() < 0.2 ? r.next() * horizon * 0.6 : 0,
  }));
  for (const c of clients) emit(c.joinDay, { kind: 'org', org: c.id, orgKind: 'enterprise', verified: c.verified });

  // Providers of hidden quality.
  let nextId = 1;
  const providers: Provider[] = Array.from({ length: v.providers }, () => {
    // Hidden quality: good and bad teams overlap a little (a good team can have a bad year and vice versa).
    const good = r.next() < v.goodShare;
    const q = good ? r.beta(v.goodBeta[0], v.goodBeta[1]) : r.beta(v.badBeta[0], v.badBeta[1]);
    const id = `t${nextId++}`;
    return {
      id,
      ids: [id],
      q,
      good,
      kind: 'honest',
      rate: v.rate * Math.exp(0.6 * r.normal() - 0.18),
      joinDay: r.next() < v.lateJoiners ? r.next() * horizon * 0.8 : 0,
      verified: r.next() < 0.9,
      phase: { len: v.phaseMonths[0] + r.next() * (v.phaseMonths[1] - v.phaseMonths[0]), offset: r.next() },
      stars: [],
      nextIdentityDay: null,
    };
  });

  // Attackers are drawn from the providers (bad ones for the ring and whitewashing).
  const shuffled = [...providers].sort(() => r.next() - 0.5);
  const ring: Provider[] = [];
  if (attacks.ring) {
    const n = Math.max(3, Math.round(v.providers * v.ringShare));
    for (const p of shuffled) {
      if (ring.length >= n) break;
      if (!p.good && p.kind === 'honest') {
        p.kind = 'ring';
        ring.push(p);
      }
    }
  }
  if (attacks.whitewash) {
    for (const p of shuffled) if (!p.good && p.kind === 'honest' && r.next() < v.whitewashShare) p.kind = 'whitewash';
  }
  if (attacks.onoff) {
    const n = Math.round(v.providers * v.onoffShare);
    let made = 0;
    for (const p of shuffled) {
      if (made >= n) break;
      if (p.kind === 'honest') {
        p.kind = 'onoff';
        p.good = false;
        made++;
      }
    }
  }
  for (const p of providers) emit(p.joinDay, { kind: 'org', org: p.id, orgKind: 'research_team', verified: p.verified });

  /** Quality at a given day: on-off providers alternate between good and bad phases. */
  const qualityAt = (p: Provider, day: number) => {
    if (p.kind !== 'onoff') return p.q;
    // Long good phases to build a name, short bad ones to cash it in.
    const cycle = p.phase.len * 30.4;
    const at = (day / cycle + p.phase.offset) % 1;
    return at < v.onShare ? 0.9 : 0.15;
  };

  let contractNo = 1;
  const contractOf = (day: number, client: string, provider: string, value: number) => {
    const id = `c${contractNo++}`;
    emit(day, { kind: 'contract', id, client, provider, value });
    return id;
  };
  const value = () => Math.round(clamp(30 * Math.exp(0.9 * r.normal()), 1, 800) * 10) / 10;
  const starsOf = (latent: number) => clamp(Math.round(1 + 4 * (latent + (v.inflation * (1 - latent)) / 2) + v.starNoise * r.normal()), 1, 5);
  const againOf = (latent: number) => (r.next() < v.againMissing ? null : clamp(Math.round(10 * latent + v.againNoise * r.normal()), 0, 10));

  // Honest work: each provider's contracts as a Poisson process over its active days.
  for (const p of providers) {
    const work = p.kind !== 'ring' || v.ringRealWork;
    if (!work) continue;
    let day = p.joinDay + r.next() * 60;
    while (day < horizon - 20) {
      day += (365 / p.rate) * -Math.log(Math.max(1e-9, r.next()));
      if (day >= horizon - 20) break;
      // A whitewasher whose record has turned poor re-registers under a new identity a month later.
      if (p.kind === 'whitewash' && p.nextIdentityDay !== null && day >= p.nextIdentityDay) {
        const id = `t${nextId++}`;
        p.id = id;
        p.ids.push(id);
        p.stars = [];
        p.nextIdentityDay = null;
        emit(day - 5, { kind: 'org', org: id, orgKind: 'research_team', verified: r.next() < v.whitewashVerified });
      }
      const client = r.pick(clients.filter((c) => c.joinDay <= day));
      if (!client) continue;
      const id = contractOf(day, client.id, p.id, value());
      const k = 1 + Math.min(3, r.poisson(1.2));
      let mday = day;
      let score = 0;
      const q = clamp(qualityAt(p, day) + 0.08 * r.normal(), 0.02, 0.98);
      for (let i = 0; i < k; i++) {
        mday += 45 + r.next() * 75;
        if (mday >= horizon) break;
        const u = r.next();
        let result: 'on_time' | 'late' | 'failed';
        let faultOf: 'provider' | 'client' = 'provider';
        if (r.next() < 0.08 * (1.5 - client.q)) {
          result = r.next() < 0.6 ? 'late' : 'failed';
          faultOf = 'client';
        } else if (u < 0.05 + 0.9 * q) result = 'on_time';
        else if (u < 0.05 + 0.9 * q + 0.55 * (1 - q)) result = 'late';
        else result = 'failed';
        score += result === 'on_time' ? 1 : result === 'late' ? 0.5 : faultOf === 'client' ? 0.7 : 0;
        emit(mday, { kind: 'milestone', contract: id, result, faultOf });
        if (result === 'failed' && faultOf === 'provider' && r.next() < 0.5) break;
      }
      const perf = score / k;
      if (mday < horizon && r.next() < 0.85) {
        const latent = clamp(v.ratingQualityShare * q + (1 - v.ratingQualityShare) * perf, 0, 1);
        const stars = starsOf(latent);
        emit(mday + 10, { kind: 'rating', contract: id, from: client.id, to: p.id, stars, again: againOf(latent) });
        p.stars.push(stars);
        if (p.kind === 'whitewash' && p.nextIdentityDay === null && p.stars.length >= 3 && p.stars.reduce((s, x) => s + x, 0) / p.stars.length < 3.4) {
          p.nextIdentityDay = mday + 30;
        }
      }
      if (mday < horizon && r.next() < 0.7) {
        const cl = clamp(client.q + 0.15 * r.normal(), 0, 1);
        emit(mday + 12, { kind: 'rating', contract: id, from: p.id, to: client.id, stars: starsOf(cl), again: againOf(cl) });
      }
    }
  }

  // The ring: sybil clients (never verified) with fake contracts of realistic value.
  if (attacks.ring && ring.length > 0) {
    const sybils = Array.from({ length: Math.max(4, Math.round(ring.length * 1.2)) }, (_, i) => ({ id: `s${i + 1}`, joinDay: r.next() * horizon * 0.3 }));
    for (const s of sybils) emit(s.joinDay, { kind: 'org', org: s.id, orgKind: 'enterprise', verified: false });
    for (const p of ring) {
      let day = Math.max(p.joinDay, 0) + r.next() * 60;
      for (;;) {
        day += (365 / v.ringRate) * -Math.log(Math.max(1e-9, r.next()));
        if (day >= horizon - 30) break;
        const s = r.pick(sybils);
        const id = contractOf(day, s.id, p.id, value());
        const k = r.int(1, 3);
        let mday = day;
        for (let i = 0; i < k; i++) {
          mday += 40 + r.next() * 60;
          emit(mday, { kind: 'milestone', contract: id, result: 'on_time', faultOf: 'provider' });
        }
        emit(mday + 7, { kind: 'rating', contract: id, from: s.id, to: p.id, stars: 5, again: 10 });
        emit(mday + 8, { kind: 'rating', contract: id, from: p.id, to: s.id, stars: 5, again: 10 });
      }
    }
    // Bad-mouthing: fake failed contracts with bottom marks on the best honest competitors.
    const targets = providers.filter((p) => p.kind === 'honest' && p.good).sort((a, b) => b.q - a.q);
    const n = Math.round(targets.length * v.badmouthShare);
    for (const p of targets.slice(0, n)) {
      const times = r.int(1, 3);
      for (let j = 0; j < times; j++) {
        const day = p.joinDay + r.next() * (horizon - p.joinDay - 120);
        const s = r.pick(sybils);
        const id = contractOf(day, s.id, p.id, value());
        emit(day + 60, { kind: 'milestone', contract: id, result: 'failed', faultOf: 'provider' });
        emit(day + 70, { kind: 'rating', contract: id, from: s.id, to: p.id, stars: 1, again: 0 });
      }
    }
  }

  // The bureau's records: qualifications (more often for better teams) and rare integrity events.
  for (const p of providers) {
    if (r.next() < v.qualificationRate * (0.5 + p.q)) {
      const day = p.joinDay + r.next() * (horizon - p.joinDay);
      emit(day, { kind: 'qualification', org: p.id, name: r.pick(['高新技术企业', '科技型中小企业', '发明专利', '省级重点实验室']), expires: dateAt(day + 3 * 365) });
    }
    if (!p.good && r.next() < v.integrityRate) {
      emit(p.joinDay + r.next() * (horizon - p.joinDay), { kind: 'integrity', org: p.id, severity: r.next() < 0.5 ? 'serious' : 'minor', note: '科研失信' });
    }
  }

  events.sort((a, b) => a.day - b.day || a.order - b.order);
  // Keep only provider identities that did something (an identity never used is no provider).
  const active = new Set<string>();
  for (const e of events) if (e.line.kind === 'contract') active.add(e.line.provider);
  const good = new Map<string, boolean>();
  for (const p of providers) for (const id of p.ids) if (active.has(id)) good.set(id, p.good);
  return { lines: events.map((e) => e.line), good, ring: new Set(ring.flatMap((p) => p.ids).filter((id) => active.has(id))) };
}
