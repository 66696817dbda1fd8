import { cosineIdf, type InvertedIndex, type PostingList, sublinear } from './inverted-index';
import { charTerms, countTerms, wordTerms } from './tokens';

/**
 * Relevance of every team to one need, from text alone (credit, load and location come after, in rank.ts).
 *
 * 1. Text: BM25 of the need against each team's document in two channels — characters + character bigrams,
 *    and jieba words — summed.
 * 2. Discipline fit: the need's 一级学科 is inferred among its candidate disciplines (those it names, or
 *    those of the 学科门类 it names, or all) from how its text resembles each discipline's teams: the mean
 *    cosine of the need to the discipline's team documents, and a Dirichlet-smoothed language model of the
 *    discipline's text; each turned into a probability by a softmax, the two averaged. A team's fit is the
 *    probability of its best discipline.
 * 3. relevance = (fit + floor) × (1 + text / best text): the discipline decides between fields of work,
 *    the text orders teams within one, and a team outside every candidate discipline still ranks by its text.
 *
 * Why, measured on shared/data/match-dev (npm run bench:match; each idea kept only if it helped both halves
 * of the needs, odd and even lines, not one of them):
 * - BM25 over characters + bigrams alone ≈ the baseline (NDCG@10 0.51 with the ×3 field preference); adding
 *   jieba words +0.005; bigrams without unigrams −0.04. Field weights (title ×2, keywords ×2), query title
 *   boosts, b and k1 changes, the best single achievement instead of the whole team, logistic regression
 *   for the discipline: no gain or worse.
 * - Within one discipline the text barely tells which team wrote the held-out paper (an oracle that knows the
 *   discipline still only reaches MRR@10 0.38), so what lifts the figures is telling the discipline: kNN vote
 *   of the top teams 0.61, tf-idf centroid 0.62, mean cosine + language model 0.636 NDCG@10 (MRR@10 0.286,
 *   Recall@100 0.997, against the baseline's 0.51 / 0.23 / 0.97 from the same run). The discipline is right
 *   for about 70 % of the needs; most misses are neighbours (化学工程 ↔ 材料, 控制 ↔ 计算机).
 * - The mean cosine and the language model need only the postings and per-document lengths, so they update
 *   with the index and cost one pass over the query's posting lists.
 */

export const MATCH_PARAMS = {
  k1: 1.2,
  b: 0.75,
  /** Dirichlet prior of the discipline language model (in character tokens). */
  mu: 100,
  /** Softmax temperatures turning the discipline scores into probabilities (fitted for calibration). */
  cosineTemperature: 0.01,
  lmTemperature: 0.2,
  /** Share of the language model in the discipline probability (the rest is the mean cosine). */
  lmShare: 0.5,
  /** Relevance floor of teams outside every candidate discipline, relative to a certain discipline fit of 1. */
  floor: 0.02,
  /** Weight of the normalised text score against the discipline fit. */
  textWeight: 1,
} as const;
export type MatchParams = { -readonly [K in keyof typeof MATCH_PARAMS]: number };

export interface MatchQuery {
  title: string;
  keywords: readonly string[];
  description: string;
  /** 一级学科 codes the need names: the discipline is inferred among these. */
  disciplines: readonly string[];
  /** 学科门类 codes ('08' 工学): when no 一级学科 is named, the discipline is inferred among theirs. */
  categories: readonly string[];
}

export interface QueryTerms {
  chars: Map<string, number>;
  words: Map<string, number>;
  charCount: number;
}

export function queryText(q: Pick<MatchQuery, 'title' | 'keywords' | 'description'>): string[] {
  return [q.title, q.keywords.join('、'), q.description].filter((s) => s.length > 0);
}

export function queryTerms(q: Pick<MatchQuery, 'title' | 'keywords' | 'description'>): QueryTerms {
  const chars = new Map<string, number>();
  const words = new Map<string, number>();
  let charCount = 0;
  for (const part of queryText(q)) {
    const c = charTerms(part);
    charCount += c.length;
    countTerms(c, chars);
    countTerms(wordTerms(part), words);
  }
  return { chars, words, charCount };
}

export interface DisciplineFit {
  code: string;
  probability: number;
}

export interface Scores {
  /** Per document (index numbering); dead documents score 0. */
  relevance: Float64Array;
  text: Float64Array;
  fit: Float64Array;
  /** Candidate disciplines, most probable first. */
  disciplines: DisciplineFit[];
  bestText: number;
}

function softmax(values: Float64Array, temperature: number): Float64Array {
  const out = new Float64Array(values.length);
  if (values.length === 0) return out;
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let z = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp(((values[i] as number) - max) / temperature);
    out[i] = e;
    z += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / z;
  return out;
}

function liveStats(list: PostingList, alive: readonly boolean[]): { df: number; cf: number } {
  let df = 0;
  let cf = 0;
  for (let i = 0; i < list.length; i++) {
    if (alive[list.docs[i] as number]) {
      df++;
      cf += list.tfs[i] as number;
    }
  }
  return { df, cf };
}

/** The candidate 一级学科 codes of a query, as index code ids. */
export function candidateCodes(index: InvertedIndex, query: Pick<MatchQuery, 'disciplines' | 'categories'>): number[] {
  const ids: number[] = [];
  if (query.disciplines.length > 0) {
    for (const c of query.disciplines) {
      const id = index.codeId.get(c);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }
  if (query.categories.length > 0) {
    index.codes.forEach((code, id) => {
      if (query.categories.some((cat) => code.startsWith(cat))) ids.push(id);
    });
    return ids;
  }
  return index.codes.map((_, id) => id);
}

/** 1 + ln(tf) for small tf, looked up rather than computed per posting. */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, tf) => (tf > 0 ? sublinear(tf) : 0));
const sub = (tf: number) => (tf < 256 ? (SUBLINEAR[tf] as number) : sublinear(tf));

/** Document frequency and collection frequency over live documents (the list's own counts when none is dead). */
function stats(list: PostingList, alive: readonly boolean[], anyDead: boolean): { df: number; cf: number } {
  return anyDead ? liveStats(list, alive) : { df: list.length, cf: list.cf };
}

export function scoreTeams(index: InvertedIndex, query: MatchQuery, terms: QueryTerms = queryTerms(query), p: MatchParams = MATCH_PARAMS): Scores {
  const n = index.size;
  const N = Math.max(index.live, 1);
  const alive = index.alive;
  const anyDead = index.dead > 0;
  const text = new Float64Array(n);
  const cosine = new Float64Array(n);

  const candidates = candidateCodes(index, query);
  const position = new Int32Array(index.codes.length).fill(-1);
  candidates.forEach((id, i) => (position[id] = i));
  const C = candidates.length;
  // Per document: its candidate disciplines (first, second; any further ones in `more`), -1 for dead documents
  // and none; live documents and character length per candidate discipline; BM25 length norms.
  const first = new Int32Array(n).fill(-1);
  const second = new Int32Array(n).fill(-1);
  const more = new Map<number, number[]>();
  const docsIn = new Float64Array(C);
  const lengthIn = new Float64Array(C);
  const avgChar = index.liveCharLength / N || 1;
  const avgWord = index.liveWordLength / N || 1;
  const charNorm = new Float64Array(n);
  const wordNorm = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    if (!alive[d]) continue;
    charNorm[d] = p.k1 * (1 - p.b + (p.b * (index.charLength[d] as number)) / avgChar);
    wordNorm[d] = p.k1 * (1 - p.b + (p.b * (index.wordLength[d] as number)) / avgWord);
    for (const id of index.docCodes[d] as number[]) {
      const k = position[id] as number;
      if (k < 0) continue;
      docsIn[k] = (docsIn[k] as number) + 1;
      lengthIn[k] = (lengthIn[k] as number) + (index.charLength[d] as number);
      if (first[d] === -1) first[d] = k;
      else if (second[d] === -1) second[d] = k;
      else more.set(d, [...(more.get(d) ?? []), k]);
    }
  }

  // Character channel, one pass per term: BM25, the (unnormalised) cosine to each document, and the
  // term's count in each candidate discipline for the language model.
  const collection = index.liveCharLength || 1;
  const lm = new Float64Array(C);
  const inDiscipline = new Float64Array(C);
  let qNorm = 0;
  const k1 = p.k1 + 1;
  for (const [term, qtf] of terms.chars) {
    const list = index.chars.terms.get(term);
    if (!list) continue;
    const { df, cf } = stats(list, alive, anyDead);
    if (df === 0) continue;
    const bm25 = qtf * Math.log(1 + (N - df + 0.5) / (df + 0.5)) * k1;
    const cidf = cosineIdf(N, df);
    const qWeight = sub(qtf) * cidf;
    qNorm += qWeight * qWeight;
    inDiscipline.fill(0);
    const docs = list.docs;
    const tfs = list.tfs;
    for (let i = 0; i < list.length; i++) {
      const d = docs[i] as number;
      if (anyDead && !alive[d]) continue;
      const tf = tfs[i] as number;
      text[d] = (text[d] as number) + (bm25 * tf) / (tf + (charNorm[d] as number));
      cosine[d] = (cosine[d] as number) + (qWeight * sub(tf) * cidf) / (index.cosineNorm[d] as number);
      const k = first[d] as number;
      if (k >= 0) {
        inDiscipline[k] = (inDiscipline[k] as number) + tf;
        const k2 = second[d] as number;
        if (k2 >= 0) {
          inDiscipline[k2] = (inDiscipline[k2] as number) + tf;
          for (const k3 of more.get(d) ?? []) inDiscipline[k3] = (inDiscipline[k3] as number) + tf;
        }
      }
    }
    const pc = cf / collection;
    for (let k = 0; k < C; k++) {
      lm[k] = (lm[k] as number) + qtf * Math.log(((inDiscipline[k] as number) + p.mu * pc) / ((lengthIn[k] as number) + p.mu) / pc);
    }
  }
  qNorm = Math.sqrt(qNorm) || 1;

  // Word channel: BM25.
  for (const [term, qtf] of terms.words) {
    const list = index.words.terms.get(term);
    if (!list) continue;
    const { df } = stats(list, alive, anyDead);
    if (df === 0) continue;
    const bm25 = qtf * Math.log(1 + (N - df + 0.5) / (df + 0.5)) * k1;
    const docs = list.docs;
    const tfs = list.tfs;
    for (let i = 0; i < list.length; i++) {
      const d = docs[i] as number;
      if (anyDead && !alive[d]) continue;
      const tf = tfs[i] as number;
      text[d] = (text[d] as number) + (bm25 * tf) / (tf + (wordNorm[d] as number));
    }
  }

  // Discipline probabilities.
  const meanCosine = new Float64Array(C);
  for (let d = 0; d < n; d++) {
    const k = first[d] as number;
    if (k < 0) continue;
    const c = (cosine[d] as number) / qNorm;
    meanCosine[k] = (meanCosine[k] as number) + c;
    const k2 = second[d] as number;
    if (k2 >= 0) {
      meanCosine[k2] = (meanCosine[k2] as number) + c;
      for (const k3 of more.get(d) ?? []) meanCosine[k3] = (meanCosine[k3] as number) + c;
    }
  }
  const qLength = terms.charCount || 1;
  for (let k = 0; k < C; k++) {
    meanCosine[k] = (meanCosine[k] as number) / Math.max(docsIn[k] as number, 1);
    lm[k] = (lm[k] as number) / qLength;
  }
  // Disciplines without a live team cannot be inferred (their scores would be the prior's alone).
  const present = [...Array(C).keys()].filter((k) => (docsIn[k] as number) > 0);
  const pCos = softmax(Float64Array.from(present, (k) => meanCosine[k] as number), p.cosineTemperature);
  const pLm = softmax(Float64Array.from(present, (k) => lm[k] as number), p.lmTemperature);
  const probability = new Float64Array(C);
  present.forEach((k, i) => (probability[k] = (1 - p.lmShare) * (pCos[i] as number) + p.lmShare * (pLm[i] as number)));

  let bestText = 0;
  for (let d = 0; d < n; d++) if ((text[d] as number) > bestText) bestText = text[d] as number;
  const fit = new Float64Array(n);
  const relevance = new Float64Array(n);
  const textScale = p.textWeight / (bestText || 1);
  for (let d = 0; d < n; d++) {
    if (!alive[d]) continue;
    let f = 0;
    const k = first[d] as number;
    if (k >= 0) {
      f = probability[k] as number;
      const k2 = second[d] as number;
      if (k2 >= 0) {
        f = Math.max(f, probability[k2] as number);
        for (const k3 of more.get(d) ?? []) f = Math.max(f, probability[k3] as number);
      }
    }
    fit[d] = f;
    relevance[d] = (f + p.floor) * (1 + (text[d] as number) * textScale);
  }
  const disciplines = present
    .map((k) => ({ code: index.codes[candidates[k] as number] as string, probability: probability[k] as number }))
    .sort((a, b) => b.probability - a.probability);
  return { relevance, text, fit, disciplines, bestText };
}

/** Document numbers by descending relevance (live documents only), the first `limit`. */
export function topDocuments(scores: Pick<Scores, 'relevance'>, alive: readonly boolean[], limit: number): number[] {
  const r = scores.relevance;
  let threshold = -Infinity;
  if (limit < r.length) {
    // The limit-th largest relevance (native numeric sort of a copy), so only the documents above it are sorted.
    const sorted = Float64Array.from(r).sort();
    threshold = sorted[sorted.length - limit] as number;
  }
  const docs: number[] = [];
  for (let d = 0; d < r.length; d++) if (alive[d] && (r[d] as number) >= threshold) docs.push(d);
  docs.sort((a, b) => (r[b] as number) - (r[a] as number) || a - b);
  return docs.slice(0, limit);
}
