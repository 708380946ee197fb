CREATE TABLE "antidisc_case_files" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"grounds" text[] NOT NULL,
	"intersectional" boolean DEFAULT false NOT NULL,
	"domain" text,
	"agg_covered" text,
	"forms" text[] NOT NULL,
	"level" text,
	"actor_kind" text,
	"deadline_from" date NOT NULL,
	"outcome" text,
	"client_assessment" text,
	"facts_sealed" text,
	"consequences_sealed" text,
	"goal_sealed" text,
	"notes_sealed" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antidisc_interventions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"note_sealed" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antidisc_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"from_centre_id" uuid NOT NULL,
	"to_centre_id" uuid NOT NULL,
	"consent" text NOT NULL,
	"consent_on" date NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "antidisc_reports" ALTER COLUMN "key_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ALTER COLUMN "data_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ALTER COLUMN "narrative_sealed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ALTER COLUMN "receipt_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ADD COLUMN "expiry_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "antidisc_case_files" ADD CONSTRAINT "antidisc_case_files_report_id_antidisc_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antidisc_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_interventions" ADD CONSTRAINT "antidisc_interventions_report_id_antidisc_case_files_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antidisc_case_files"("report_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_interventions" ADD CONSTRAINT "antidisc_interventions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_referrals" ADD CONSTRAINT "antidisc_referrals_report_id_antidisc_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antidisc_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_referrals" ADD CONSTRAINT "antidisc_referrals_from_centre_id_antidisc_centres_organisation_id_fk" FOREIGN KEY ("from_centre_id") REFERENCES "public"."antidisc_centres"("organisation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_referrals" ADD CONSTRAINT "antidisc_referrals_to_centre_id_antidisc_centres_organisation_id_fk" FOREIGN KEY ("to_centre_id") REFERENCES "public"."antidisc_centres"("organisation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_referrals" ADD CONSTRAINT "antidisc_referrals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antidisc_interventions_report_idx" ON "antidisc_interventions" USING btree ("report_id","on");--> statement-breakpoint
CREATE INDEX "antidisc_referrals_report_idx" ON "antidisc_referrals" USING btree ("report_id","created_at");