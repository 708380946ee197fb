CREATE TABLE "funding_closings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"proof_id" uuid NOT NULL,
	"final_grant_cents" bigint NOT NULL,
	"repayment_cents" bigint NOT NULL,
	"interest_cents" bigint DEFAULT 0 NOT NULL,
	"interest_until" date,
	"status" text DEFAULT 'hearing' NOT NULL,
	"hearing_by" uuid,
	"hearing_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hearing_reply" text,
	"notice_pdf" "bytea",
	"notice_facts" jsonb,
	"notice_by" uuid,
	"notice_at" timestamp with time zone,
	"repaid_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "funding_closings_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "funding_closings_amounts" CHECK ("funding_closings"."final_grant_cents" >= 0 and "funding_closings"."repayment_cents" >= 0 and "funding_closings"."interest_cents" >= 0),
	CONSTRAINT "funding_closings_repaid_within_claim" CHECK ("funding_closings"."repaid_cents" >= 0 and "funding_closings"."repaid_cents" <= "funding_closings"."repayment_cents" + "funding_closings"."interest_cents"),
	CONSTRAINT "funding_closings_notice" CHECK (("funding_closings"."status" = 'hearing') = ("funding_closings"."notice_pdf" is null))
);
--> statement-breakpoint
CREATE TABLE "funding_proof_account" (
	"proof_id" uuid NOT NULL,
	"category" text NOT NULL,
	"planned_cents" bigint NOT NULL,
	"actual_cents" bigint NOT NULL,
	CONSTRAINT "funding_proof_account_proof_id_category_pk" PRIMARY KEY("proof_id","category"),
	CONSTRAINT "funding_proof_account_not_negative" CHECK ("funding_proof_account"."planned_cents" >= 0 and "funding_proof_account"."actual_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_proof_hours" (
	"proof_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"volunteer" text NOT NULL,
	"month" text NOT NULL,
	"hours" integer NOT NULL,
	CONSTRAINT "funding_proof_hours_proof_id_row_pk" PRIMARY KEY("proof_id","row"),
	CONSTRAINT "funding_proof_hours_range" CHECK ("funding_proof_hours"."hours" between 1 and 744)
);
--> statement-breakpoint
CREATE TABLE "funding_proof_receipts" (
	"proof_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"day" date NOT NULL,
	"payee" text NOT NULL,
	"purpose" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "funding_proof_receipts_proof_id_row_pk" PRIMARY KEY("proof_id","row"),
	CONSTRAINT "funding_proof_receipts_positive" CHECK ("funding_proof_receipts"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_proof_reminders" (
	"application_id" uuid NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_proof_reminders_application_id_period_kind_due_on_pk" PRIMARY KEY("application_id","period","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "funding_proofs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	"simple" boolean DEFAULT false NOT NULL,
	"answers" jsonb NOT NULL,
	"report" text NOT NULL,
	"actual_own_cents" bigint DEFAULT 0 NOT NULL,
	"actual_third_party_cents" bigint DEFAULT 0 NOT NULL,
	"attachment_file_id" uuid,
	"attachment_name" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"check_kind" text,
	"findings" text,
	"accepted_cents" bigint,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "funding_proofs_period" CHECK ("funding_proofs"."period" = 'final' or "funding_proofs"."period" ~ '^[0-9]{4}$'),
	CONSTRAINT "funding_proofs_own_not_negative" CHECK ("funding_proofs"."actual_own_cents" >= 0 and "funding_proofs"."actual_third_party_cents" >= 0),
	CONSTRAINT "funding_proofs_reviewed" CHECK (("funding_proofs"."status" = 'accepted') = ("funding_proofs"."reviewed_by" is not null and "funding_proofs"."check_kind" is not null and "funding_proofs"."accepted_cents" is not null)),
	CONSTRAINT "funding_proofs_accepted_not_negative" CHECK ("funding_proofs"."accepted_cents" is null or "funding_proofs"."accepted_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "funding_closings" ADD CONSTRAINT "funding_closings_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD CONSTRAINT "funding_closings_proof_id_funding_proofs_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."funding_proofs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD CONSTRAINT "funding_closings_hearing_by_users_id_fk" FOREIGN KEY ("hearing_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_closings" ADD CONSTRAINT "funding_closings_notice_by_users_id_fk" FOREIGN KEY ("notice_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proof_account" ADD CONSTRAINT "funding_proof_account_proof_id_funding_proofs_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."funding_proofs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proof_hours" ADD CONSTRAINT "funding_proof_hours_proof_id_funding_proofs_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."funding_proofs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proof_receipts" ADD CONSTRAINT "funding_proof_receipts_proof_id_funding_proofs_id_fk" FOREIGN KEY ("proof_id") REFERENCES "public"."funding_proofs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proof_reminders" ADD CONSTRAINT "funding_proof_reminders_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proofs" ADD CONSTRAINT "funding_proofs_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proofs" ADD CONSTRAINT "funding_proofs_attachment_file_id_stored_files_id_fk" FOREIGN KEY ("attachment_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proofs" ADD CONSTRAINT "funding_proofs_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proofs" ADD CONSTRAINT "funding_proofs_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_proofs_period_idx" ON "funding_proofs" USING btree ("application_id","period");