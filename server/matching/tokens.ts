import { indexTokens } from '../search/segment';

/**
 * The two token channels matching works on. Chinese has no spaces, and a need and a team rarely use the
 * same compound words (轴承套圈 / 套圈磨削), so text is compared both as jieba words (server/search's
 * segmentation, search mode: compounds and the words inside them) and as single characters plus character
 * bigrams, which match wherever the words were cut differently. Measured on the CSL development set, the
 * character channel alone ranks better than the word channel alone, and the two together better than either.
 */

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, or runs of letters and digits in other scripts (PPARα, CYP2E1, 3D). */
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** Characters, character bigrams and (for Latin and digit runs) whole lower-cased tokens. */
export function charTerms(text: string): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    const run = m[0];
    if (!HAN.test(run[0] ?? '')) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      out.push(c);
      const next = chars[i + 1];
      if (next !== undefined) out.push(c + next);
    }
  }
  return out;
}

/** jieba words (search mode), normalised like the need search's index tokens. */
export function wordTerms(text: string): string[] {
  return indexTokens(text);
}

/** Term → frequency. */
export function countTerms(terms: Iterable<string>, into: Map<string, number> = new Map()): Map<string, number> {
  for (const t of terms) into.set(t, (into.get(t) ?? 0) + 1);
  return into;
}
