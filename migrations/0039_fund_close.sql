CREATE TABLE "funding_base_rates" (
	"valid_from" date PRIMARY KEY NOT NULL,
	"basis_points" integer NOT NULL,
	"source" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_base_rates_day" CHECK (extract(day from "funding_base_rates"."valid_from") = 1 and extract(month from "funding_base_rates"."valid_from") in (1, 7)),
	CONSTRAINT "funding_base_rates_range" CHECK ("funding_base_rates"."basis_points" between -1000 and 2000)
);
--> statement-breakpoint
ALTER TABLE "funding_closings" ADD COLUMN "hearing_due" date;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD COLUMN "hearing_answer" text;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD COLUMN "hearing_answer_by" uuid;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD COLUMN "hearing_answer_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD COLUMN "hearing_answer_file_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD COLUMN "hearing_answer_file_name" text;--> statement-breakpoint
ALTER TABLE "funding_base_rates" ADD CONSTRAINT "funding_base_rates_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD CONSTRAINT "funding_closings_hearing_answer_by_users_id_fk" FOREIGN KEY ("hearing_answer_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD CONSTRAINT "funding_closings_hearing_answer_file_id_stored_files_id_fk" FOREIGN KEY ("hearing_answer_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;