import fs from 'node:fs';

/**
 * The offline measures of CREDIT-AND-MATCHING.md, as shared/data/README.md reports them (reproduced by its
 * baseline figures): NDCG@10 with gain 2^grade − 1 against the ideal order of the qrels, MRR@10 of the
 * first grade-2 team (the right team), Recall@100 of every relevant team (grade ≥ 1).
 */
export type Qrels = Map<string, Map<string, number>>;

export function readQrels(file: string): Qrels {
  const out: Qrels = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [need, team, grade] = line.trim().split('\t');
    if (!need || !team || grade === undefined) continue;
    let m = out.get(need);
    if (!m) out.set(need, (m = new Map<string, number>()));
    m.set(team, Number(grade));
  }
  return out;
}

export interface Measures {
  ndcg10: number;
  mrr10: number;
  recall100: number;
}

export function measure(run: ReadonlyMap<string, readonly string[]>, qrels: Qrels, needIds: readonly string[]): Measures {
  let ndcg = 0;
  let mrr = 0;
  let recall = 0;
  for (const id of needIds) {
    const q = qrels.get(id) ?? new Map<string, number>();
    const ranked = run.get(id) ?? [];
    let dcg = 0;
    ranked.slice(0, 10).forEach((t, i) => (dcg += (2 ** (q.get(t) ?? 0) - 1) / Math.log2(i + 2)));
    let idcg = 0;
    [...q.values()]
      .sort((a, b) => b - a)
      .slice(0, 10)
      .forEach((g, i) => (idcg += (2 ** g - 1) / Math.log2(i + 2)));
    ndcg += idcg > 0 ? dcg / idcg : 0;
    const first = ranked.slice(0, 10).findIndex((t) => (q.get(t) ?? 0) >= 2);
    mrr += first >= 0 ? 1 / (first + 1) : 0;
    const relevant = [...q].filter(([, g]) => g >= 1).map(([t]) => t);
    const top = new Set(ranked.slice(0, 100));
    recall += relevant.length > 0 ? relevant.filter((t) => top.has(t)).length / relevant.length : 0;
  }
  const n = Math.max(needIds.length, 1);
  return { ndcg10: ndcg / n, mrr10: mrr / n, recall100: recall / n };
}

export const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
