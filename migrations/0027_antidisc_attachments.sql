CREATE TABLE "antidisc_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"name_sealed" text NOT NULL,
	"bytes_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "antidisc_attachments" ADD CONSTRAINT "antidisc_attachments_report_id_antidisc_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antidisc_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antidisc_attachments_report_idx" ON "antidisc_attachments" USING btree ("report_id","created_at");