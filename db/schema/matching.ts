import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgSequence, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { needs } from './needs';
import { organizations } from './orgs';

/** Stamps every (re)written match document, so a process can load only what changed since it last looked. */
export const matchDocumentsSeq = pgSequence('match_documents_seq');

/**
 * 智能匹配's precomputed text statistics of a research team (server/matching/documents.ts): the term
 * frequencies of everything a need is matched against — name, expertise keywords, disciplines, 成果 and
 * past contracts — in two channels (Chinese characters and their bigrams; jieba words). Segmentation is the
 * expensive part of indexing, so it happens once, when the team's profile, achievements or contracts change;
 * the ranking process builds its inverted index from these rows and keeps it current by `seq`.
 */
export const matchDocuments = pgTable(
  'match_documents',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('match_documents_seq')`),
    /** The team's 一级学科 codes at the time the document was written. */
    disciplines: text('disciplines').array().notNull(),
    /**
     * Character unigrams and bigrams (Latin and digit runs as whole tokens) with their frequencies, as
     * "term count term count …" (terms never contain spaces). Plain text rather than jsonb: a 10,000-team
     * index loads several times faster from it (jsonb's object parsing dominated the build, measured).
     */
    chars: text('chars').notNull(),
    /** jieba search-mode words (server/search/segment.ts) with their frequencies, in the same form. */
    words: text('words').notNull(),
    charLength: integer('char_length').notNull(),
    wordLength: integer('word_length').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('match_documents_seq_idx').on(t.seq)],
);

/** A need owner's invitation to a matched team to bid (one per need and team). */
export const matchInvitations = pgTable(
  'match_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    teamOrgId: uuid('team_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    /** The match score (0–100) the owner saw when inviting. */
    score: real('score'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** How the team answered: it bid, or declined. The first answer counts (its responsiveness, server/credit). */
    answer: text('answer', { enum: ['bid', 'declined'] }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('match_invitations_unique').on(t.needId, t.teamOrgId), index('match_invitations_team_idx').on(t.teamOrgId, t.createdAt)],
);
