-- Fuzzy title matching (needs_title_trgm_idx); PGlite loads the extension in db/client.ts, PostgreSQL ships it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."industry_field" AS ENUM('smart_equipment', 'biomedicine', 'new_materials', 'electronics', 'tea_agriculture', 'energy_saving', 'digital_economy', 'other');--> statement-breakpoint
CREATE TYPE "public"."ip_terms" AS ENUM('enterprise', 'team', 'shared');--> statement-breakpoint
CREATE TYPE "public"."need_mode" AS ENUM('open', 'jiebang', 'horse_race');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('draft', 'published', 'closed', 'evaluating', 'awarded', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"need_id" uuid,
	"confidential" boolean DEFAULT false NOT NULL,
	"storage_key" text NOT NULL,
	"original_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_annex_openings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "need_annex_openings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"need_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"attachment_id" uuid,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_nda_acceptances" (
	"need_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"nda_text" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"author_user_id" uuid,
	"mode" "need_mode" NOT NULL,
	"status" "need_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"industry_field" "industry_field" NOT NULL,
	"disciplines" text[] DEFAULT '{}' NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"expected_results" text DEFAULT '' NOT NULL,
	"budget_min" numeric(12, 2),
	"budget_max" numeric(12, 2),
	"bounty" numeric(12, 2),
	"bid_deadline" timestamp with time zone,
	"delivery_months" integer,
	"ip_terms" "ip_terms" DEFAULT 'enterprise' NOT NULL,
	"rubric" jsonb DEFAULT '[{"key":"technical","weight":40},{"key":"team","weight":20},{"key":"price","weight":20},{"key":"credit","weight":20}]'::jsonb NOT NULL,
	"eligibility" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"award_count" integer DEFAULT 1 NOT NULL,
	"annex_text" text DEFAULT '' NOT NULL,
	"nda_text" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"evaluation_started_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"search_title" text DEFAULT '' NOT NULL,
	"search_body" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, "search_title"), 'A') || setweight(to_tsvector('simple'::regconfig, "search_body"), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_budget_order" CHECK ("needs"."budget_min" is null or "needs"."budget_max" is null or "needs"."budget_min" <= "needs"."budget_max"),
	CONSTRAINT "needs_award_count" CHECK ("needs"."award_count" between 1 and 3)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_annex_openings" ADD CONSTRAINT "need_annex_openings_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_annex_openings" ADD CONSTRAINT "need_annex_openings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_annex_openings" ADD CONSTRAINT "need_annex_openings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_nda_acceptances" ADD CONSTRAINT "need_nda_acceptances_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_nda_acceptances" ADD CONSTRAINT "need_nda_acceptances_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_nda_acceptances" ADD CONSTRAINT "need_nda_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_storage_key_unique" ON "attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "attachments_need_idx" ON "attachments" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_annex_openings_need_idx" ON "need_annex_openings" USING btree ("need_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "need_nda_acceptances_unique" ON "need_nda_acceptances" USING btree ("need_id","org_id");--> statement-breakpoint
CREATE INDEX "needs_owner_idx" ON "needs" USING btree ("owner_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "needs_status_deadline_idx" ON "needs" USING btree ("status","bid_deadline");--> statement-breakpoint
CREATE INDEX "needs_published_idx" ON "needs" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "needs_search_idx" ON "needs" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "needs_title_trgm_idx" ON "needs" USING gin ("title" gin_trgm_ops);