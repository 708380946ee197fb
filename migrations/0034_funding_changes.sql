CREATE TABLE "funding_change_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"change_request_id" uuid,
	"notification_id" uuid,
	"file_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_change_files_one_owner" CHECK (("funding_change_files"."change_request_id" is null) <> ("funding_change_files"."notification_id" is null))
);
--> statement-breakpoint
CREATE TABLE "funding_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reason" text NOT NULL,
	"new_period_start" date,
	"new_period_end" date,
	"new_costs" jsonb,
	"new_purpose" text,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"amendment_id" uuid,
	CONSTRAINT "funding_change_requests_content" CHECK (("funding_change_requests"."kind" = 'period' and "funding_change_requests"."new_period_start" is not null and "funding_change_requests"."new_period_end" >= "funding_change_requests"."new_period_start")
        or ("funding_change_requests"."kind" = 'costs' and "funding_change_requests"."new_costs" is not null)
        or ("funding_change_requests"."kind" = 'purpose' and "funding_change_requests"."new_purpose" is not null)),
	CONSTRAINT "funding_change_requests_decided" CHECK (("funding_change_requests"."status" = 'submitted') = ("funding_change_requests"."decided_at" is null)),
	CONSTRAINT "funding_change_requests_accepted" CHECK (("funding_change_requests"."status" = 'accepted') = ("funding_change_requests"."amendment_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "funding_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"details" text NOT NULL,
	"amount_cents" bigint,
	"consequence" text NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"handling_note" text,
	CONSTRAINT "funding_notifications_amount" CHECK ("funding_notifications"."amount_cents" is null or "funding_notifications"."amount_cents" > 0),
	CONSTRAINT "funding_notifications_handled" CHECK (("funding_notifications"."handled_at" is null) = ("funding_notifications"."handled_by" is null))
);
--> statement-breakpoint
CREATE TABLE "funding_sub_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_cents" bigint,
	"report" text,
	"proof_by" uuid,
	"proof_at" timestamp with time zone,
	CONSTRAINT "funding_sub_grants_positive" CHECK ("funding_sub_grants"."amount_cents" > 0),
	CONSTRAINT "funding_sub_grants_proof" CHECK (("funding_sub_grants"."used_cents" is null) = ("funding_sub_grants"."proof_at" is null) and ("funding_sub_grants"."used_cents" is null) = ("funding_sub_grants"."report" is null)),
	CONSTRAINT "funding_sub_grants_used_within" CHECK ("funding_sub_grants"."used_cents" is null or ("funding_sub_grants"."used_cents" >= 0 and "funding_sub_grants"."used_cents" <= "funding_sub_grants"."amount_cents"))
);
--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD COLUMN "change_request_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD COLUMN "old_costs" jsonb;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD COLUMN "new_costs" jsonb;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD COLUMN "old_purpose" text;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD COLUMN "new_purpose" text;--> statement-breakpoint
ALTER TABLE "funding_change_files" ADD CONSTRAINT "funding_change_files_change_request_id_funding_change_requests_id_fk" FOREIGN KEY ("change_request_id") REFERENCES "public"."funding_change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_change_files" ADD CONSTRAINT "funding_change_files_notification_id_funding_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."funding_notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_change_files" ADD CONSTRAINT "funding_change_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_change_requests" ADD CONSTRAINT "funding_change_requests_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_change_requests" ADD CONSTRAINT "funding_change_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_change_requests" ADD CONSTRAINT "funding_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_change_requests" ADD CONSTRAINT "funding_change_requests_amendment_id_funding_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."funding_amendments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notifications" ADD CONSTRAINT "funding_notifications_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notifications" ADD CONSTRAINT "funding_notifications_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notifications" ADD CONSTRAINT "funding_notifications_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sub_grants" ADD CONSTRAINT "funding_sub_grants_parent_application_id_funding_applications_id_fk" FOREIGN KEY ("parent_application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sub_grants" ADD CONSTRAINT "funding_sub_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sub_grants" ADD CONSTRAINT "funding_sub_grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sub_grants" ADD CONSTRAINT "funding_sub_grants_proof_by_users_id_fk" FOREIGN KEY ("proof_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_change_files_request_idx" ON "funding_change_files" USING btree ("change_request_id");--> statement-breakpoint
CREATE INDEX "funding_change_files_notification_idx" ON "funding_change_files" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "funding_change_files_file_idx" ON "funding_change_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "funding_change_requests_application_idx" ON "funding_change_requests" USING btree ("application_id","submitted_at");--> statement-breakpoint
CREATE INDEX "funding_change_requests_status_idx" ON "funding_change_requests" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_change_requests_one_open_idx" ON "funding_change_requests" USING btree ("application_id") WHERE "funding_change_requests"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "funding_notifications_application_idx" ON "funding_notifications" USING btree ("application_id","reported_at");--> statement-breakpoint
CREATE INDEX "funding_notifications_open_idx" ON "funding_notifications" USING btree ("reported_at") WHERE "funding_notifications"."handled_at" is null;--> statement-breakpoint
CREATE INDEX "funding_sub_grants_parent_idx" ON "funding_sub_grants" USING btree ("parent_application_id","year");--> statement-breakpoint
CREATE INDEX "funding_payments_released_idx" ON "funding_payments" USING btree ("status","released_at");