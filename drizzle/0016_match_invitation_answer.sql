ALTER TABLE "match_invitations" ADD COLUMN "answer" text;--> statement-breakpoint
ALTER TABLE "match_invitations" ADD COLUMN "answered_at" timestamp with time zone;