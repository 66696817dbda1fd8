import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { bids } from './bids';
import { attachments, needs } from './needs';
import { organizations } from './orgs';

/**
 * 技术合同 and what hangs off them (SPEC §4). The lifecycles (contract, milestone, dispute) are the
 * transition tables in server/contracts/states.ts; these tables only hold where each record is.
 */

/**
 * `stage_closed`: closed at a 赛马制 stage gate — a normal end that counts as delivered, not a failure.
 * `disputed`: a dispute (or an escalated milestone) waits for the bureau's ruling.
 */
export const contractStatus = pgEnum('contract_status', ['active', 'disputed', 'completed', 'terminated', 'stage_closed']);
/** `lump_sum` 包干制: one sum, accepted on its final results (a single milestone). */
export const fundingMode = pgEnum('funding_mode', ['milestone', 'lump_sum']);
/** The contract types of 技术合同认定登记: 技术开发 / 技术转让 / 技术许可 / 技术咨询 / 技术服务. */
export const contractType = pgEnum('contract_type', ['development', 'transfer', 'licensing', 'consulting', 'service']);
export const milestoneStatus = pgEnum('milestone_status', ['pending', 'submitted', 'rejected', 'escalated', 'accepted', 'paid']);
export const disputeStatus = pgEnum('dispute_status', ['open', 'ruled']);
/** An escalation is a team's complaint that a submitted milestone went unanswered for 14 days. */
export const disputeKind = pgEnum('dispute_kind', ['dispute', 'escalation']);
/** Which party of a contract: the need's owner (甲方) or the research team (乙方). */
export const contractSide = pgEnum('contract_side', ['client', 'provider']);
/** Whom a ruling goes against (credit evidence later); `neither` when the bureau finds no fault. */
export const rulingAgainst = pgEnum('ruling_against', ['client', 'provider', 'neither']);
export const rulingOutcome = pgEnum('ruling_outcome', ['continue', 'terminate']);
/** What a ruling decides about the disputed milestone, when the dispute names one. */
export const rulingMilestoneDecision = pgEnum('ruling_milestone_decision', ['accept', 'reject']);

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'restrict' }),
    /** The awarded bid (server/bids); one contract per awarded bid. */
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id, { onDelete: 'restrict' }),
    /** 甲方: the need's owner (enterprise, incubator, or the bureau for its 揭榜挂帅 lists). */
    clientOrgId: uuid('client_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** 乙方: the research team (whose host institution signs, SPEC §1). */
    providerOrgId: uuid('provider_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** 项目名称 of the registration: the need's title at award time. */
    subject: text('subject').notNull(),
    contractType: contractType('contract_type').notNull().default('development'),
    fundingMode: fundingMode('funding_mode').notNull().default('milestone'),
    /** 合同金额, 万元: the bid's price. */
    value: numeric('value', { precision: 12, scale: 2 }).notNull(),
    status: contractStatus('status').notNull().default('active'),
    /** Signed at award: the award is the signature on the platform. */
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    startDate: date('start_date').notNull(),
    /** The last milestone's due date. */
    endDate: date('end_date').notNull(),
    /** When the contract reached completed / stage_closed / terminated (ratings open from here). */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Why it was closed (stage gate note, or the ruling that terminated it). */
    endReason: text('end_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('contracts_bid_unique').on(t.bidId),
    index('contracts_need_idx').on(t.needId),
    index('contracts_client_idx').on(t.clientOrgId, t.status),
    index('contracts_provider_idx').on(t.providerOrgId, t.status),
    // transactionVolume sums values by signing month.
    index('contracts_signed_idx').on(t.signedAt),
    check('contracts_value_positive', sql`${t.value} > 0`),
    check('contracts_parties_differ', sql`${t.clientOrgId} <> ${t.providerOrgId}`),
  ],
);

export const contractMilestones = pgTable(
  'contract_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… in the order of the bid. */
    seq: integer('seq').notNull(),
    deliverable: text('deliverable').notNull(),
    dueDate: date('due_date').notNull(),
    /** 万元. */
    amount: numeric('amount', { precision: 12, scale: 2 }).notNull(),
    status: milestoneStatus('status').notNull().default('pending'),
    /** The latest submission (the 14-day answer window runs from here). */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Acceptance makes the amount due. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('contract_milestones_seq_unique').on(t.contractId, t.seq),
    // The inbox: submitted milestones waiting for owners, and escalation windows.
    index('contract_milestones_status_idx').on(t.status, t.submittedAt),
    check('contract_milestones_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** One submission of a milestone's deliverable; a rejected milestone is resubmitted as a new row. */
export const contractDeliveries = pgTable(
  'contract_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => contractMilestones.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** 1 for the first submission, 2 for the first resubmission… */
    attempt: integer('attempt').notNull(),
    note: text('note').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** The owner's (or, on an escalation, the bureau's) answer to this submission. */
    decision: text('decision', { enum: ['accepted', 'rejected'] }),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('contract_deliveries_attempt_unique').on(t.milestoneId, t.attempt), index('contract_deliveries_contract_idx').on(t.contractId)],
);

/** The team's files of a delivery (uploaded by the team's organisation; readable by both parties and the bureau). */
export const contractDeliveryFiles = pgTable(
  'contract_delivery_files',
  {
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => contractDeliveries.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attachmentId] }), index('contract_delivery_files_attachment_idx').on(t.attachmentId)],
);

/** A payment recorded by the client for an accepted milestone (no gateway: a record of what was paid). */
export const contractPayments = pgTable(
  'contract_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => contractMilestones.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** 万元. */
    amount: numeric('amount', { precision: 12, scale: 2 }).notNull(),
    /** The date the money was paid, as the client states it. */
    paidOn: date('paid_on').notNull(),
    /** Bank reference or voucher number, optional. */
    reference: text('reference'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('contract_payments_milestone_unique').on(t.milestoneId), index('contract_payments_contract_idx').on(t.contractId)],
);

export const contractDisputes = pgTable(
  'contract_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** The milestone the dispute is about, if any (always set for an escalation). */
    milestoneId: uuid('milestone_id').references(() => contractMilestones.id, { onDelete: 'cascade' }),
    kind: disputeKind('kind').notNull(),
    status: disputeStatus('status').notNull().default('open'),
    raisedBySide: contractSide('raised_by_side').notNull(),
    raisedByOrgId: uuid('raised_by_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    raisedBy: uuid('raised_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    rulingReason: text('ruling_reason'),
    rulingAgainst: rulingAgainst('ruling_against'),
    rulingOutcome: rulingOutcome('ruling_outcome'),
    rulingMilestoneDecision: rulingMilestoneDecision('ruling_milestone_decision'),
    ruledByOrgId: uuid('ruled_by_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    ruledBy: uuid('ruled_by').references(() => users.id, { onDelete: 'set null' }),
    ruledAt: timestamp('ruled_at', { withTimezone: true }),
  },
  (t) => [
    index('contract_disputes_contract_idx').on(t.contractId, t.openedAt),
    // The bureau's queue of disputes to rule on.
    index('contract_disputes_status_idx').on(t.status, t.openedAt),
    // One open dispute per contract: the contract is `disputed` until it is ruled.
    uniqueIndex('contract_disputes_one_open').on(t.contractId).where(sql`status = 'open'`),
  ],
);

/**
 * Double-blind ratings: each side rates the other once, after the contract ends normally. A rating is shown
 * to the rated side only when both have rated or 14 days after the end (server/contracts/ratings.ts);
 * `wouldContractAgain` is never shown to the rated side at all (the credit model reads it).
 */
export const contractRatings = pgTable(
  'contract_ratings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    raterSide: contractSide('rater_side').notNull(),
    raterOrgId: uuid('rater_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ratedOrgId: uuid('rated_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ratedBy: uuid('rated_by').references(() => users.id, { onDelete: 'set null' }),
    quality: integer('quality').notNull(),
    timeliness: integer('timeliness').notNull(),
    communication: integer('communication').notNull(),
    /** 0–10, private to the rater's organisation and the credit model. */
    wouldContractAgain: integer('would_contract_again').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('contract_ratings_one_per_side').on(t.contractId, t.raterSide),
    index('contract_ratings_rated_idx').on(t.ratedOrgId, t.createdAt),
    check('contract_ratings_scores', sql`${t.quality} between 1 and 5 and ${t.timeliness} between 1 and 5 and ${t.communication} between 1 and 5`),
    check('contract_ratings_again', sql`${t.wouldContractAgain} between 0 and 10`),
  ],
);
