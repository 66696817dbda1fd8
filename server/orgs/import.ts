import crypto from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import cslMap from '@/db/data/csl-discipline-map.json';
import type { Db } from '@/db/client';
import { achievements, auditLog, orgDisciplines, organizations } from '@/db/schema';
import type { Actor } from '../actor';
import { now } from '../clock';
import { AppError, forbidden } from '../errors';
import { can } from '../permissions';
import { inTransaction } from '../transaction';
import { refreshMatchDocuments } from '../matching/documents';
import { INDUSTRY_FIELDS, type IndustryField } from '../accounts/inputs';
import { DISCIPLINE_CATEGORIES, isDisciplineCode, MAX_DISCIPLINES, normaliseDisciplineCodes } from './disciplines';
import { achievementInput, creditCodeSchema, keywordsSchema } from './inputs';

/**
 * Loading research teams in bulk: the demo seed, the matching benchmark (10,000 teams) and a bureau's
 * import of a list of teams all go through here, so what they load is what registration and the profile
 * pages produce — an organisation of kind `research_team` with its 一级学科 codes, expertise keywords and
 * achievements (成果), plus one audit row per team.
 */

/** Limits are the profile forms' (./inputs.ts), so an imported team can be edited and saved as it is. */
export const MAX_ACHIEVEMENTS_PER_IMPORT = 500;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

export const researchTeamImportInput = z.object({
  name: z.string().trim().min(2).max(100),
  hostInstitution: z.string().trim().min(2).max(100),
  /** The host institution's 统一社会信用代码 (universities and institutes: authority 1, category 2 — "12…"). */
  creditCode: creditCodeSchema,
  city: optionalText(50),
  description: optionalText(5000),
  website: optionalText(200),
  industryField: z.enum(INDUSTRY_FIELDS, 'v.industryField').nullable().optional().transform((s) => s ?? null),
  /** 一级学科 codes of db/data/disciplines.json. */
  disciplines: z
    .array(z.string().refine(isDisciplineCode, 'v.disciplineCode'))
    .min(1)
    .max(MAX_DISCIPLINES)
    .transform(normaliseDisciplineCodes),
  keywords: keywordsSchema.default([]),
  achievements: z.array(achievementInput).max(MAX_ACHIEVEMENTS_PER_IMPORT).default([]),
  /** A trusted load (seed, bureau import) may enter teams already verified; otherwise they wait for review. */
  status: z.enum(['pending', 'verified']).default('verified'),
});
export type ResearchTeamImport = z.input<typeof researchTeamImportInput>;
type ParsedTeam = z.output<typeof researchTeamImportInput>;

export interface ImportedTeam {
  orgId: string;
  name: string;
  achievementIds: string[];
}

export interface ImportOptions {
  /** Teams per transaction (default 500): large enough for multi-row inserts to pay, small enough to keep locks short. */
  chunkSize?: number;
  /** Called after each committed chunk (progress bars of long loads). */
  onProgress?: (done: number, total: number) => void;
}

/** Rows per statement: one JSON parameter each, so the size is bounded by memory, not PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_STATEMENT = 2_000;

/** Only the system (seed, CLI, benchmark: actor null) and bureau managers load teams in bulk. */
function assertMayImport(actor: Actor | null): void {
  if (actor === null) return;
  const org = actor.org;
  if (!org || !can({ orgKind: org.kind, role: org.role, orgStatus: org.status }, 'org.import')) throw forbidden();
}

/** Validates every team before anything is written, so a bad row 9,000 does not leave 8,999 half-loaded. */
function parseAll(inputs: readonly ResearchTeamImport[]): ParsedTeam[] {
  const fields: Record<string, string> = {};
  const parsed: ParsedTeam[] = [];
  inputs.forEach((input, index) => {
    const result = researchTeamImportInput.safeParse(input);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const key = [index, ...issue.path].join('.');
      fields[key] ??= issue.message.startsWith('v.') ? issue.message : `v.${issue.code}`;
    }
  });
  if (Object.keys(fields).length > 0) throw new AppError('BAD_REQUEST', 'invalidInput', { count: inputs.length }, fields);
  return parsed;
}

/**
 * A multi-row insert that sends the rows as ONE jsonb parameter expanded by `jsonb_to_recordset`. Building
 * the same insert through drizzle's `values([...])` costs about 0.2 ms of JavaScript per row (0.2 s per
 * 1,000 achievements, measured) — most of a 10,000-team load; this costs a JSON.stringify. The column
 * names and SQL types come from the drizzle table, so the statement follows the schema.
 */
async function insertRows<T extends PgTable>(tx: Db, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => k in columns);
  const specs = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`unknown column ${key}`);
    return { key, name: column.name, type: column.getSQLType() };
  });
  const names = sql.join(
    specs.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const definitions = sql.join(
    specs.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.type)}`),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const slice = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
      const out: Record<string, unknown> = {};
      const values = row as Record<string, unknown>;
      for (const c of specs) out[c.name] = values[c.key] ?? null;
      return out;
    });
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) as r(${definitions})`,
    );
  }
}

/** One chunk, inside the caller's transaction: a handful of multi-row statements whatever the chunk size. */
async function insertTeams(tx: Db, actor: Actor | null, teams: readonly ParsedTeam[]): Promise<ImportedTeam[]> {
  const at = now();
  const reviewer = actor?.userId ?? null;
  const orgRows: (typeof organizations.$inferInsert)[] = [];
  const disciplineRows: (typeof orgDisciplines.$inferInsert)[] = [];
  const achievementRows: (typeof achievements.$inferInsert)[] = [];
  const auditRows: (typeof auditLog.$inferInsert)[] = [];
  const imported: ImportedTeam[] = [];

  for (const team of teams) {
    // Ids are made here rather than by the database so rows of one multi-row insert can be related
    // without relying on the order RETURNING gives them back.
    const orgId = crypto.randomUUID();
    orgRows.push({
      id: orgId,
      kind: 'research_team',
      name: team.name,
      creditCode: team.creditCode,
      hostInstitution: team.hostInstitution,
      status: team.status,
      reviewedAt: team.status === 'verified' ? at : null,
      reviewedBy: team.status === 'verified' ? reviewer : null,
      industryField: team.industryField,
      city: team.city,
      description: team.description,
      website: team.website,
      keywords: team.keywords,
      createdAt: at,
      updatedAt: at,
    });
    for (const code of team.disciplines) disciplineRows.push({ orgId, disciplineCode: code });
    const achievementIds: string[] = [];
    for (const a of team.achievements) {
      const id = crypto.randomUUID();
      achievementIds.push(id);
      achievementRows.push({ id, orgId, kind: a.kind, title: a.title, abstract: a.abstract, keywords: a.keywords, year: a.year, createdAt: at });
    }
    auditRows.push({
      at,
      actorUserId: actor?.userId ?? null,
      actorOrgId: actor?.org?.id ?? null,
      orgId,
      action: 'org.import',
      entityType: 'organization',
      entityId: orgId,
      before: null,
      after: {
        kind: 'research_team',
        name: team.name,
        hostInstitution: team.hostInstitution,
        creditCode: team.creditCode,
        city: team.city,
        status: team.status,
        disciplines: team.disciplines,
        keywords: team.keywords,
        achievements: achievementIds.length,
      },
      ip: actor?.ip ?? null,
    });
    imported.push({ orgId, name: team.name, achievementIds });
  }

  await insertRows(tx, organizations, orgRows);
  await insertRows(tx, orgDisciplines, disciplineRows);
  await insertRows(tx, achievements, achievementRows);
  // The same rows `audit()` writes, many at a time (a 10,000-team load would otherwise be 10,000 statements).
  await insertRows(tx, auditLog, auditRows);
  // Matching's segmented text of the new teams, in the same transaction (server/matching/documents.ts).
  await refreshMatchDocuments(tx, imported.map((t) => t.orgId));
  return imported;
}

/** Creates one research team with its disciplines, keywords and achievements, in one transaction, audited. */
export async function importResearchTeam(db: Db, actor: Actor | null, input: ResearchTeamImport): Promise<ImportedTeam> {
  assertMayImport(actor);
  const [team] = parseAll([input]);
  if (!team) throw new Error('import parsed no team');
  const [imported] = await inTransaction(db, (tx) => insertTeams(tx, actor, [team]));
  if (!imported) throw new Error('import wrote no team');
  return imported;
}

/**
 * Creates many research teams: everything is validated first, then each chunk is written in its own
 * transaction with multi-row inserts. A failure leaves the chunks already committed in place (each is
 * whole and audited); the error says which input failed validation by its index.
 */
export async function importResearchTeams(
  db: Db,
  actor: Actor | null,
  inputs: readonly ResearchTeamImport[],
  options: ImportOptions = {},
): Promise<ImportedTeam[]> {
  assertMayImport(actor);
  const teams = parseAll(inputs);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const imported: ImportedTeam[] = [];
  for (let i = 0; i < teams.length; i += chunkSize) {
    const chunk = teams.slice(i, i + chunkSize);
    imported.push(...(await inTransaction(db, (tx) => insertTeams(tx, actor, chunk))));
    options.onProgress?.(imported.length, teams.length);
  }
  return imported;
}

// ---- CSL-format records (db/data/csl-teams-sample.jsonl, the matching benchmark's teams.jsonl) ----

/** One line of a teams.jsonl file as CREDIT-AND-MATCHING.md defines it. */
export interface CslTeamRecord {
  id: string;
  name: string;
  /** 学科门类 (工学, 医学, ...). */
  field: string;
  /** The corpus' discipline label, close to but not exactly a national 一级学科 (see csl-discipline-map.json). */
  discipline: string;
  profile?: string;
  achievements: { title: string; abstract?: string; keywords?: string[] }[];
}

const CSL_DISCIPLINES: Record<string, { codes: string[] } | undefined> = cslMap.disciplines;
const CODE_BY_NAME = new Map(DISCIPLINE_CATEGORIES.flatMap((c) => c.disciplines.map((d) => [d.name, d.code] as const)));

/**
 * The 一级学科 codes of a CSL discipline label: from db/data/csl-discipline-map.json, or — for a label the
 * map does not know — the catalogue disciplines of the same names ("a/b" labels name two). Throws for a
 * label neither knows, so a benchmark run on an unexpected set stops with the label in the message rather
 * than loading teams without disciplines.
 */
export function disciplineCodesForCsl(label: string): string[] {
  const mapped = CSL_DISCIPLINES[label];
  if (mapped) return mapped.codes;
  const codes = label
    .split('/')
    .map((part) => CODE_BY_NAME.get(part.trim()))
    .filter((code): code is string => code !== undefined);
  if (codes.length === 0) throw new Error(`CSL discipline "${label}" has no 一级学科 in db/data/csl-discipline-map.json or the catalogue`);
  return codes;
}

/** "研究方向：肺系疾病、三焦辨证、…" → ['肺系疾病', '三焦辨证', …]. */
export function keywordsFromProfile(profile: string | undefined): string[] {
  if (!profile) return [];
  const body = profile.replace(/^[^：:]*[：:]/, '');
  return body
    .split(/[、，,；;]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Keyword limits of the profile forms (./inputs.ts keywordsSchema). */
const KEYWORD_MAX_LENGTH = 30;
const KEYWORDS_MAX = 20;
/** Corpus keywords are occasionally whole phrases; a profile keeps the distinct ones that read as keywords. */
const usableKeywords = (list: readonly string[] | undefined) =>
  [...new Set((list ?? []).map((k) => k.trim()))].filter((k) => k.length > 0 && k.length <= KEYWORD_MAX_LENGTH).slice(0, KEYWORDS_MAX);

export interface CslTeamIdentity {
  /** Defaults to the record's name. */
  name?: string;
  hostInstitution: string;
  creditCode: string;
  city?: string | null;
  description?: string | null;
  industryField?: IndustryField | null;
  status?: 'pending' | 'verified';
  /** Extra expertise keywords placed before the profile's. */
  keywords?: string[];
  /** Publication year per achievement (CSL has none); missing entries stay null. */
  years?: readonly (number | null)[];
}

/** A CSL-format team record as an import input; the identity (host institution and its code) comes from the caller. */
export function cslTeamToInput(record: CslTeamRecord, identity: CslTeamIdentity): ResearchTeamImport {
  return {
    name: identity.name ?? record.name,
    hostInstitution: identity.hostInstitution,
    creditCode: identity.creditCode,
    city: identity.city ?? null,
    description: identity.description ?? record.profile ?? null,
    industryField: identity.industryField ?? null,
    status: identity.status ?? 'verified',
    disciplines: disciplineCodesForCsl(record.discipline),
    keywords: usableKeywords([...(identity.keywords ?? []), ...keywordsFromProfile(record.profile)]),
    achievements: record.achievements
      .map((a, i) => ({
        kind: 'paper' as const,
        title: a.title.trim().slice(0, 200),
        abstract: (a.abstract ?? '').trim().slice(0, 5000),
        keywords: usableKeywords(a.keywords),
        year: identity.years?.[i] ?? null,
      }))
      .filter((a) => a.title.length >= 2)
      .slice(0, MAX_ACHIEVEMENTS_PER_IMPORT),
  };
}
