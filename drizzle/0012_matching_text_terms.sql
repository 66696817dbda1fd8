-- Documents written in the jsonb form are dropped; matching re-creates every research team's document (live-index backfill).
DELETE FROM "match_documents";--> statement-breakpoint
ALTER TABLE "match_documents" ALTER COLUMN "chars" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "match_documents" ALTER COLUMN "words" SET DATA TYPE text;
