import type { CslTeamRecord } from '@/server/orgs/import';
import { charTerms } from '@/server/matching/tokens';

/**
 * The baseline of CREDIT-AND-MATCHING.md, computed from the same files in the same run for comparison:
 * BM25 (k1 1.2, b 0.75) over character unigrams and bigrams of each team's whole text (name, profile,
 * achievements' titles, abstracts and keywords) against the need's title, keywords and description, with
 * the scores of teams in the need's field multiplied by 3. Independent of the product's index on purpose.
 */
export interface BaselineNeed {
  id: string;
  title: string;
  description: string;
  keywords: string[];
  field: string;
}

export function baselineRun(teams: readonly CslTeamRecord[], needs: readonly BaselineNeed[], depth = 100): Map<string, string[]> {
  const docs = teams.map((t) => {
    const text = [t.name, t.profile ?? '', ...t.achievements.map((a) => `${a.title} ${a.abstract ?? ''} ${(a.keywords ?? []).join(' ')}`)].join(' ');
    const terms = charTerms(text);
    const tf = new Map<string, number>();
    for (const x of terms) tf.set(x, (tf.get(x) ?? 0) + 1);
    return { id: t.id, field: t.field, tf, len: terms.length };
  });
  const postings = new Map<string, { doc: number; tf: number }[]>();
  docs.forEach((d, i) => {
    for (const [x, tf] of d.tf) {
      let l = postings.get(x);
      if (!l) postings.set(x, (l = []));
      l.push({ doc: i, tf });
    }
  });
  const N = docs.length;
  const avg = docs.reduce((s, d) => s + d.len, 0) / Math.max(N, 1) || 1;
  const k1 = 1.2;
  const b = 0.75;
  const out = new Map<string, string[]>();
  for (const n of needs) {
    const s = new Float64Array(N);
    for (const x of charTerms(`${n.title} ${n.description} ${n.keywords.join(' ')}`)) {
      const l = postings.get(x);
      if (!l) continue;
      const idf = Math.log(1 + (N - l.length + 0.5) / (l.length + 0.5));
      for (const { doc, tf } of l) s[doc] = (s[doc] as number) + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * (docs[doc]?.len ?? 0)) / avg));
    }
    docs.forEach((d, i) => {
      if (d.field === n.field) s[i] = (s[i] as number) * 3;
    });
    const order = [...s.keys()].sort((a, b2) => (s[b2] as number) - (s[a] as number) || a - b2);
    out.set(n.id, order.slice(0, depth).map((i) => docs[i]?.id as string));
  }
  return out;
}
