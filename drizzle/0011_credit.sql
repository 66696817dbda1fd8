CREATE TYPE "public"."credit_appeal_status" AS ENUM('open', 'upheld', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."credit_event_kind" AS ENUM('milestone', 'contract_ended', 'rating', 'dispute_ruled', 'qualification', 'integrity', 'responsiveness', 'appeal_ruled');--> statement-breakpoint
CREATE TYPE "public"."misconduct_report_status" AS ENUM('open', 'recorded', 'dismissed');--> statement-breakpoint
CREATE TABLE "credit_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"event_seq" integer NOT NULL,
	"reason" text NOT NULL,
	"status" "credit_appeal_status" DEFAULT 'open' NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"ruling_note" text,
	"ruled_by" uuid,
	"ruled_at" timestamp with time zone,
	"ruling_seq" integer
);
--> statement-breakpoint
CREATE TABLE "credit_calibrations" (
	"year" integer PRIMARY KEY NOT NULL,
	"priors" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"evidence_until" timestamp with time zone NOT NULL,
	"organisations" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" "credit_event_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"counterparty_org_id" uuid,
	"contract_id" uuid,
	"source" text,
	"data" jsonb NOT NULL,
	"recorded_by" uuid,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_heads" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" integer NOT NULL,
	"last_hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_scores" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"score" integer NOT NULL,
	"grade" text NOT NULL,
	"evidence_score" integer NOT NULL,
	"components" jsonb NOT NULL,
	"insufficient_history" boolean NOT NULL,
	"gated_until" date,
	"negative_listed_until" date,
	"capped_until" date,
	"explanation" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"ledger_seq" integer NOT NULL,
	"calibration_year" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "misconduct_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_org_id" uuid NOT NULL,
	"reporter_user_id" uuid,
	"reporter_org_id" uuid,
	"description" text NOT NULL,
	"evidence" text NOT NULL,
	"status" "misconduct_report_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"outcome_note" text,
	"integrity_seq" integer
);
--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_appeals" ADD CONSTRAINT "credit_appeals_ruled_by_users_id_fk" FOREIGN KEY ("ruled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_events" ADD CONSTRAINT "credit_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_heads" ADD CONSTRAINT "credit_heads_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_scores" ADD CONSTRAINT "credit_scores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "misconduct_reports" ADD CONSTRAINT "misconduct_reports_subject_org_id_organizations_id_fk" FOREIGN KEY ("subject_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "misconduct_reports" ADD CONSTRAINT "misconduct_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "misconduct_reports" ADD CONSTRAINT "misconduct_reports_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_appeals_org_idx" ON "credit_appeals" USING btree ("org_id","filed_at");--> statement-breakpoint
CREATE INDEX "credit_appeals_status_idx" ON "credit_appeals" USING btree ("status","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_appeals_one_open" ON "credit_appeals" USING btree ("org_id","event_seq") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "credit_events_org_seq_unique" ON "credit_events" USING btree ("org_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_events_org_source_unique" ON "credit_events" USING btree ("org_id","source");--> statement-breakpoint
CREATE INDEX "credit_events_counterparty_idx" ON "credit_events" USING btree ("counterparty_org_id","kind");--> statement-breakpoint
CREATE INDEX "credit_events_kind_idx" ON "credit_events" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE INDEX "credit_events_contract_idx" ON "credit_events" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "credit_scores_negative_idx" ON "credit_scores" USING btree ("negative_listed_until");--> statement-breakpoint
CREATE INDEX "credit_scores_gated_idx" ON "credit_scores" USING btree ("gated_until");--> statement-breakpoint
CREATE INDEX "misconduct_reports_status_idx" ON "misconduct_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "misconduct_reports_subject_idx" ON "misconduct_reports" USING btree ("subject_org_id");--> statement-breakpoint
-- The ledger is append-only: rows are never updated or deleted (the hash chain detects it if someone does anyway).
CREATE FUNCTION "credit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'credit_events is append-only'; END $$;--> statement-breakpoint
CREATE TRIGGER "credit_events_no_change" BEFORE UPDATE OR DELETE ON "credit_events" FOR EACH ROW EXECUTE FUNCTION "credit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "credit_events_no_truncate" BEFORE TRUNCATE ON "credit_events" FOR EACH STATEMENT EXECUTE FUNCTION "credit_events_append_only"();
