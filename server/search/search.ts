import { and, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { needs, organizations } from '@/db/schema';
import type { SearchNeedsInput } from '../needs/inputs';
import { markTerms, snippet, type Segment } from './highlight';
import { highlightTerms, queryTerms, toTsQuery } from './segment';

/**
 * Chinese full-text search over published needs (SPEC §2, issue #3).
 *
 * - Words: the query is segmented by jieba exactly as needs are indexed (segment.ts); every word must
 *   match the need's `search_vector` (title weighted above keywords, summary and description excerpt),
 *   through the GIN index `needs_search_idx`.
 * - Rank: ts_rank of the words (title above the rest), over the newest CANDIDATES matches; then the newest.
 * - Fuzzy titles: when the words do not fill the first page, titles the query nearly spells (a wrong
 *   character: 精密轴成加工) follow, by pg_trgm similarity (`query % title`, GIN index
 *   `needs_title_trgm_idx`). Trigrams of Chinese text only match whole runs of characters, so this is a
 *   fallback for typos, not a second way to match words — and asking it only when needed keeps the
 *   common query a single GIN lookup.
 * - Only public fields are searched and returned: never the annex, never an anonymous need's owner.
 */

export interface NeedSearchResult {
  id: string;
  mode: (typeof needs.$inferSelect)['mode'];
  status: (typeof needs.$inferSelect)['status'];
  title: string;
  /** The title split into segments, matched terms flagged: render as text nodes, never as HTML. */
  titleMarks: Segment[];
  /** About 120 characters of the summary (or description) around the first match, marked the same way. */
  snippet: Segment[];
  industryField: (typeof needs.$inferSelect)['industryField'];
  keywords: string[];
  budgetMin: string | null;
  budgetMax: string | null;
  bounty: string | null;
  bidDeadline: Date | null;
  deliveryMonths: number | null;
  publishedAt: Date | null;
  /** null when the need is anonymous. */
  owner: { id: string; name: string } | null;
}

/**
 * How many matches are ranked. A broad query (工艺优化 matches a tenth of all needs) must not rank tens of
 * thousands of rows per keystroke: the newest CANDIDATES matches are ranked, which is every match of a
 * specific query and, for a broad one, the ones still worth reading; filters narrow it further.
 */
export const CANDIDATES = 500;

/** The filters of a search (everything but the text). */
function filters(input: SearchNeedsInput): SQL[] {
  const where: SQL[] = [inArray(needs.status, input.statuses)];
  if (input.industryField) where.push(eq(needs.industryField, input.industryField));
  if (input.mode) where.push(eq(needs.mode, input.mode));
  // Budget overlap: a 揭榜挂帅 list's range is its bounty.
  if (input.budgetMin !== undefined) where.push(sql`coalesce(${needs.budgetMax}, ${needs.bounty}) >= ${input.budgetMin.toFixed(2)}::numeric`);
  if (input.budgetMax !== undefined) where.push(sql`coalesce(${needs.budgetMin}, ${needs.bounty}) <= ${input.budgetMax.toFixed(2)}::numeric`);
  if (input.deadlineFrom) where.push(gte(needs.bidDeadline, input.deadlineFrom));
  if (input.deadlineTo) where.push(lte(needs.bidDeadline, input.deadlineTo));
  return where;
}

/** The ranked page of ids matching the query's words (or, without words, the newest): the query the EXPLAIN test checks. */
export function rankedIdsQuery(db: Db, input: SearchNeedsInput) {
  const where = filters(input);
  const terms = queryTerms(input.q);
  if (terms.length === 0) {
    // Browsing: the newest first (index needs_status_published_idx).
    return db
      .select({ id: needs.id, rank: sql<number>`0`.as('rank') })
      .from(needs)
      .where(and(...where))
      .orderBy(desc(needs.publishedAt), desc(needs.id))
      .limit(input.limit + 1)
      .offset(input.offset);
  }
  const tsq = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
  // Candidates carry only id and date through the sort (a broad query sorts thousands of matches); the
  // vectors of the chosen few are read afterwards, by primary key, to rank them.
  const candidates = db
    .select({ id: needs.id, publishedAt: needs.publishedAt })
    .from(needs)
    .where(and(...where, sql`${needs.searchVector} @@ ${tsq}`))
    .orderBy(desc(needs.publishedAt), desc(needs.id))
    .limit(CANDIDATES)
    .as('candidates');
  const rank = sql<number>`ts_rank(${needs.searchVector}, ${tsq})`;
  return db
    .select({ id: candidates.id, rank: sql<number>`${rank}`.as('rank') })
    .from(candidates)
    .innerJoin(needs, eq(needs.id, candidates.id))
    .orderBy(desc(rank), desc(candidates.publishedAt), desc(candidates.id))
    .limit(input.limit + 1)
    .offset(input.offset);
}

/** Titles the query nearly spells, most similar first, leaving out what the word match already found. */
export function fuzzyTitleQuery(db: Db, input: SearchNeedsInput, exclude: readonly string[], limit: number) {
  const q = input.q.trim();
  const where = [...filters(input), sql`${q} % ${needs.title}`];
  if (exclude.length > 0) where.push(notInArray(needs.id, [...exclude]));
  const similarity = sql<number>`similarity(${q}, ${needs.title})`;
  return db
    .select({ id: needs.id })
    .from(needs)
    .where(and(...where))
    .orderBy(desc(similarity), desc(needs.publishedAt), desc(needs.id))
    .limit(limit);
}

export async function searchNeeds(db: Db, input: SearchNeedsInput): Promise<{ items: NeedSearchResult[]; hasMore: boolean }> {
  const page = await rankedIdsQuery(db, input);
  const hasMore = page.length > input.limit;
  const ids = page.slice(0, input.limit).map((r) => r.id);
  if (ids.length < input.limit && input.offset === 0 && queryTerms(input.q).length > 0) {
    for (const r of await fuzzyTitleQuery(db, input, ids, input.limit - ids.length)) ids.push(r.id);
  }
  if (ids.length === 0) return { items: [], hasMore: false };
  const rows = await db
    .select({
      id: needs.id,
      mode: needs.mode,
      status: needs.status,
      title: needs.title,
      summary: needs.summary,
      // Only the part that was indexed can have matched; no need to ship whole descriptions.
      descriptionStart: sql<string>`left(${needs.description}, 1000)`,
      industryField: needs.industryField,
      keywords: needs.keywords,
      budgetMin: needs.budgetMin,
      budgetMax: needs.budgetMax,
      bounty: needs.bounty,
      bidDeadline: needs.bidDeadline,
      deliveryMonths: needs.deliveryMonths,
      publishedAt: needs.publishedAt,
      anonymous: needs.anonymous,
      ownerOrgId: needs.ownerOrgId,
      ownerName: organizations.name,
    })
    .from(needs)
    .innerJoin(organizations, eq(organizations.id, needs.ownerOrgId))
    .where(inArray(needs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const marks = highlightTerms(input.q);
  const items = ids.flatMap((id): NeedSearchResult[] => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        mode: r.mode,
        status: r.status,
        title: r.title,
        titleMarks: markTerms(r.title, marks),
        snippet: snippet([r.summary, r.descriptionStart], marks),
        industryField: r.industryField,
        keywords: r.keywords,
        budgetMin: r.budgetMin,
        budgetMax: r.budgetMax,
        bounty: r.bounty,
        bidDeadline: r.bidDeadline,
        deliveryMonths: r.deliveryMonths,
        publishedAt: r.publishedAt,
        owner: r.anonymous ? null : { id: r.ownerOrgId, name: r.ownerName },
      },
    ];
  });
  return { items, hasMore };
}
