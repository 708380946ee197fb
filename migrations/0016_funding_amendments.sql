CREATE TABLE "funding_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"based_on_version" integer NOT NULL,
	"old_amounts" jsonb NOT NULL,
	"new_amounts" jsonb NOT NULL,
	"old_period_start" date NOT NULL,
	"old_period_end" date NOT NULL,
	"new_period_start" date NOT NULL,
	"new_period_end" date NOT NULL,
	"old_special_conditions" text[] NOT NULL,
	"new_special_conditions" text[] NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reasons" text,
	"notice_version" integer,
	CONSTRAINT "funding_amendments_four_eyes" CHECK ("funding_amendments"."decided_by" is null or "funding_amendments"."decided_by" <> "funding_amendments"."proposed_by"),
	CONSTRAINT "funding_amendments_decided" CHECK (("funding_amendments"."status" = 'proposed') = ("funding_amendments"."decided_by" is null and "funding_amendments"."decided_at" is null)),
	CONSTRAINT "funding_amendments_notice" CHECK (("funding_amendments"."status" = 'approved') = ("funding_amendments"."notice_version" is not null)),
	CONSTRAINT "funding_amendments_period" CHECK ("funding_amendments"."new_period_end" >= "funding_amendments"."new_period_start")
);
--> statement-breakpoint
ALTER TABLE "funding_notices" ADD COLUMN "amends_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD CONSTRAINT "funding_amendments_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD CONSTRAINT "funding_amendments_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_amendments" ADD CONSTRAINT "funding_amendments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_amendments_application_idx" ON "funding_amendments" USING btree ("application_id","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_amendments_one_open_idx" ON "funding_amendments" USING btree ("application_id") WHERE "funding_amendments"."status" = 'proposed';--> statement-breakpoint
ALTER TABLE "funding_notices" ADD CONSTRAINT "funding_notices_amends_id_funding_notices_id_fk" FOREIGN KEY ("amends_id") REFERENCES "public"."funding_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notices" ADD CONSTRAINT "funding_notices_amends" CHECK (("funding_notices"."kind" = 'initial') = ("funding_notices"."amends_id" is null));