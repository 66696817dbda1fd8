CREATE TYPE "public"."landing_gate" AS ENUM('accelerating', 'industrializing', 'landed');--> statement-breakpoint
CREATE TYPE "public"."landing_gate_status" AS ENUM('draft', 'submitted', 'sent_back', 'approved', 'signed_off');--> statement-breakpoint
CREATE TYPE "public"."landing_stage" AS ENUM('incubating', 'accelerating', 'industrializing', 'landed', 'paused', 'exited');--> statement-breakpoint
CREATE TABLE "landing_checklist_entries" (
	"submission_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"attachment_ids" uuid[] DEFAULT '{}' NOT NULL,
	"number_value" numeric(14, 2),
	"credit_code" text,
	"text" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "landing_checklist_entries_submission_id_item_key_pk" PRIMARY KEY("submission_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "landing_checklist_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gate" "landing_gate" NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "landing_gate_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"gate" "landing_gate" NOT NULL,
	"status" "landing_gate_status" DEFAULT 'draft' NOT NULL,
	"template_id" uuid NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"sent_back_at" timestamp with time zone,
	"sent_back_by" uuid,
	"sent_back_by_org_id" uuid,
	"send_back_reason" text,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"signed_off_at" timestamp with time zone,
	"signed_off_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "landing_kpi_reminders" (
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "landing_kpi_reminders_project_id_year_quarter_pk" PRIMARY KEY("project_id","year","quarter")
);
--> statement-breakpoint
CREATE TABLE "landing_kpi_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"investment" numeric(12, 2) NOT NULL,
	"employees" integer NOT NULL,
	"revenue" numeric(12, 2) NOT NULL,
	"patents_filed" integer NOT NULL,
	"patents_granted" integer NOT NULL,
	"tax" numeric(12, 2) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"warnings" text[] DEFAULT '{}' NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "landing_kpi_reports_quarter_range" CHECK ("landing_kpi_reports"."quarter" between 1 and 4),
	CONSTRAINT "landing_kpi_reports_nonnegative" CHECK ("landing_kpi_reports"."investment" >= 0 and "landing_kpi_reports"."employees" >= 0 and "landing_kpi_reports"."revenue" >= 0 and "landing_kpi_reports"."patents_filed" >= 0 and "landing_kpi_reports"."patents_granted" >= 0 and "landing_kpi_reports"."tax" >= 0)
);
--> statement-breakpoint
CREATE TABLE "landing_project_contracts" (
	"project_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "landing_project_contracts_project_id_contract_id_pk" PRIMARY KEY("project_id","contract_id")
);
--> statement-breakpoint
CREATE TABLE "landing_project_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "landing_project_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"gate" "landing_gate",
	"from_stage" "landing_stage",
	"to_stage" "landing_stage",
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "landing_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"incubator_org_id" uuid NOT NULL,
	"enclave_id" uuid NOT NULL,
	"team_org_id" uuid NOT NULL,
	"enterprise_org_id" uuid,
	"field" "industry_field" NOT NULL,
	"discipline_codes" text[] DEFAULT '{}' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"planned_site" text DEFAULT '' NOT NULL,
	"target_investment" numeric(12, 2),
	"target_revenue" numeric(12, 2),
	"target_employees" integer,
	"target_note" text DEFAULT '' NOT NULL,
	"stage" "landing_stage" DEFAULT 'incubating' NOT NULL,
	"reached_stage" "landing_stage" DEFAULT 'incubating' NOT NULL,
	"stage_entered_at" timestamp with time zone NOT NULL,
	"stage_reason" text,
	"local_company_name" text,
	"local_credit_code" text,
	"conversation_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "landing_projects_reached_progress" CHECK ("landing_projects"."reached_stage" in ('incubating', 'accelerating', 'industrializing', 'landed')),
	CONSTRAINT "landing_projects_team_not_incubator" CHECK ("landing_projects"."team_org_id" <> "landing_projects"."incubator_org_id"),
	CONSTRAINT "landing_projects_targets_nonnegative" CHECK (coalesce("landing_projects"."target_investment", 0) >= 0 and coalesce("landing_projects"."target_revenue", 0) >= 0 and coalesce("landing_projects"."target_employees", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "landing_stage_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"stage" "landing_stage" NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"reason" text,
	"entered_by" uuid
);
--> statement-breakpoint
CREATE TABLE "landing_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" uuid,
	"due_date" date,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "landing_checklist_entries" ADD CONSTRAINT "landing_checklist_entries_submission_id_landing_gate_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."landing_gate_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_checklist_entries" ADD CONSTRAINT "landing_checklist_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_checklist_templates" ADD CONSTRAINT "landing_checklist_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_template_id_landing_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."landing_checklist_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_sent_back_by_users_id_fk" FOREIGN KEY ("sent_back_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_sent_back_by_org_id_organizations_id_fk" FOREIGN KEY ("sent_back_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_gate_submissions" ADD CONSTRAINT "landing_gate_submissions_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_kpi_reminders" ADD CONSTRAINT "landing_kpi_reminders_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_kpi_reports" ADD CONSTRAINT "landing_kpi_reports_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_kpi_reports" ADD CONSTRAINT "landing_kpi_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_project_contracts" ADD CONSTRAINT "landing_project_contracts_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_project_contracts" ADD CONSTRAINT "landing_project_contracts_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_project_contracts" ADD CONSTRAINT "landing_project_contracts_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_project_events" ADD CONSTRAINT "landing_project_events_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_project_events" ADD CONSTRAINT "landing_project_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_project_events" ADD CONSTRAINT "landing_project_events_actor_org_id_organizations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_projects" ADD CONSTRAINT "landing_projects_incubator_org_id_organizations_id_fk" FOREIGN KEY ("incubator_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_projects" ADD CONSTRAINT "landing_projects_enclave_id_enclaves_id_fk" FOREIGN KEY ("enclave_id") REFERENCES "public"."enclaves"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_projects" ADD CONSTRAINT "landing_projects_team_org_id_organizations_id_fk" FOREIGN KEY ("team_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_projects" ADD CONSTRAINT "landing_projects_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_projects" ADD CONSTRAINT "landing_projects_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_projects" ADD CONSTRAINT "landing_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_stage_entries" ADD CONSTRAINT "landing_stage_entries_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_stage_entries" ADD CONSTRAINT "landing_stage_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_tasks" ADD CONSTRAINT "landing_tasks_project_id_landing_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."landing_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_tasks" ADD CONSTRAINT "landing_tasks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_tasks" ADD CONSTRAINT "landing_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "landing_tasks" ADD CONSTRAINT "landing_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "landing_checklist_entries_attachments_idx" ON "landing_checklist_entries" USING gin ("attachment_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "landing_checklist_templates_version_unique" ON "landing_checklist_templates" USING btree ("gate","version");--> statement-breakpoint
CREATE UNIQUE INDEX "landing_gate_submissions_gate_unique" ON "landing_gate_submissions" USING btree ("project_id","gate");--> statement-breakpoint
CREATE INDEX "landing_gate_submissions_status_idx" ON "landing_gate_submissions" USING btree ("status","gate","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "landing_kpi_reports_quarter_unique" ON "landing_kpi_reports" USING btree ("project_id","year","quarter");--> statement-breakpoint
CREATE INDEX "landing_kpi_reports_period_idx" ON "landing_kpi_reports" USING btree ("year","quarter");--> statement-breakpoint
CREATE INDEX "landing_project_contracts_contract_idx" ON "landing_project_contracts" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "landing_project_events_project_idx" ON "landing_project_events" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "landing_projects_incubator_idx" ON "landing_projects" USING btree ("incubator_org_id","stage");--> statement-breakpoint
CREATE INDEX "landing_projects_enclave_idx" ON "landing_projects" USING btree ("enclave_id");--> statement-breakpoint
CREATE INDEX "landing_projects_team_idx" ON "landing_projects" USING btree ("team_org_id");--> statement-breakpoint
CREATE INDEX "landing_projects_enterprise_idx" ON "landing_projects" USING btree ("enterprise_org_id");--> statement-breakpoint
CREATE INDEX "landing_projects_stage_idx" ON "landing_projects" USING btree ("stage","field");--> statement-breakpoint
CREATE INDEX "landing_stage_entries_project_idx" ON "landing_stage_entries" USING btree ("project_id","entered_at");--> statement-breakpoint
CREATE INDEX "landing_stage_entries_stage_idx" ON "landing_stage_entries" USING btree ("stage","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "landing_stage_entries_open_unique" ON "landing_stage_entries" USING btree ("project_id") WHERE "landing_stage_entries"."left_at" is null;--> statement-breakpoint
CREATE INDEX "landing_tasks_project_idx" ON "landing_tasks" USING btree ("project_id","due_date");--> statement-breakpoint
CREATE INDEX "landing_tasks_owner_idx" ON "landing_tasks" USING btree ("owner_user_id","done_at");