import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organizations } from './orgs';

/**
 * 产学研信用模型 (SPEC §5). The ledger is append-only and tamper-evident: every row's hash covers its own content
 * and the previous row's hash (server/credit/ledger.ts), and `credit_heads` keeps each organisation's last hash
 * and row count — also written to the audit log — so deleting the newest row is detectable too
 * (`npm run credit:verify`). Everything else here is derived from the ledger or is the bureau's casework.
 */

export const creditEventKind = pgEnum('credit_event_kind', [
  'milestone',
  'contract_ended',
  'rating',
  'dispute_ruled',
  'qualification',
  'integrity',
  'responsiveness',
  'appeal_ruled',
]);

export const creditEvents = pgTable(
  'credit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The organisation the event is about (whose ledger it is in). Never deleted with the organisation. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** 1, 2, 3… within the organisation's ledger. */
    seq: integer('seq').notNull(),
    kind: creditEventKind('kind').notNull(),
    /** When it happened (what decay counts from). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** The other organisation of a contract event (not a foreign key: the ledger outlives everything). */
    counterpartyOrgId: uuid('counterparty_org_id'),
    /** The contract of a contract event, for links from the report. */
    contractId: uuid('contract_id'),
    /** What in the platform produced the event (`milestone:<id>`, `rating:<id>` …): recorded once per organisation. */
    source: text('source'),
    /** The event itself (server/credit/events.ts `creditEventDataSchema`). */
    data: jsonb('data').notNull(),
    /** Who recorded it (the bureau's officer for integrity and qualification events); null for the system. */
    recordedBy: uuid('recorded_by'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('credit_events_org_seq_unique').on(t.orgId, t.seq),
    uniqueIndex('credit_events_org_source_unique').on(t.orgId, t.source),
    // Ratings an organisation gave (reciprocity) and counterparties' records.
    index('credit_events_counterparty_idx').on(t.counterpartyOrgId, t.kind),
    index('credit_events_kind_idx').on(t.kind, t.occurredAt),
    index('credit_events_contract_idx').on(t.contractId),
  ],
);

/** Each organisation's chain head: a deleted newest row leaves the head pointing past the end. */
export const creditHeads = pgTable('credit_heads', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'restrict' }),
  lastSeq: integer('last_seq').notNull(),
  lastHash: text('last_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The current score of each organisation, updated after every commit that appends to its ledger. */
export const creditScores = pgTable(
  'credit_scores',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    grade: text('grade', { enum: ['AAA', 'AA', 'A', 'B', 'C', 'D'] }).notNull(),
    /** The score the evidence alone gives, before integrity gates and caps. */
    evidenceScore: integer('evidence_score').notNull(),
    /** Per component: value, weight, prior, evidence, capped. */
    components: jsonb('components').notNull(),
    insufficientHistory: boolean('insufficient_history').notNull(),
    /** Serious misconduct or a negative-list entry in force until (exclusive): grade D, no bids, no matches. */
    gatedUntil: date('gated_until'),
    negativeListedUntil: date('negative_listed_until'),
    /** A minor integrity event caps the score until. */
    cappedUntil: date('capped_until'),
    /** The explanation: events that moved the score most, what would raise it, qualifications in force. */
    explanation: jsonb('explanation').notNull(),
    /** The moment the score is computed for (decay counts to it). */
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    /** The last ledger row the score includes: behind the head means stale. */
    ledgerSeq: integer('ledger_seq').notNull(),
    calibrationYear: integer('calibration_year').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('credit_scores_negative_idx').on(t.negativeListedUntil), index('credit_scores_gated_idx').on(t.gatedUntil)],
);

/** The yearly reset: the priors and weights scores are computed with during a year. */
export const creditCalibrations = pgTable('credit_calibrations', {
  year: integer('year').primaryKey(),
  priors: jsonb('priors').notNull(),
  weights: jsonb('weights').notNull(),
  /** Evidence up to this moment was used (the start of the year). */
  evidenceUntil: timestamp('evidence_until', { withTimezone: true }).notNull(),
  organisations: integer('organisations').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

export const creditAppealStatus = pgEnum('credit_appeal_status', ['open', 'upheld', 'reversed']);

/** An organisation's appeal against one of its ledger events; the bureau upholds or reverses it (信用修复). */
export const creditAppeals = pgTable(
  'credit_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    eventSeq: integer('event_seq').notNull(),
    reason: text('reason').notNull(),
    status: creditAppealStatus('status').notNull().default('open'),
    filedBy: uuid('filed_by').references(() => users.id, { onDelete: 'set null' }),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    rulingNote: text('ruling_note'),
    ruledBy: uuid('ruled_by').references(() => users.id, { onDelete: 'set null' }),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
    /** The `appeal_ruled` row the ruling appended to the ledger. */
    rulingSeq: integer('ruling_seq'),
  },
  (t) => [
    index('credit_appeals_org_idx').on(t.orgId, t.filedAt),
    index('credit_appeals_status_idx').on(t.status, t.filedAt),
    // One open appeal per event at a time.
    uniqueIndex('credit_appeals_one_open').on(t.orgId, t.eventSeq).where(sql`status = 'open'`),
  ],
);

export const misconductReportStatus = pgEnum('misconduct_report_status', ['open', 'recorded', 'dismissed']);

/**
 * 举报: anyone signed in reports suspected misconduct with evidence. Only the bureau ever reads who reported;
 * the bureau investigates and may record an integrity event.
 */
export const misconductReports = pgTable(
  'misconduct_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectOrgId: uuid('subject_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    reporterUserId: uuid('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reporterOrgId: uuid('reporter_org_id'),
    description: text('description').notNull(),
    /** What the reporter offers as evidence: documents, links, contract numbers. */
    evidence: text('evidence').notNull(),
    status: misconductReportStatus('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    handledBy: uuid('handled_by').references(() => users.id, { onDelete: 'set null' }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    outcomeNote: text('outcome_note'),
    /** The integrity event recorded on the report, if any. */
    integritySeq: integer('integrity_seq'),
  },
  (t) => [index('misconduct_reports_status_idx').on(t.status, t.createdAt), index('misconduct_reports_subject_idx').on(t.subjectOrgId)],
);
