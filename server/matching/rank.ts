import { and, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { achievements, contracts } from '@/db/schema';
import type { InvertedIndex, PostingList } from './inverted-index';
import { currentIndex } from './live-index';
import { MATCH_PARAMS, type MatchQuery, queryTerms, type QueryTerms, scoreTeams, type Scores, topDocuments } from './scorer';
import { markTerms, type Segment } from '../search/highlight';
import { uuidArray } from './sql';
import { creditFactor, loadFactor, locationFactor, matchableTeams, ownerCities, type TeamFacts } from './signals';
import { charTerms } from './tokens';

/**
 * THE ranking of research teams for a need: the need page (server/matching/matches.ts) and the offline
 * benchmark (bench/match.ts) both call `rankTeams`. Text relevance over every team (scorer.ts), then the
 * product's signals on a short list of the most relevant matchable teams (signals.ts), then reasons
 * (匹配理由) for the first few.
 */

export interface RankContext {
  /** The need's owner: its city and enclaves give the location preference; it is never its own match. */
  ownerOrgId?: string | null;
  /** Teams never to list (e.g. those already bidding, if the caller wants only new names). */
  excludeOrgIds?: readonly string[];
}

export interface RankOptions {
  limit: number;
  /** How many of the first teams get reasons. */
  explain: number;
}

export interface SimilarWork {
  kind: 'achievement' | 'contract';
  id: string;
  title: string;
  /** The title with the shared terms marked (text segments, never HTML). */
  marks: Segment[];
}

export interface MatchReasons {
  /** The need's words found in the team's text, most specific first (for highlighting). */
  sharedTerms: string[];
  /** The team's achievements or past contracts most like the need. */
  similarWork: SimilarWork[];
  /** The team's 一级学科 codes with the probability that the need belongs to each. */
  disciplines: { code: string; probability: number }[];
  creditGrade: string | null;
  creditScore: number | null;
  activeContracts: number;
  city: string | null;
  sameCity: boolean;
}

export interface TeamMatch {
  orgId: string;
  name: string;
  hostInstitution: string | null;
  /** 0–100: discipline fit and text relevance, times the signals. */
  score: number;
  reasons: MatchReasons | null;
}

export interface Ranking {
  teams: TeamMatch[];
  /** The need's most probable 一级学科 (up to three). */
  disciplines: { code: string; probability: number }[];
}

/** The best relevance a team can reach (certain discipline, best text), for a 0–100 score. */
const TOP_RELEVANCE = (1 + MATCH_PARAMS.floor) * (1 + MATCH_PARAMS.textWeight);

function hasDoc(list: PostingList, doc: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list.docs[mid] as number;
    if (d === doc) return true;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const idfOf = (index: InvertedIndex, list: PostingList | undefined) => Math.log(1 + index.live / Math.max(list?.length ?? 1, 1));

/**
 * A word in more than this share of all teams' documents (进行, 方法, 研究) says nothing about why this team fits —
 * judged only once there are enough documents for a share to mean anything.
 */
const GENERIC_WORD_SHARE = 0.25;
const GENERIC_WORD_MIN_DOCS = 20;

/**
 * Query words in the team's document, most specific (highest idf × frequency) first. Single characters and generic
 * words (in over a quarter of all documents) are shown only when nothing more specific is shared.
 */
function sharedTerms(index: InvertedIndex, terms: QueryTerms, doc: number, max = 8): string[] {
  const specific: { term: string; weight: number }[] = [];
  const vague: { term: string; weight: number }[] = [];
  for (const [term, qtf] of terms.words) {
    const list = index.words.terms.get(term);
    if (!list || !hasDoc(list, doc)) continue;
    const found = { term, weight: idfOf(index, list) * Math.min(qtf, 3) };
    const generic = [...term].length < 2 || (index.live >= GENERIC_WORD_MIN_DOCS && list.length > GENERIC_WORD_SHARE * index.live);
    (generic ? vague : specific).push(found);
  }
  const found = specific.length > 0 ? specific : vague;
  found.sort((a, b) => b.weight - a.weight);
  // A term inside a longer found term adds nothing to the highlight (轴承 inside 精密轴承).
  const out: string[] = [];
  for (const f of found) {
    if (out.length >= max) break;
    if (out.some((t) => t.includes(f.term))) continue;
    out.push(f.term);
  }
  return out;
}

/** How much of an abstract is compared for "similar past work" (its opening says what the work is). */
const SIMILAR_WORK_ABSTRACT_CHARS = 300;

async function similarWork(db: Db, index: InvertedIndex, terms: QueryTerms, orgIds: readonly string[], perTeam = 2): Promise<Map<string, Omit<SimilarWork, 'marks'>[]>> {
  const out = new Map<string, Omit<SimilarWork, 'marks'>[]>();
  if (orgIds.length === 0) return out;
  const [works, deals] = await Promise.all([
    db
      .select({ id: achievements.id, orgId: achievements.orgId, title: achievements.title, abstract: achievements.abstract, keywords: achievements.keywords })
      .from(achievements)
      .where(sql`${achievements.orgId} = any(${uuidArray(orgIds)}::uuid[])`),
    db
      .select({ id: contracts.id, orgId: contracts.providerOrgId, title: contracts.subject })
      .from(contracts)
      .where(and(sql`${contracts.providerOrgId} = any(${uuidArray(orgIds)}::uuid[])`, ne(contracts.status, 'terminated'))),
  ]);
  const items = [
    ...works.map((w) => ({ kind: 'achievement' as const, id: w.id, orgId: w.orgId, title: w.title, text: `${w.title} ${w.keywords.join(' ')} ${w.abstract.slice(0, SIMILAR_WORK_ABSTRACT_CHARS)}` })),
    ...deals.map((d) => ({ kind: 'contract' as const, id: d.id, orgId: d.orgId, title: d.title, text: d.title })),
  ];
  const scored = items.map((item) => {
    // The need's character bigrams this item uses, each counted once, weighted by how rare it is across
    // teams (characters, not jieba: reasons are computed on every request, and segmenting a few dozen
    // abstracts per request is what cost most, measured).
    let s = 0;
    for (const t of new Set(charTerms(item.text))) {
      if (t.length < 2 || !terms.chars.has(t)) continue;
      s += idfOf(index, index.chars.terms.get(t));
    }
    return { item, s };
  });
  scored.sort((a, b) => b.s - a.s);
  for (const { item, s } of scored) {
    if (s <= 0) continue;
    const list = out.get(item.orgId) ?? [];
    if (list.length >= perTeam) continue;
    list.push({ kind: item.kind, id: item.id, title: item.title });
    out.set(item.orgId, list);
  }
  return out;
}

/** A team's text relevance times the product's signals (credit, current load, location). */
const withSignals = (relevance: number, f: TeamFacts, cities: ReadonlySet<string>) =>
  relevance * creditFactor(f.creditScore) * loadFactor(f.activeContracts) * locationFactor(f.city, cities);
const toScore = (final: number) => Math.min(100, Math.round((100 * final) / TOP_RELEVANCE));

/**
 * The match score (0–100) of a few given teams for a need's text — the number the ranking would show for
 * each, wherever it ranks (a bid's match score beside its reviews). Teams that may not be matched
 * (unverified, negative-listed) or have no document get none.
 */
export async function matchScoresOf(db: Db, query: MatchQuery, context: RankContext, orgIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (orgIds.length === 0) return out;
  const index = await currentIndex(db);
  const scores = scoreTeams(index, query);
  const [cities, facts] = await Promise.all([ownerCities(db, context.ownerOrgId), matchableTeams(db, orgIds)]);
  for (const orgId of orgIds) {
    const doc = index.documentOf(orgId);
    const f = facts.get(orgId);
    if (doc === undefined || !f) continue;
    out.set(orgId, toScore(withSignals(scores.relevance[doc] as number, f, cities)));
  }
  return out;
}

/** Ranks the matchable research teams for a need's text. */
export async function rankTeams(db: Db, query: MatchQuery, context: RankContext, options: RankOptions): Promise<Ranking> {
  const index = await currentIndex(db);
  const terms = queryTerms(query);
  const scores: Scores = scoreTeams(index, query, terms);
  const excluded = new Set(context.excludeOrgIds ?? []);
  if (context.ownerOrgId) excluded.add(context.ownerOrgId);
  const cities = await ownerCities(db, context.ownerOrgId);

  // The signals (factors between 0.7 and 1.155) reorder a pool of the most relevant teams, three times the
  // list's length; the pool grows only when too few of it may be matched (unverified, negative-listed).
  const pool = Math.max(options.limit * 3, 60);
  let ranked = topDocuments(scores, index.alive, pool * 4);
  const kept: { doc: number; facts: TeamFacts; final: number }[] = [];
  let next = 0;
  while (kept.length < options.limit) {
    if (next >= ranked.length) {
      if (ranked.length >= index.live) break;
      ranked = topDocuments(scores, index.alive, ranked.length * 4);
      if (next >= ranked.length) break;
    }
    const batch = ranked.slice(next, next + pool);
    next += batch.length;
    const facts = await matchableTeams(
      db,
      batch.map((d) => index.orgIds[d] as string).filter((id) => !excluded.has(id)),
    );
    for (const doc of batch) {
      const f = facts.get(index.orgIds[doc] as string);
      if (!f) continue;
      kept.push({ doc, facts: f, final: withSignals(scores.relevance[doc] as number, f, cities) });
    }
  }
  kept.sort((a, b) => b.final - a.final || a.doc - b.doc);
  const chosen = kept.slice(0, options.limit);

  const toExplain = chosen.slice(0, options.explain);
  const works = await similarWork(db, index, terms, toExplain.map((c) => c.facts.orgId));
  const probability = new Map(scores.disciplines.map((d) => [d.code, d.probability]));
  const teams: TeamMatch[] = chosen.map((c, i) => {
    const f = c.facts;
    const shared = i < options.explain ? sharedTerms(index, terms, c.doc) : [];
    const reasons: MatchReasons | null =
      i < options.explain
        ? {
            sharedTerms: shared,
            similarWork: (works.get(f.orgId) ?? []).map((w) => ({ ...w, marks: markTerms(w.title, shared) })),
            disciplines: (index.docCodes[c.doc] ?? []).map((id) => {
              const code = index.codes[id] as string;
              return { code, probability: probability.get(code) ?? 0 };
            }),
            creditGrade: f.creditGrade,
            creditScore: f.creditScore,
            activeContracts: f.activeContracts,
            city: f.city,
            sameCity: locationFactor(f.city, cities) > 1,
          }
        : null;
    return {
      orgId: f.orgId,
      name: f.name,
      hostInstitution: f.hostInstitution,
      score: toScore(c.final),
      reasons,
    };
  });
  return { teams, disciplines: scores.disciplines.slice(0, 3) };
}
