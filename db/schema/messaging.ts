import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { contracts } from './contracts';
import { needs } from './needs';
import { organizations } from './orgs';

/**
 * 在线沟通 (SPEC §7). A conversation is between organisations: every member of a participant organisation
 * sees it. Kinds: direct (org ↔ org), need_qa (答疑: the asking team and the need's owner, SPEC §2),
 * contract (its two parties), landing_project (team, enterprise, incubator; created by the landing flow).
 */
export const conversationKind = pgEnum('conversation_kind', ['direct', 'need_qa', 'contract', 'landing_project']);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: conversationKind('kind').notNull(),
    /**
     * What makes the conversation unique, so creating it twice (two tabs, a retry) finds the same one:
     * `direct:<orgA>:<orgB>` (ids sorted), `need_qa:<needId>:<teamOrgId>`, `contract:<id>`, `landing_project:<id>`.
     */
    key: text('key').notNull(),
    needId: uuid('need_id').references(() => needs.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'cascade' }),
    /** The landing project (issue to come); no foreign key until its table exists. */
    landingProjectId: uuid('landing_project_id'),
    /**
     * The last sequence number given. A message takes `last_seq + 1` in an UPDATE of this row, inside the
     * transaction that stores it: the row lock orders concurrent senders, so seq has no gap and no twin.
     */
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('conversations_key_unique').on(t.key), index('conversations_need_idx').on(t.needId)],
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** need_qa: 'asker' | 'owner'; contract: 'client' | 'provider'; direct: 'party'. */
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.orgId] }), index('conversation_participants_org_idx').on(t.orgId)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Made by the sending client; sending the same one again returns the stored message (idempotent retry). */
    clientId: uuid('client_id').notNull(),
    seq: integer('seq').notNull(),
    senderUserId: uuid('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    senderOrgId: uuid('sender_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Markdown subset, stored as typed; rendered as text elements, never as HTML. Emptied on withdrawal. */
    body: text('body').notNull(),
    attachmentIds: uuid('attachment_ids').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** 已撤回: the sender withdrew it; the others see the marker, not the text. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_client_id_unique').on(t.conversationId, t.clientId),
    uniqueIndex('messages_seq_unique').on(t.conversationId, t.seq),
    check('messages_seq_positive', sql`${t.seq} > 0`),
  ],
);

/** Per user and conversation: how far they have read (unread = last_seq − last_read_seq) and the notification throttle. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    /** The seq a 'message.new' notification was last sent for: no second one until the user has read past it. */
    notifiedSeq: integer('notified_seq'),
    /**
     * The seq an email digest last listed: no second email until the user has read past it (one email per
     * unread stretch, server/messaging/digest.ts).
     */
    digestedSeq: integer('digested_seq'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_reads_user_idx').on(t.userId)],
);

/** A message reported to the bureau (举报). The bureau reads the reported message and resolves the report. */
export const messageReports = pgTable(
  'message_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    reporterUserId: uuid('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reporterOrgId: uuid('reporter_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** The reported text as it was when reported (the sender may still edit or withdraw it). */
    bodySnapshot: text('body_snapshot').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('message_reports_once').on(t.messageId, t.reporterOrgId), index('message_reports_open_idx').on(t.resolvedAt)],
);

/**
 * 澄清: an answer the need's owner published to everyone who can see the need. It holds the question as the
 * owner chose to word it and the answer — never the asking team (SPEC §2).
 */
export const needClarifications = pgTable(
  'need_clarifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('need_clarifications_need_idx').on(t.needId, t.createdAt)],
);
