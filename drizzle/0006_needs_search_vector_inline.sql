DROP INDEX "needs_published_idx";--> statement-breakpoint
ALTER TABLE "needs" ALTER COLUMN "search_vector" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "needs" ALTER COLUMN "search_vector" SET DEFAULT ''::tsvector;--> statement-breakpoint
-- Keep the vector inline (compressed if need be) rather than in TOAST: ranking reads it for every candidate.
ALTER TABLE "needs" ALTER COLUMN "search_vector" SET STORAGE MAIN;--> statement-breakpoint
CREATE INDEX "needs_status_published_idx" ON "needs" USING btree ("status","published_at");--> statement-breakpoint
ALTER TABLE "needs" DROP COLUMN "search_title";--> statement-breakpoint
ALTER TABLE "needs" DROP COLUMN "search_body";
