/**
 * Highlighting without HTML: a text becomes a list of segments, those matching a query term flagged
 * `hit`. The page renders each segment as a text node (hits inside <mark>), so a need's title can never
 * inject markup — there is no HTML string to escape or forget to escape.
 */
export interface Segment {
  text: string;
  hit: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits `text` at every occurrence of a term (longest terms first, case-insensitive). */
export function markTerms(text: string, terms: readonly string[]): Segment[] {
  const usable = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (!text) return [];
  if (usable.length === 0) return [{ text, hit: false }];
  const pattern = new RegExp(usable.map(escapeRegExp).join('|'), 'giu');
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    if (start > last) out.push({ text: text.slice(last, start), hit: false });
    out.push({ text: m[0], hit: true });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}

/**
 * A snippet of about `width` characters around the first hit among `texts` (the first text that has one),
 * else the start of the first non-empty text. `…` marks cut ends.
 */
export function snippet(texts: readonly string[], terms: readonly string[], width = 120): Segment[] {
  const usable = terms.filter((t) => t.length > 0);
  const lower = usable.map((t) => t.toLowerCase());
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const hay = text.toLowerCase();
    let first = -1;
    for (const t of lower) {
      const i = hay.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    if (first < 0) continue;
    const start = Math.max(0, first - Math.floor(width / 3));
    const end = Math.min(text.length, start + width);
    return cut(text, start, end, usable);
  }
  const text = texts.map((t) => t.replace(/\s+/g, ' ').trim()).find(Boolean) ?? '';
  return cut(text, 0, Math.min(text.length, width), usable);
}

function cut(text: string, start: number, end: number, terms: readonly string[]): Segment[] {
  const body = markTerms(text.slice(start, end), terms);
  if (start > 0) body.unshift({ text: '…', hit: false });
  if (end < text.length) body.push({ text: '…', hit: false });
  return body;
}
