CREATE TYPE "public"."contract_side" AS ENUM('client', 'provider');--> statement-breakpoint
CREATE TYPE "public"."contract_status" AS ENUM('active', 'disputed', 'completed', 'terminated', 'stage_closed');--> statement-breakpoint
CREATE TYPE "public"."contract_type" AS ENUM('development', 'transfer', 'licensing', 'consulting', 'service');--> statement-breakpoint
CREATE TYPE "public"."dispute_kind" AS ENUM('dispute', 'escalation');--> statement-breakpoint
CREATE TYPE "public"."dispute_status" AS ENUM('open', 'ruled');--> statement-breakpoint
CREATE TYPE "public"."funding_mode" AS ENUM('milestone', 'lump_sum');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('pending', 'submitted', 'rejected', 'escalated', 'accepted', 'paid');--> statement-breakpoint
CREATE TYPE "public"."ruling_against" AS ENUM('client', 'provider', 'neither');--> statement-breakpoint
CREATE TYPE "public"."ruling_milestone_decision" AS ENUM('accept', 'reject');--> statement-breakpoint
CREATE TYPE "public"."ruling_outcome" AS ENUM('continue', 'terminate');--> statement-breakpoint
CREATE TABLE "contract_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"note" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contract_delivery_files" (
	"delivery_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	CONSTRAINT "contract_delivery_files_delivery_id_attachment_id_pk" PRIMARY KEY("delivery_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "contract_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"milestone_id" uuid,
	"kind" "dispute_kind" NOT NULL,
	"status" "dispute_status" DEFAULT 'open' NOT NULL,
	"raised_by_side" "contract_side" NOT NULL,
	"raised_by_org_id" uuid NOT NULL,
	"raised_by" uuid,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"ruling_reason" text,
	"ruling_against" "ruling_against",
	"ruling_outcome" "ruling_outcome",
	"ruling_milestone_decision" "ruling_milestone_decision",
	"ruled_by_org_id" uuid,
	"ruled_by" uuid,
	"ruled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contract_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"deliverable" text NOT NULL,
	"due_date" date NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"status" "milestone_status" DEFAULT 'pending' NOT NULL,
	"submitted_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	"escalated_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_milestones_amount_positive" CHECK ("contract_milestones"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "contract_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_ratings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contract_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contract_id" uuid NOT NULL,
	"rater_side" "contract_side" NOT NULL,
	"rater_org_id" uuid NOT NULL,
	"rated_org_id" uuid NOT NULL,
	"rated_by" uuid,
	"quality" integer NOT NULL,
	"timeliness" integer NOT NULL,
	"communication" integer NOT NULL,
	"would_contract_again" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_ratings_scores" CHECK ("contract_ratings"."quality" between 1 and 5 and "contract_ratings"."timeliness" between 1 and 5 and "contract_ratings"."communication" between 1 and 5),
	CONSTRAINT "contract_ratings_again" CHECK ("contract_ratings"."would_contract_again" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"client_org_id" uuid NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"contract_type" "contract_type" DEFAULT 'development' NOT NULL,
	"funding_mode" "funding_mode" DEFAULT 'milestone' NOT NULL,
	"value" numeric(12, 2) NOT NULL,
	"status" "contract_status" DEFAULT 'active' NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contracts_value_positive" CHECK ("contracts"."value" > 0),
	CONSTRAINT "contracts_parties_differ" CHECK ("contracts"."client_org_id" <> "contracts"."provider_org_id")
);
--> statement-breakpoint
ALTER TABLE "contract_deliveries" ADD CONSTRAINT "contract_deliveries_milestone_id_contract_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."contract_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_deliveries" ADD CONSTRAINT "contract_deliveries_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_deliveries" ADD CONSTRAINT "contract_deliveries_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_deliveries" ADD CONSTRAINT "contract_deliveries_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_delivery_files" ADD CONSTRAINT "contract_delivery_files_delivery_id_contract_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."contract_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_delivery_files" ADD CONSTRAINT "contract_delivery_files_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_disputes" ADD CONSTRAINT "contract_disputes_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_disputes" ADD CONSTRAINT "contract_disputes_milestone_id_contract_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."contract_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_disputes" ADD CONSTRAINT "contract_disputes_raised_by_org_id_organizations_id_fk" FOREIGN KEY ("raised_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_disputes" ADD CONSTRAINT "contract_disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_disputes" ADD CONSTRAINT "contract_disputes_ruled_by_org_id_organizations_id_fk" FOREIGN KEY ("ruled_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_disputes" ADD CONSTRAINT "contract_disputes_ruled_by_users_id_fk" FOREIGN KEY ("ruled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_milestones" ADD CONSTRAINT "contract_milestones_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_milestone_id_contract_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."contract_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_ratings" ADD CONSTRAINT "contract_ratings_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_ratings" ADD CONSTRAINT "contract_ratings_rater_org_id_organizations_id_fk" FOREIGN KEY ("rater_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_ratings" ADD CONSTRAINT "contract_ratings_rated_org_id_organizations_id_fk" FOREIGN KEY ("rated_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_ratings" ADD CONSTRAINT "contract_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_client_org_id_organizations_id_fk" FOREIGN KEY ("client_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_deliveries_attempt_unique" ON "contract_deliveries" USING btree ("milestone_id","attempt");--> statement-breakpoint
CREATE INDEX "contract_deliveries_contract_idx" ON "contract_deliveries" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_delivery_files_attachment_idx" ON "contract_delivery_files" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "contract_disputes_contract_idx" ON "contract_disputes" USING btree ("contract_id","opened_at");--> statement-breakpoint
CREATE INDEX "contract_disputes_status_idx" ON "contract_disputes" USING btree ("status","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_disputes_one_open" ON "contract_disputes" USING btree ("contract_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "contract_milestones_seq_unique" ON "contract_milestones" USING btree ("contract_id","seq");--> statement-breakpoint
CREATE INDEX "contract_milestones_status_idx" ON "contract_milestones" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_payments_milestone_unique" ON "contract_payments" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "contract_payments_contract_idx" ON "contract_payments" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_ratings_one_per_side" ON "contract_ratings" USING btree ("contract_id","rater_side");--> statement-breakpoint
CREATE INDEX "contract_ratings_rated_idx" ON "contract_ratings" USING btree ("rated_org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_bid_unique" ON "contracts" USING btree ("bid_id");--> statement-breakpoint
CREATE INDEX "contracts_need_idx" ON "contracts" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "contracts_client_idx" ON "contracts" USING btree ("client_org_id","status");--> statement-breakpoint
CREATE INDEX "contracts_provider_idx" ON "contracts" USING btree ("provider_org_id","status");--> statement-breakpoint
CREATE INDEX "contracts_signed_idx" ON "contracts" USING btree ("signed_at");