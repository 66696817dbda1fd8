/** Figures of the credit bench: AUC (good vs bad providers), percentiles, mean ± spread. */

/** Mann–Whitney AUC: the chance a random good provider scores above a random bad one (ties count half). */
export function auc(scores: ReadonlyMap<string, number>, good: ReadonlyMap<string, boolean>): number {
  const pos: number[] = [];
  const neg: number[] = [];
  for (const [id, isGood] of good) {
    const s = scores.get(id);
    if (s === undefined) continue;
    (isGood ? pos : neg).push(s);
  }
  if (pos.length === 0 || neg.length === 0) return NaN;
  // Rank-sum with average ranks for ties.
  const all = [...pos.map((s) => ({ s, g: 1 })), ...neg.map((s) => ({ s, g: 0 }))].sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.s === all[i]?.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]?.g === 1) rankSumPos += avgRank;
    i = j;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** Mean percentile (0–100, higher = ranked better) of `members` among all scored providers. */
export function meanPercentile(scores: ReadonlyMap<string, number>, providers: Iterable<string>, members: ReadonlySet<string>): number {
  const all = [...providers].map((id) => scores.get(id)).filter((s): s is number => s !== undefined);
  const ps: number[] = [];
  for (const id of members) {
    const s = scores.get(id);
    if (s === undefined) continue;
    const below = all.filter((x) => x < s).length;
    const ties = all.filter((x) => x === s).length;
    ps.push((100 * (below + (ties - 1) / 2)) / Math.max(1, all.length - 1));
  }
  return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : NaN;
}

export function meanSd(xs: readonly number[]): { mean: number; sd: number; min: number } {
  const ok = xs.filter((x) => Number.isFinite(x));
  const mean = ok.reduce((a, b) => a + b, 0) / Math.max(1, ok.length);
  const sd = Math.sqrt(ok.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, ok.length - 1));
  return { mean, sd, min: Math.min(...ok) };
}
