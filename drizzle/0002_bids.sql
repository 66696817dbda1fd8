CREATE TYPE "public"."bid_feedback_code" AS ENUM('budget', 'approach', 'timing', 'capability', 'other');--> statement-breakpoint
CREATE TYPE "public"."bid_status" AS ENUM('draft', 'submitted', 'revised', 'withdrawn', 'awarded', 'not_awarded');--> statement-breakpoint
CREATE TYPE "public"."coi_status" AS ENUM('pending', 'none', 'conflict');--> statement-breakpoint
CREATE TABLE "bid_feedback" (
	"bid_id" uuid PRIMARY KEY NOT NULL,
	"code" "bid_feedback_code" NOT NULL,
	"text" text NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bid_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bid_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"approach" text NOT NULL,
	"milestones" jsonb NOT NULL,
	"price" numeric(12, 2) NOT NULL,
	"team_members" jsonb NOT NULL,
	"achievement_ids" uuid[] DEFAULT '{}' NOT NULL,
	"attachment_ids" uuid[] DEFAULT '{}' NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "bid_revisions_price_positive" CHECK ("bid_revisions"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "bid_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invitation_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric(6, 2) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" "bid_status" DEFAULT 'draft' NOT NULL,
	"current_revision_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"invited_by" uuid,
	"invited_at" timestamp with time zone NOT NULL,
	"coi_status" "coi_status" DEFAULT 'pending' NOT NULL,
	"coi_text" text,
	"coi_declared_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bid_feedback" ADD CONSTRAINT "bid_feedback_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_feedback" ADD CONSTRAINT "bid_feedback_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_revisions" ADD CONSTRAINT "bid_revisions_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_revisions" ADD CONSTRAINT "bid_revisions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_invitation_id_review_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."review_invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_scores" ADD CONSTRAINT "bid_scores_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_current_revision_id_bid_revisions_id_fk" FOREIGN KEY ("current_revision_id") REFERENCES "public"."bid_revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bid_revisions_number_unique" ON "bid_revisions" USING btree ("bid_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "bid_scores_invitation_bid_unique" ON "bid_scores" USING btree ("invitation_id","bid_id");--> statement-breakpoint
CREATE INDEX "bid_scores_need_idx" ON "bid_scores" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_need_org_unique" ON "bids" USING btree ("need_id","org_id");--> statement-breakpoint
CREATE INDEX "bids_need_status_idx" ON "bids" USING btree ("need_id","status");--> statement-breakpoint
CREATE INDEX "bids_org_updated_idx" ON "bids" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_invitations_need_reviewer_unique" ON "review_invitations" USING btree ("need_id","reviewer_user_id");--> statement-breakpoint
CREATE INDEX "review_invitations_reviewer_idx" ON "review_invitations" USING btree ("reviewer_user_id","invited_at");