import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const orgKind = pgEnum('org_kind', ['enterprise', 'research_team', 'incubator', 'bureau']);
export const orgStatus = pgEnum('org_status', ['pending', 'verified', 'rejected']);
export const memberRole = pgEnum('member_role', ['owner', 'admin', 'member']);
export const achievementKind = pgEnum('achievement_kind', ['paper', 'patent', 'award', 'standard']);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: orgKind('kind').notNull(),
    name: text('name').notNull(),
    /** 统一社会信用代码: the organisation's own, or for a research team its host institution's (which signs contracts). */
    creditCode: text('credit_code').notNull(),
    /** Research teams only: the university or institute that hosts the team. */
    hostInstitution: text('host_institution'),
    status: orgStatus('status').notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    industryField: text('industry_field'),
    city: text('city'),
    description: text('description'),
    website: text('website'),
    /** Expertise keywords (research teams) or business keywords (enterprises). */
    keywords: text('keywords').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organizations_status_idx').on(t.status), index('organizations_kind_idx').on(t.kind)],
);

/** A user belongs to at most one organisation (SPEC §1). */
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('memberships_org_idx').on(t.orgId)],
);

/** Invitation links; only the SHA-256 of the token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    email: text('email'),
    role: memberRole('role').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('invitations_token_unique').on(t.tokenHash), index('invitations_org_idx').on(t.orgId)],
);

/** Research teams' disciplines from the national catalogue (db/data/disciplines.json), by 一级学科 code. */
export const orgDisciplines = pgTable(
  'org_disciplines',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    disciplineCode: text('discipline_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.disciplineCode] })],
);

/** 成果: papers, patents, awards, standards of a research team. */
export const achievements = pgTable(
  'achievements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: achievementKind('kind').notNull(),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    keywords: text('keywords').array().notNull().default([]),
    year: integer('year'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('achievements_org_idx').on(t.orgId)],
);

/** 科创飞地: an incubator's off-site bases (杭州, 上海, 深圳...). */
export const enclaves = pgTable(
  'enclaves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incubatorOrgId: uuid('incubator_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    city: text('city').notNull(),
    address: text('address'),
    capacity: integer('capacity'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enclaves_incubator_idx').on(t.incubatorOrgId)],
);
