CREATE TABLE "council_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"paper_id" uuid,
	"meeting_id" uuid,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"sha512" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "council_files_owner_ck" CHECK (("council_files"."paper_id" is null) <> ("council_files"."meeting_id" is null))
);
--> statement-breakpoint
ALTER TABLE "council_files" ADD CONSTRAINT "council_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_files" ADD CONSTRAINT "council_files_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_files" ADD CONSTRAINT "council_files_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_files" ADD CONSTRAINT "council_files_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "council_files_file_idx" ON "council_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "council_files_paper_idx" ON "council_files" USING btree ("paper_id");--> statement-breakpoint
CREATE INDEX "council_files_meeting_idx" ON "council_files" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "council_files_council_idx" ON "council_files" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_files_paper_main_idx" ON "council_files" USING btree ("paper_id") WHERE "council_files"."role" = 'main' and "council_files"."deleted_at" is null and "council_files"."paper_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "council_files_meeting_main_idx" ON "council_files" USING btree ("meeting_id") WHERE "council_files"."role" = 'main' and "council_files"."deleted_at" is null and "council_files"."meeting_id" is not null;