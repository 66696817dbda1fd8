import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { achievements, contracts, matchDocuments, orgDisciplines, organizations } from '@/db/schema';
import { now } from '../clock';
import { discipline } from '../orgs/disciplines';
import { charTerms, countTerms, wordTerms } from './tokens';

/**
 * A research team's match document: everything a need is matched against, segmented once and stored in
 * `match_documents` (db/schema/matching.ts). Written in the same transaction as the change that makes it
 * stale — the import of teams, a profile, discipline or achievement edit, a new contract — through
 * `refreshMatchDocuments`, so the ranking never reads a team's old text after its edit has committed.
 */

/** What the document is made of (the text of one team). */
export interface TeamText {
  name: string;
  keywords: readonly string[];
  description: string | null;
  disciplineCodes: readonly string[];
  achievements: readonly { title: string; abstract: string; keywords: readonly string[] }[];
  /** Subjects of the team's contracts (the needs it was awarded), terminated ones left out. */
  contractSubjects: readonly string[];
}

export interface MatchDocumentRow {
  disciplines: string[];
  /** Encoded term counts (`encodeTerms`). */
  chars: string;
  words: string;
  charLength: number;
  wordLength: number;
}

/** Terms with their counts, as parallel arrays. */
export interface TermCounts {
  terms: string[];
  counts: number[];
}

/** "term count term count …": terms never contain spaces (both channels split on them). */
export function encodeTerms(counts: ReadonlyMap<string, number>): string {
  const parts: string[] = [];
  for (const [term, n] of counts) parts.push(term, String(n));
  return parts.join(' ');
}

export function decodeTerms(encoded: string): TermCounts {
  const parts = encoded ? encoded.split(' ') : [];
  const terms = new Array<string>(parts.length >> 1);
  const counts = new Array<number>(parts.length >> 1);
  for (let i = 0, j = 0; i + 1 < parts.length; i += 2, j++) {
    terms[j] = parts[i] as string;
    counts[j] = Number(parts[i + 1]);
  }
  return { terms, counts };
}

/** The team's text as matching reads it: its name, expertise, disciplines' names, 成果 and past contracts. */
export function teamTextParts(team: TeamText): string[] {
  const names = team.disciplineCodes.map((c) => discipline(c)?.name).filter((n): n is string => !!n);
  return [
    team.name,
    team.keywords.join('、'),
    team.description ?? '',
    names.join('、'),
    ...team.achievements.flatMap((a) => [a.title, a.keywords.join('、'), a.abstract]),
    ...team.contractSubjects,
  ].filter((p) => p.length > 0);
}

export function buildMatchDocument(team: TeamText): MatchDocumentRow {
  const chars = new Map<string, number>();
  const words = new Map<string, number>();
  let charLength = 0;
  let wordLength = 0;
  for (const part of teamTextParts(team)) {
    const c = charTerms(part);
    const w = wordTerms(part);
    charLength += c.length;
    wordLength += w.length;
    countTerms(c, chars);
    countTerms(w, words);
  }
  return {
    disciplines: [...team.disciplineCodes],
    chars: encodeTerms(chars),
    words: encodeTerms(words),
    charLength,
    wordLength,
  };
}

/** Reads the text of the given research teams (other kinds of organisation are skipped). */
export async function readTeamTexts(db: Db, orgIds: readonly string[]): Promise<Map<string, TeamText>> {
  const out = new Map<string, TeamText>();
  if (orgIds.length === 0) return out;
  const ids = [...new Set(orgIds)];
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, keywords: organizations.keywords, description: organizations.description })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), eq(organizations.kind, 'research_team')));
  if (orgs.length === 0) return out;
  const teamIds = orgs.map((o) => o.id);
  const [codes, works, deals] = await Promise.all([
    db.select().from(orgDisciplines).where(inArray(orgDisciplines.orgId, teamIds)),
    db
      .select({ orgId: achievements.orgId, title: achievements.title, abstract: achievements.abstract, keywords: achievements.keywords })
      .from(achievements)
      .where(inArray(achievements.orgId, teamIds)),
    db
      .select({ orgId: contracts.providerOrgId, subject: contracts.subject })
      .from(contracts)
      .where(and(inArray(contracts.providerOrgId, teamIds), ne(contracts.status, 'terminated'))),
  ]);
  for (const o of orgs) {
    out.set(o.id, { name: o.name, keywords: o.keywords, description: o.description, disciplineCodes: [], achievements: [], contractSubjects: [] });
  }
  for (const c of codes) (out.get(c.orgId)?.disciplineCodes as string[] | undefined)?.push(c.disciplineCode);
  for (const a of works) (out.get(a.orgId)?.achievements as TeamText['achievements'][number][] | undefined)?.push(a);
  for (const d of deals) (out.get(d.orgId)?.contractSubjects as string[] | undefined)?.push(d.subject);
  for (const t of out.values()) (t.disciplineCodes as string[]).sort();
  return out;
}

/** Rows per statement: one JSON parameter each (like the team import), so a 500-team chunk is one statement. */
const ROWS_PER_STATEMENT = 500;

/**
 * Recomputes and stores the match documents of `orgIds` (research teams; other ids are ignored), inside
 * the caller's transaction. Each write takes a new `seq`, which is how ranking processes notice it.
 */
export async function refreshMatchDocuments(tx: Db, orgIds: readonly string[]): Promise<void> {
  const texts = await readTeamTexts(tx, orgIds);
  if (texts.size === 0) return;
  const at = now().toISOString();
  const rows = [...texts].map(([orgId, text]) => {
    const d = buildMatchDocument(text);
    return { org_id: orgId, disciplines: d.disciplines, chars: d.chars, words: d.words, char_length: d.charLength, word_length: d.wordLength, updated_at: at };
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const slice = rows.slice(i, i + ROWS_PER_STATEMENT);
    await tx.execute(sql`
      insert into ${matchDocuments} (org_id, seq, disciplines, chars, words, char_length, word_length, updated_at)
      select r.org_id, nextval('match_documents_seq'), r.disciplines, r.chars, r.words, r.char_length, r.word_length, r.updated_at
      from jsonb_to_recordset(${JSON.stringify(slice)}::jsonb)
        as r(org_id uuid, disciplines text[], chars text, words text, char_length integer, word_length integer, updated_at timestamptz)
      on conflict (org_id) do update set
        seq = excluded.seq, disciplines = excluded.disciplines, chars = excluded.chars, words = excluded.words,
        char_length = excluded.char_length, word_length = excluded.word_length, updated_at = excluded.updated_at`);
  }
}
