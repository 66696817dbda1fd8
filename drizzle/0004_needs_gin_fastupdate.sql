DROP INDEX "needs_search_idx";--> statement-breakpoint
DROP INDEX "needs_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "needs_search_idx" ON "needs" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "needs_title_trgm_idx" ON "needs" USING gin ("title" gin_trgm_ops) WITH (fastupdate=false);