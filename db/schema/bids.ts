import { sql } from 'drizzle-orm';
import {
  check,
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { needs } from './needs';
import { organizations } from './orgs';

/**
 * 揭榜方案 (SPEC §3) and their review. The bid lifecycle lives in server/bids/states.ts; reviewer
 * invitations, conflict-of-interest declarations, scores and the award in server/reviews/.
 */

/**
 * `draft`: prepared by any member, seen by the team only. `submitted` / `revised`: in competition
 * (`revised` once a later revision replaced the first). `withdrawn`: taken back by the team (a discarded
 * draft too). `awarded` / `not_awarded`: decided at award.
 */
export const bidStatus = pgEnum('bid_status', ['draft', 'submitted', 'revised', 'withdrawn', 'awarded', 'not_awarded', 'need_cancelled']);
/** Coded feedback to an unsuccessful bid (未中标反馈): why it was not chosen. */
export const bidFeedbackCode = pgEnum('bid_feedback_code', ['budget', 'approach', 'timing', 'capability', 'other']);
/** 利益冲突声明 of an invited reviewer: not yet declared, no conflict, or a conflict (excluded). */
export const coiStatus = pgEnum('coi_status', ['pending', 'none', 'conflict']);

/** One proposed milestone: the amounts of a revision's milestones sum to its price. */
export interface BidMilestone {
  deliverable: string;
  /** Calendar date `YYYY-MM-DD`. */
  dueDate: string;
  /** 万元 as a decimal string with two places ("12.50"), like numeric columns. */
  amount: string;
}

export interface BidTeamMember {
  name: string;
  role: string;
}

export const bids = pgTable(
  'bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    /** The bidding research team. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: bidStatus('status').notNull().default('draft'),
    /** The revision in force: the draft being prepared, or the latest submitted one. */
    currentRevisionId: uuid('current_revision_id').references((): AnyPgColumn => bidRevisions.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** First submission (kept across later revisions). */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** When the award decided it (awarded or not). */
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // One bid per team per need (a withdrawn bid may be submitted again, it stays the same bid).
    uniqueIndex('bids_need_org_unique').on(t.needId, t.orgId),
    index('bids_need_status_idx').on(t.needId, t.status),
    index('bids_org_updated_idx').on(t.orgId, t.updatedAt),
  ],
);

/**
 * Every version of a bid's content, never changed once submitted (a draft's single revision is edited in
 * place until it is submitted). `number` counts from 1 per bid.
 */
export const bidRevisions = pgTable(
  'bid_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** Markdown. */
    approach: text('approach').notNull(),
    milestones: jsonb('milestones').$type<BidMilestone[]>().notNull(),
    /** 万元: the sum of the milestones' amounts (a draft may still be empty: 0). */
    price: numeric('price', { precision: 12, scale: 2 }).notNull(),
    teamMembers: jsonb('team_members').$type<BidTeamMember[]>().notNull(),
    /** The team's own 成果 (achievements.id) it cites. */
    achievementIds: uuid('achievement_ids').array().notNull().default([]),
    /** The team's own uploaded files (attachments.id, not attached to a need). */
    attachmentIds: uuid('attachment_ids').array().notNull().default([]),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** null while the revision is a draft. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bid_revisions_number_unique').on(t.bidId, t.number),
    // Downloading a bid's file asks which revisions cite it (server/bids/access.ts canReadBidAttachment).
    index('bid_revisions_attachments_idx').using('gin', t.attachmentIds),
    check('bid_revisions_price_positive', sql`${t.submittedAt} is null or ${t.price} > 0`),
  ],
);

/** The owner's coded feedback to a bid that is not awarded; the team sees it once the award is made. */
export const bidFeedback = pgTable('bid_feedback', {
  bidId: uuid('bid_id')
    .primaryKey()
    .references(() => bids.id, { onDelete: 'cascade' }),
  code: bidFeedbackCode('code').notNull(),
  text: text('text').notNull(),
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** 评审专家: a platform user the owner invited to review one need's bids. */
export const reviewInvitations = pgTable(
  'review_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    reviewerUserId: uuid('reviewer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    coiStatus: coiStatus('coi_status').notNull().default('pending'),
    /** What the conflict is, when there is one. */
    coiText: text('coi_text'),
    coiDeclaredAt: timestamp('coi_declared_at', { withTimezone: true }),
    /** Revoked invitations keep their row (and scores) for the record; neither counts any more. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('review_invitations_need_reviewer_unique').on(t.needId, t.reviewerUserId),
    index('review_invitations_reviewer_idx').on(t.reviewerUserId, t.invitedAt),
  ],
);

/**
 * One reviewer's score of one bid: each criterion of the need's rubric scored from 0 to its weight, so
 * `total` (their sum) runs from 0 to 100. Editable until the award.
 */
export const bidScores = pgTable(
  'bid_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => reviewInvitations.id, { onDelete: 'cascade' }),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    /** Criterion key → points (0 … the criterion's weight, one decimal). */
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: numeric('total', { precision: 6, scale: 2 }).notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('bid_scores_invitation_bid_unique').on(t.invitationId, t.bidId), index('bid_scores_need_idx').on(t.needId)],
);
