import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
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
import { contracts } from './contracts';
import { conversations } from './messaging';
import { industryField } from './needs';
import { enclaves, organizations } from './orgs';

/**
 * 项目落地 (SPEC §8): projects born in an incubator's enclave (科创飞地) and tracked until they produce in the
 * county. The lifecycles (project stage, gate submission) are the transition tables in server/landing/states.ts;
 * these tables only hold where each record is, and what happened when (stage entries, events).
 */

/**
 * `incubating` 异地研发孵化 → `accelerating` 新昌加速 → `industrializing` 新昌产业化 → `landed` 投产落地;
 * `paused` (resumable) and `exited` (final) carry a reason.
 */
export const landingStage = pgEnum('landing_stage', ['incubating', 'accelerating', 'industrializing', 'landed', 'paused', 'exited']);
/** A gate is named by the stage it leads into: `accelerating` is the gate incubating → accelerating. */
export const landingGate = pgEnum('landing_gate', ['accelerating', 'industrializing', 'landed']);
/**
 * `approved`: the incubator approved; for the last two gates the bureau must still sign off (`signed_off`).
 * `sent_back`: returned with reasons (by the incubator or the bureau); the team edits and submits again.
 */
export const landingGateStatus = pgEnum('landing_gate_status', ['draft', 'submitted', 'sent_back', 'approved', 'signed_off']);

/** How a checklist item is evidenced: uploaded documents, a number (with a unit), a 统一社会信用代码, or a statement. */
export type ChecklistEvidence = 'document' | 'number' | 'credit_code' | 'text';

/** One item of a gate's checklist. Default items' labels are translated by key; items the bureau adds carry their own label. */
export interface ChecklistItemSpec {
  key: string;
  label?: string;
  evidence: ChecklistEvidence;
  /** For numbers: 万元, 人, 台… (translated by key when it is one of the known units). */
  unit?: string;
  required: boolean;
}

export const landingProjects = pgTable(
  'landing_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The incubator (飞地运营方) that runs the enclave; it creates the project and reviews its gates. */
    incubatorOrgId: uuid('incubator_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    enclaveId: uuid('enclave_id')
      .notNull()
      .references(() => enclaves.id, { onDelete: 'restrict' }),
    /** Who owns the project and submits its gates: a research team or a company. */
    teamOrgId: uuid('team_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** The local enterprise taking the project up, when it is on the platform (a participant of the room). */
    enterpriseOrgId: uuid('enterprise_org_id').references(() => organizations.id, { onDelete: 'restrict' }),
    /** The industry field, as needs use it. */
    field: industryField('field').notNull(),
    /** 一级学科 codes (db/data/disciplines.json), as research teams declare them. */
    disciplineCodes: text('discipline_codes').array().notNull().default([]),
    description: text('description').notNull().default(''),
    /** 拟落地地点 in the county (a park, a street address). */
    plannedSite: text('planned_site').notNull().default(''),
    /** Targets at landing: investment and revenue in 万元 a year, employees. */
    targetInvestment: numeric('target_investment', { precision: 12, scale: 2 }),
    targetRevenue: numeric('target_revenue', { precision: 12, scale: 2 }),
    targetEmployees: integer('target_employees'),
    targetNote: text('target_note').notNull().default(''),
    /** Where the project is now (server/landing/states.ts). */
    stage: landingStage('stage').notNull().default('incubating'),
    /**
     * The furthest of the four progress stages reached; a paused project resumes into it, and an exited one
     * keeps it (the dashboard's funnel counts how far projects got).
     */
    reachedStage: landingStage('reached_stage').notNull().default('incubating'),
    /** When `stage` was entered (time in stage = now − this; history in landing_stage_entries). */
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull(),
    /** Why it was paused or exited (null while active). */
    stageReason: text('stage_reason'),
    /** The company registered in the county (from the first gate's checklist): name and 统一社会信用代码. */
    localCompanyName: text('local_company_name'),
    localCreditCode: text('local_credit_code'),
    /** The project's room (team, enterprise, incubator). */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('landing_projects_incubator_idx').on(t.incubatorOrgId, t.stage),
    index('landing_projects_enclave_idx').on(t.enclaveId),
    index('landing_projects_team_idx').on(t.teamOrgId),
    index('landing_projects_enterprise_idx').on(t.enterpriseOrgId),
    index('landing_projects_stage_idx').on(t.stage, t.field),
    check('landing_projects_reached_progress', sql`${t.reachedStage} in ('incubating', 'accelerating', 'industrializing', 'landed')`),
    check('landing_projects_team_not_incubator', sql`${t.teamOrgId} <> ${t.incubatorOrgId}`),
    check('landing_projects_targets_nonnegative', sql`coalesce(${t.targetInvestment}, 0) >= 0 and coalesce(${t.targetRevenue}, 0) >= 0 and coalesce(${t.targetEmployees}, 0) >= 0`),
  ],
);

/**
 * Every stage a project was in, from when to when: time in stage (median per stage on the dashboard) is
 * `left_at − entered_at`, or `now − entered_at` for the open row. Exactly one open row per project.
 */
export const landingStageEntries = pgTable(
  'landing_stage_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    stage: landingStage('stage').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Pause / exit reason, or the gate's note. */
    reason: text('reason'),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('landing_stage_entries_project_idx').on(t.projectId, t.enteredAt),
    index('landing_stage_entries_stage_idx').on(t.stage, t.enteredAt),
    uniqueIndex('landing_stage_entries_open_unique').on(t.projectId).where(sql`${t.leftAt} is null`),
  ],
);

/**
 * Checklist templates per gate, versioned: the bureau's edit adds a version. A gate not yet submitted follows
 * the newest version; a submission keeps the version it was submitted under.
 */
export const landingChecklistTemplates = pgTable(
  'landing_checklist_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gate: landingGate('gate').notNull(),
    version: integer('version').notNull(),
    items: jsonb('items').$type<ChecklistItemSpec[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('landing_checklist_templates_version_unique').on(t.gate, t.version)],
);

/** One row per project and gate; its attempts cycle draft → submitted → sent_back → submitted … → approved → signed_off. */
export const landingGateSubmissions = pgTable(
  'landing_gate_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    gate: landingGate('gate').notNull(),
    status: landingGateStatus('status').notNull().default('draft'),
    /** The template version: the newest while a draft, frozen at the first submission. */
    templateId: uuid('template_id')
      .notNull()
      .references(() => landingChecklistTemplates.id, { onDelete: 'restrict' }),
    /** 1 for the first submission, 2 after one send-back… */
    attempt: integer('attempt').notNull().default(0),
    note: text('note').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    /** The latest send-back: its reasons, who (incubator or bureau) and when. */
    sentBackAt: timestamp('sent_back_at', { withTimezone: true }),
    sentBackBy: uuid('sent_back_by').references(() => users.id, { onDelete: 'set null' }),
    sentBackByOrgId: uuid('sent_back_by_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    sendBackReason: text('send_back_reason'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
    signedOffBy: uuid('signed_off_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('landing_gate_submissions_gate_unique').on(t.projectId, t.gate),
    // Review queues: submitted gates for incubators, approved last gates for the bureau.
    index('landing_gate_submissions_status_idx').on(t.status, t.gate, t.submittedAt),
  ],
);

/** A checklist item's evidence in a gate submission (kept across attempts; the team edits it after a send-back). */
export const landingChecklistEntries = pgTable(
  'landing_checklist_entries',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => landingGateSubmissions.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    /** Documents: the team's own uploaded files (attachments.id, server/files). */
    attachmentIds: uuid('attachment_ids').array().notNull().default([]),
    numberValue: numeric('number_value', { precision: 14, scale: 2 }),
    /** 统一社会信用代码, check digit validated (server/orgs/credit-code.ts). */
    creditCode: text('credit_code'),
    text: text('text'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.itemKey] }),
    index('landing_checklist_entries_attachments_idx').using('gin', t.attachmentIds),
  ],
);

/** Contracts (技术合同) that belong to a project's story. */
export const landingProjectContracts = pgTable(
  'landing_project_contracts',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'restrict' }),
    linkedBy: uuid('linked_by').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.contractId] }), index('landing_project_contracts_contract_idx').on(t.contractId)],
);

/**
 * 季度 KPI: figures of one calendar quarter. Investment, revenue and tax are 万元 within the quarter; employees
 * at its end; patents filed / granted within it. `warnings` are the plausibility warnings the reporter
 * confirmed (server/landing/kpi.ts); an unconfirmed implausible report is never stored.
 */
export const landingKpiReports = pgTable(
  'landing_kpi_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    investment: numeric('investment', { precision: 12, scale: 2 }).notNull(),
    employees: integer('employees').notNull(),
    revenue: numeric('revenue', { precision: 12, scale: 2 }).notNull(),
    patentsFiled: integer('patents_filed').notNull(),
    patentsGranted: integer('patents_granted').notNull(),
    tax: numeric('tax', { precision: 12, scale: 2 }).notNull(),
    note: text('note').notNull().default(''),
    warnings: text('warnings').array().notNull().default([]),
    /** True when the reporter confirmed figures that raised warnings. */
    confirmed: boolean('confirmed').notNull().default(false),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('landing_kpi_reports_quarter_unique').on(t.projectId, t.year, t.quarter),
    index('landing_kpi_reports_period_idx').on(t.year, t.quarter),
    check('landing_kpi_reports_quarter_range', sql`${t.quarter} between 1 and 4`),
    check(
      'landing_kpi_reports_nonnegative',
      sql`${t.investment} >= 0 and ${t.employees} >= 0 and ${t.revenue} >= 0 and ${t.patentsFiled} >= 0 and ${t.patentsGranted} >= 0 and ${t.tax} >= 0`,
    ),
  ],
);

/** A quarter's KPI reminder was sent for a project (the reminder job inserts here first: once per quarter). */
export const landingKpiReminders = pgTable(
  'landing_kpi_reminders',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year, t.quarter] })],
);

export const landingTasks = pgTable(
  'landing_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The person responsible: a member of one of the project's organisations. */
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('landing_tasks_project_idx').on(t.projectId, t.dueDate), index('landing_tasks_owner_idx').on(t.ownerUserId, t.doneAt)],
);

/**
 * The project's timeline: every event (created, gate submitted / sent back / approved / signed off, stage
 * entered, paused, resumed, exited, KPI reported, contract linked, task added / done…), in order.
 */
export const landingProjectEvents = pgTable(
  'landing_project_events',
  {
    /** Orders events of the same instant (a gate approval and the stage it opens). */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => landingProjects.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorOrgId: uuid('actor_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    gate: landingGate('gate'),
    fromStage: landingStage('from_stage'),
    toStage: landingStage('to_stage'),
    reason: text('reason'),
    /** What the event's translated text needs (a KPI quarter, a task title, a contract subject…). */
    data: jsonb('data').$type<Record<string, string | number | null>>().notNull().default({}),
  },
  (t) => [index('landing_project_events_project_idx').on(t.projectId, t.at)],
);
