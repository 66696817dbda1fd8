import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { organizations } from './orgs';

/** Modes of SPEC §2: 常规需求, 揭榜挂帅, 赛马制. */
export const needMode = pgEnum('need_mode', ['open', 'jiebang', 'horse_race']);
/** The need lifecycle (server/needs/states.ts holds the transitions between these). */
export const needStatus = pgEnum('need_status', ['draft', 'published', 'closed', 'evaluating', 'awarded', 'completed', 'cancelled']);
/** The county's industry fields: 智能装备, 生物医药, 新材料, 电子信息, 茶产业与现代农业, 节能环保, 数字经济, 其他. */
export const industryField = pgEnum('industry_field', [
  'smart_equipment',
  'biomedicine',
  'new_materials',
  'electronics',
  'tea_agriculture',
  'energy_saving',
  'digital_economy',
  'other',
]);
/** 知识产权归属 of the results. */
export const ipTerms = pgEnum('ip_terms', ['enterprise', 'team', 'shared']);

/** One criterion of a need's rubric; weights of a rubric sum to 100 (checked in server/needs/inputs.ts). */
export interface RubricCriterion {
  key: string;
  /** Custom criteria carry their own label; the four default keys are translated. */
  label?: string;
  weight: number;
}

/** One eligibility rule (server/needs/eligibility.ts lists the kinds and how each is checked). */
export interface EligibilityRule {
  kind: string;
  [param: string]: unknown;
}

export const DEFAULT_RUBRIC: RubricCriterion[] = [
  { key: 'technical', weight: 40 },
  { key: 'team', weight: 20 },
  { key: 'price', weight: 20 },
  { key: 'credit', weight: 20 },
];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const needs = pgTable(
  'needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation that owns the need (an enterprise, an incubator, or the bureau for a 揭榜挂帅 list). */
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Who wrote it; null once the author's account is deleted (the organisation keeps the record). */
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    mode: needMode('mode').notNull(),
    status: needStatus('status').notNull().default('draft'),
    title: text('title').notNull(),
    /** What the public sees besides the title; with `anonymous` it must not name the enterprise. */
    summary: text('summary').notNull().default(''),
    /** Markdown. */
    description: text('description').notNull().default(''),
    anonymous: boolean('anonymous').notNull().default(false),
    industryField: industryField('industry_field').notNull(),
    /** National 一级学科 codes (db/data/disciplines.json). */
    disciplines: text('disciplines').array().notNull().default([]),
    keywords: text('keywords').array().notNull().default([]),
    expectedResults: text('expected_results').notNull().default(''),
    /** 万元. */
    budgetMin: numeric('budget_min', { precision: 12, scale: 2 }),
    budgetMax: numeric('budget_max', { precision: 12, scale: 2 }),
    /** 榜额 of a `jiebang` list, 万元. */
    bounty: numeric('bounty', { precision: 12, scale: 2 }),
    bidDeadline: timestamp('bid_deadline', { withTimezone: true }),
    deliveryMonths: integer('delivery_months'),
    ipTerms: ipTerms('ip_terms').notNull().default('enterprise'),
    rubric: jsonb('rubric').$type<RubricCriterion[]>().notNull().default(DEFAULT_RUBRIC),
    eligibility: jsonb('eligibility').$type<EligibilityRule[]>().notNull().default([]),
    /** How many bids are awarded: 1, or 2–3 in a `horse_race`. */
    awardCount: integer('award_count').notNull().default(1),
    /** Confidential annex: opens only after the NDA is accepted (or to the owner and the bureau). */
    annexText: text('annex_text').notNull().default(''),
    ndaText: text('nda_text').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    evaluationStartedAt: timestamp('evaluation_started_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /**
     * Search: the title (weight A) and keywords, summary and the start of the description (weight B),
     * segmented by jieba (server/search/segment.ts) and turned into a 'simple' tsvector in SQL when the
     * need is written (server/needs/needs.ts `searchColumns`). Only the vector is kept — the row stays
     * small enough to live inline, so ranking never fetches TOAST chunks.
     */
    searchVector: tsvector('search_vector').notNull().default(sql`''::tsvector`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('needs_owner_idx').on(t.ownerOrgId, t.updatedAt),
    // The deadline job's scan: published needs by deadline.
    index('needs_status_deadline_idx').on(t.status, t.bidDeadline),
    // Browsing and the search's candidate set: a status's needs, newest first.
    index('needs_status_published_idx').on(t.status, t.publishedAt),
    // fastupdate off: needs are written rarely and searched often, so each insert updates the GIN index
    // directly instead of queuing in a pending list that every search would scan until the next vacuum.
    index('needs_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    // The default search is over needs open for proposals (about one in seven): its own smaller index
    // spares it both the larger posting lists and a BitmapAnd with the status index.
    index('needs_search_open_idx').using('gin', t.searchVector).with({ fastupdate: false }).where(sql`${t.status} = 'published'`),
    index('needs_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')).with({ fastupdate: false }),
    check('needs_budget_order', sql`${t.budgetMin} is null or ${t.budgetMax} is null or ${t.budgetMin} <= ${t.budgetMax}`),
    check('needs_award_count', sql`${t.awardCount} between 1 and 3`),
  ],
);

/** 保密协议: a research team's acceptance of a need's NDA (one per need and organisation). */
export const needNdaAcceptances = pgTable(
  'need_nda_acceptances',
  {
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The NDA text as accepted, so a later edit cannot change what was agreed. */
    ndaText: text('nda_text').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('need_nda_acceptances_unique').on(t.needId, t.orgId)],
);

/** Every opening of a need's confidential annex by someone outside the owner: who and when, shown to the owner. */
export const needAnnexOpenings = pgTable(
  'need_annex_openings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Which file was opened, when the opening was a download of an annex attachment. */
    attachmentId: uuid('attachment_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('need_annex_openings_need_idx').on(t.needId, t.openedAt)],
);

/**
 * Uploaded files. The bytes live in the file store (server/files/storage.ts) under a random key; the
 * original name is for display only, and the content type is what the bytes are, not what the client said.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    needId: uuid('need_id').references(() => needs.id, { onDelete: 'cascade' }),
    /** Part of the need's confidential annex (opens only like the annex) rather than its public attachments. */
    confidential: boolean('confidential').notNull().default(false),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('attachments_storage_key_unique').on(t.storageKey), index('attachments_need_idx').on(t.needId)],
);
