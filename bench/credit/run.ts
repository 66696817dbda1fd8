import fs from 'node:fs';
import path from 'node:path';
import { scoreLines } from '@/server/credit/history';
import { CREDIT_PARAMS, type CreditParams } from '@/server/credit/params';
import { auc, meanPercentile, meanSd } from './metrics';
import { simulate, VARIANTS, type Scenario } from './sim';

/**
 * `npm run bench:credit [-- --seeds N] [--variants base,small,...] [--params '{"m":3}'] [--write DIR] [--ablation]`
 *
 * For every scenario, over every market variant and seed: AUC separating good from bad providers for the credit
 * score (through the same reader and scorer as `credit:score`) and for a plain mean of stars from the same run,
 * and the ring members' mean percentile. Prints mean ± sd (and the worst run), then one key=value line.
 */

const SCENARIOS: Scenario[] = ['honest', 'ring', 'whitewash', 'onoff', 'mixed'];
const TARGETS: Record<string, number> = { honest: 0.9, ring: 0.85, whitewash: 0.88, onoff: 0.75 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function plainStars(lines: ReturnType<typeof simulate>['lines']): Map<string, number> {
  const sums = new Map<string, { s: number; n: number }>();
  let total = 0;
  let count = 0;
  for (const l of lines) {
    if (l.kind !== 'rating') continue;
    const e = sums.get(l.to) ?? { s: 0, n: 0 };
    e.s += l.stars;
    e.n += 1;
    sums.set(l.to, e);
    total += l.stars;
    count += 1;
  }
  const fallback = count ? total / count : 3;
  const out = new Map<string, number>();
  for (const l of lines) if (l.kind === 'contract' && !out.has(l.provider)) out.set(l.provider, fallback);
  for (const [id, e] of sums) out.set(id, e.s / e.n);
  return out;
}

export function runBench(options: { seeds: number; variants: string[]; params: CreditParams; scenarios?: Scenario[]; quiet?: boolean }) {
  const rows: Record<string, { model: number[]; stars: number[]; ringModel: number[]; ringStars: number[] }> = {};
  for (const scenario of options.scenarios ?? SCENARIOS) {
    const row = (rows[scenario] = { model: [], stars: [], ringModel: [], ringStars: [] } as (typeof rows)[string]);
    for (const variant of options.variants) {
      for (let seed = 1; seed <= options.seeds; seed++) {
        const market = simulate(scenario, seed, VARIANTS[variant] ?? {});
        const results = scoreLines(market.lines, options.params);
        const model = new Map(results.map((r) => [r.orgId, r.score + r.evidenceScore / 10000]));
        const stars = plainStars(market.lines);
        row.model.push(auc(model, market.good));
        row.stars.push(auc(stars, market.good));
        if (market.ring.size > 0) {
          row.ringModel.push(meanPercentile(model, market.good.keys(), market.ring));
          row.ringStars.push(meanPercentile(stars, market.good.keys(), market.ring));
        }
      }
    }
  }
  return rows;
}

const fmt = (x: { mean: number; sd: number; min: number }, d = 3) => `${x.mean.toFixed(d)} ± ${x.sd.toFixed(d)} (worst ${x.min.toFixed(d)})`;

/** `--write DIR`: one history per scenario (seed 1, base market) with its labels, for `credit:score` by hand. */
function writeMarkets(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  for (const scenario of SCENARIOS) {
    const market = simulate(scenario, 1);
    fs.writeFileSync(path.join(dir, `${scenario}.jsonl`), market.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const labels = [...market.good].map(([id, good]) => `${id}\t${good ? 'good' : 'bad'}${market.ring.has(id) ? '\tring' : ''}`);
    fs.writeFileSync(path.join(dir, `${scenario}.labels.tsv`), labels.join('\n') + '\n');
  }
  console.log(`wrote ${SCENARIOS.length} histories to ${dir}`);
}

/**
 * `--ablation`: the model with one defence taken out at a time, every scenario's mean AUC (and the ring's percentile)
 * over the same runs — what each part of the model buys, and what it costs elsewhere.
 */
const ABLATIONS: Record<string, Partial<CreditParams>> = {
  'full model': {},
  'no unverified defences (cap, corroboration, contradiction)': { unverifiedCap: 1e9, corroboration: 0, contradictionGap: 5 },
  'no corroboration rule': { corroboration: 0 },
  'no contradiction rule': { contradictionGap: 5 },
  'no yearly calibration (default priors/weights)': { calibrate: false },
  'symmetric (failures, poor ratings weigh 1)': { failureWeight: 1, lowRatingWeight: 1 },
  'no per-counterparty cap': { perCounterpartyCap: 1e9 },
  'flat contract value': { valueMin: 1, valueMax: 1 },
  'no decay (for comparison only)': { halfLifeMonths: 1e6 },
};

function ablation(seeds: number, variants: string[]) {
  console.log(`ablation: ${seeds} seeds × ${variants.length} market variants; mean AUC per scenario (ring: mean percentile)`);
  for (const [name, over] of Object.entries(ABLATIONS)) {
    const rows = runBench({ seeds, variants, params: { ...CREDIT_PARAMS, ...over }, scenarios: ['honest', 'ring', 'whitewash', 'onoff'] });
    const cells = Object.entries(rows).map(([sc, r]) => `${sc} ${meanSd(r.model).mean.toFixed(3)}${r.ringModel.length ? ` (pct ${meanSd(r.ringModel).mean.toFixed(0)})` : ''}`);
    console.log(`${name.padEnd(58)} ${cells.join('  ')}`);
  }
}

function main() {
  const dir = arg('write');
  if (dir) return writeMarkets(dir);
  if (process.argv.includes('--ablation')) return ablation(Number(arg('seeds') ?? 3), (arg('variants') ?? Object.keys(VARIANTS).join(',')).split(','));
  const seeds = Number(arg('seeds') ?? 5);
  const variants = (arg('variants') ?? Object.keys(VARIANTS).join(',')).split(',');
  const params: CreditParams = { ...CREDIT_PARAMS, ...(arg('params') ? (JSON.parse(arg('params') ?? '{}') as Partial<CreditParams>) : {}) };
  const started = Date.now();
  const rows = runBench({ seeds, variants, params });
  console.log(`credit bench: ${seeds} seeds × ${variants.length} market variants (${variants.join(', ')}) per scenario; mean ± sd over runs`);
  const kv: string[] = [];
  for (const [scenario, row] of Object.entries(rows)) {
    const m = meanSd(row.model);
    const s = meanSd(row.stars);
    const target = TARGETS[scenario];
    let line = `${scenario.padEnd(10)} AUC credit ${fmt(m)}   plain stars ${fmt(s)}${target ? `   target ≥ ${target}` : ''}`;
    kv.push(`${scenario}_auc=${m.mean.toFixed(3)}`, `${scenario}_auc_sd=${m.sd.toFixed(3)}`, `${scenario}_stars_auc=${s.mean.toFixed(3)}`);
    if (row.ringModel.length) {
      const rm = meanSd(row.ringModel);
      const rs = meanSd(row.ringStars);
      line += `\n${''.padEnd(10)} ring mean percentile: credit ${rm.mean.toFixed(1)} ± ${rm.sd.toFixed(1)}   plain stars ${rs.mean.toFixed(1)} ± ${rs.sd.toFixed(1)}   target < 50`;
      kv.push(`${scenario}_ring_pct=${rm.mean.toFixed(1)}`, `${scenario}_ring_pct_stars=${rs.mean.toFixed(1)}`);
    }
    console.log(line);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(kv.join(' '));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
