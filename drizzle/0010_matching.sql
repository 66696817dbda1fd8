CREATE SEQUENCE "public"."match_documents_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "match_documents" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT nextval('match_documents_seq') NOT NULL,
	"disciplines" text[] NOT NULL,
	"chars" jsonb NOT NULL,
	"words" jsonb NOT NULL,
	"char_length" integer NOT NULL,
	"word_length" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"team_org_id" uuid NOT NULL,
	"invited_by" uuid,
	"score" real,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_documents" ADD CONSTRAINT "match_documents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_invitations" ADD CONSTRAINT "match_invitations_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_invitations" ADD CONSTRAINT "match_invitations_team_org_id_organizations_id_fk" FOREIGN KEY ("team_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_invitations" ADD CONSTRAINT "match_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_documents_seq_idx" ON "match_documents" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "match_invitations_unique" ON "match_invitations" USING btree ("need_id","team_org_id");--> statement-breakpoint
CREATE INDEX "match_invitations_team_idx" ON "match_invitations" USING btree ("team_org_id","created_at");