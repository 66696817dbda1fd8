import type { TermCounts } from './documents';

/**
 * The in-memory inverted index of the teams' match documents: per channel, term → posting list (document
 * numbers and term frequencies in typed arrays), plus per document its organisation, 一级学科 codes and
 * lengths. Built from `match_documents` rows (server/matching/live-index.ts keeps it current).
 *
 * A changed team is appended as a new document and its old one marked dead; scoring skips dead documents,
 * and every statistic it uses (document frequencies, collection and discipline counts) is counted over live
 * documents during scoring, so a dead document changes no score. Only the per-document cosine norms use
 * document frequencies as they were when the document was added; the owner rebuilds the index when many
 * documents are dead, which also refreshes those.
 */

/** A document as the index takes it: decoded term counts. */
export interface IndexedDocument {
  disciplines: readonly string[];
  chars: TermCounts;
  words: TermCounts;
  charLength: number;
  wordLength: number;
}

export class PostingList {
  docs: Int32Array;
  tfs: Uint16Array;
  length = 0;
  /** Sum of the term frequencies pushed (dead documents included). */
  cf = 0;
  constructor(capacity = 4) {
    this.docs = new Int32Array(capacity);
    this.tfs = new Uint16Array(capacity);
  }
  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    const capped = Math.min(tf, 65_535);
    this.tfs[this.length] = capped;
    this.cf += capped;
    this.length++;
  }
}

export class Channel {
  readonly terms = new Map<string, PostingList>();
  add(doc: number, { terms, counts }: TermCounts): void {
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as string;
      const tf = counts[i] as number;
      if (!(tf > 0)) continue;
      let list = this.terms.get(term);
      if (!list) {
        list = new PostingList();
        this.terms.set(term, list);
      }
      list.push(doc, tf);
    }
  }
}

/** The cosine channel's term weight: sublinear tf times a smoothed idf. */
export const cosineIdf = (documents: number, df: number) => Math.log((documents + 1) / (df + 1)) + 1;
export const sublinear = (tf: number) => 1 + Math.log(tf);

export class InvertedIndex {
  readonly orgIds: string[] = [];
  readonly alive: boolean[] = [];
  /** Per document: ids of its 一级学科 codes in `codes`. */
  readonly docCodes: number[][] = [];
  readonly charLength: number[] = [];
  readonly wordLength: number[] = [];
  /** Per document: the norm of its character tf-idf vector (for the discipline's mean cosine). */
  readonly cosineNorm: number[] = [];
  readonly chars = new Channel();
  readonly words = new Channel();
  /** 一级学科 codes seen, by id. */
  readonly codes: string[] = [];
  readonly codeId = new Map<string, number>();
  private readonly byOrg = new Map<string, number>();
  live = 0;
  dead = 0;
  liveCharLength = 0;
  liveWordLength = 0;

  documentOf(orgId: string): number | undefined {
    return this.byOrg.get(orgId);
  }

  private idOfCode(code: string): number {
    let id = this.codeId.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.codes.push(code);
      this.codeId.set(code, id);
    }
    return id;
  }

  /** Adds (or replaces) an organisation's document. `deferNorm` leaves the cosine norm for `computeNorm`. */
  add(orgId: string, row: IndexedDocument, deferNorm = false): number {
    this.remove(orgId);
    const doc = this.orgIds.length;
    this.orgIds.push(orgId);
    this.alive.push(true);
    this.docCodes.push([...new Set(row.disciplines)].map((c) => this.idOfCode(c)));
    this.charLength.push(row.charLength);
    this.wordLength.push(row.wordLength);
    this.chars.add(doc, row.chars);
    this.words.add(doc, row.words);
    this.cosineNorm.push(deferNorm ? 0 : this.normOf(row.chars));
    this.byOrg.set(orgId, doc);
    this.live++;
    this.liveCharLength += row.charLength;
    this.liveWordLength += row.wordLength;
    return doc;
  }

  remove(orgId: string): void {
    const doc = this.byOrg.get(orgId);
    if (doc === undefined) return;
    this.byOrg.delete(orgId);
    this.alive[doc] = false;
    this.live--;
    this.dead++;
    this.liveCharLength -= this.charLength[doc] ?? 0;
    this.liveWordLength -= this.wordLength[doc] ?? 0;
  }

  /** The document's character tf-idf norm, with document frequencies as they are now. */
  normOf({ terms, counts }: TermCounts): number {
    const n = this.live + 1;
    let sum = 0;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as string;
      const tf = counts[i] as number;
      if (!(tf > 0)) continue;
      const w = sublinear(tf) * cosineIdf(n, this.chars.terms.get(term)?.length ?? 1);
      sum += w * w;
    }
    return Math.sqrt(sum) || 1;
  }

  computeNorm(doc: number, chars: TermCounts): void {
    this.cosineNorm[doc] = this.normOf(chars);
  }

  get size(): number {
    return this.orgIds.length;
  }
}
