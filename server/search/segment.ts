import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese word segmentation for search. Chinese has no spaces between words, and Intl.Segmenter splits
 * place and technical names wrongly (新昌县 → 新昌 / 县 at best), so text is cut by jieba with its
 * default dictionary, loaded once per process (it takes ~200 ms). Tokens are joined by spaces so that
 * PostgreSQL's 'simple' text-search configuration sees them as words.
 */
const holder = globalThis as unknown as { __kcJieba?: Jieba };

function jieba(): Jieba {
  holder.__kcJieba ??= Jieba.withDict(dict);
  return holder.__kcJieba;
}

/** A token worth indexing: has a letter or digit in any script (drops punctuation, spaces, symbols). */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** Characters that mean something to to_tsquery / to_tsvector's parser and must not reach it. */
const UNSAFE = /[^\p{L}\p{N}._+#-]/gu;

function normalise(token: string): string {
  return token.normalize('NFKC').toLowerCase().replace(UNSAFE, '').replace(/^[._+#-]+|[._+#-]+$/g, '');
}

function clean(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const token = normalise(raw);
    if (token && WORDLIKE.test(token)) out.push(token);
  }
  return out;
}

/**
 * Index tokens (search mode): every word plus the dictionary words inside long ones, so that a document
 * about 新能源汽车 is found by 能源 and 新能源 alike.
 */
export function indexTokens(text: string): string[] {
  if (!text) return [];
  return clean(jieba().cutForSearch(text, true));
}

/** The segmented text stored for to_tsvector('simple', …). */
export function segmentForIndex(...parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => indexTokens(p).join(' '))
    .filter(Boolean)
    .join(' ');
}

/**
 * Query terms (precise mode, de-duplicated): every term must match. The index holds the search-mode
 * tokens, which include each precise-mode word, so the precise words of a query are always findable.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(clean(jieba().cut(query.slice(0, 200), true)))].slice(0, 12);
}

/**
 * Terms to mark in highlighted results: the query's words and the dictionary words inside them
 * (a result for 锂电池 highlights 电池 where only that appears).
 */
export function highlightTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const t of queryTerms(query)) {
    terms.add(t);
    for (const sub of indexTokens(t)) if (sub.length > 1 || /[\p{L}]/u.test(sub)) terms.add(sub);
  }
  return [...terms];
}

/** A to_tsquery('simple', …) expression: the terms AND-ed, each quoted as a lexeme. */
export function toTsQuery(terms: readonly string[]): string {
  return terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(' & ');
}
