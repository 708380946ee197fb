CREATE TABLE "antidisc_identities" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"identity_sealed" text NOT NULL,
	"disclosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason_sealed" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "antidisc_spent_challenges" (
	"digest" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "antidisc_attachments" ADD COLUMN "author" text DEFAULT 'reporter' NOT NULL;--> statement-breakpoint
ALTER TABLE "antidisc_attachments" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "antidisc_centres" ADD COLUMN "services" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "antidisc_identities" ADD CONSTRAINT "antidisc_identities_report_id_antidisc_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antidisc_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_identities" ADD CONSTRAINT "antidisc_identities_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_identities" ADD CONSTRAINT "antidisc_identities_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antidisc_spent_challenges_expires_idx" ON "antidisc_spent_challenges" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "antidisc_attachments" ADD CONSTRAINT "antidisc_attachments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;