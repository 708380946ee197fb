CREATE TABLE "funding_grant_accounts" (
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"line_id" uuid NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"repaid_cents" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_grant_accounts_application_id_year_pk" PRIMARY KEY("application_id","year"),
	CONSTRAINT "funding_grant_accounts_not_negative" CHECK ("funding_grant_accounts"."committed_cents" >= 0 and "funding_grant_accounts"."paid_cents" >= 0 and "funding_grant_accounts"."repaid_cents" >= 0),
	CONSTRAINT "funding_grant_accounts_paid_within_committed" CHECK ("funding_grant_accounts"."paid_cents" - "funding_grant_accounts"."repaid_cents" <= "funding_grant_accounts"."committed_cents"),
	CONSTRAINT "funding_grant_accounts_repaid_within_paid" CHECK ("funding_grant_accounts"."repaid_cents" <= "funding_grant_accounts"."paid_cents")
);
--> statement-breakpoint
CREATE TABLE "funding_ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"line_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"debit" text NOT NULL,
	"credit" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"payment_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_ledger_entries_positive" CHECK ("funding_ledger_entries"."amount_cents" > 0),
	CONSTRAINT "funding_ledger_entries_accounts" CHECK (("funding_ledger_entries"."kind" = 'commitment' and (("funding_ledger_entries"."debit" = 'commitment' and "funding_ledger_entries"."credit" = 'budget') or ("funding_ledger_entries"."debit" = 'budget' and "funding_ledger_entries"."credit" = 'commitment')))
        or ("funding_ledger_entries"."kind" = 'payment' and "funding_ledger_entries"."debit" = 'recipient' and "funding_ledger_entries"."credit" = 'commitment' and "funding_ledger_entries"."payment_id" is not null)
        or ("funding_ledger_entries"."kind" = 'repayment' and "funding_ledger_entries"."debit" = 'commitment' and "funding_ledger_entries"."credit" = 'recipient'))
);
--> statement-breakpoint
CREATE TABLE "funding_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"instalment" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	"due_on" date NOT NULL,
	"purpose" text NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"held_until_proof" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"released_by" uuid,
	"released_at" timestamp with time zone,
	"rejection_reason" text,
	CONSTRAINT "funding_payments_positive" CHECK ("funding_payments"."amount_cents" > 0),
	CONSTRAINT "funding_payments_checked" CHECK (("funding_payments"."status" in ('checked', 'released')) = ("funding_payments"."checked_by" is not null)),
	CONSTRAINT "funding_payments_released" CHECK (("funding_payments"."status" = 'released') = ("funding_payments"."released_at" is not null)),
	CONSTRAINT "funding_payments_four_eyes" CHECK ("funding_payments"."released_by" is null or "funding_payments"."released_by" <> "funding_payments"."checked_by"),
	CONSTRAINT "funding_payments_hold_final" CHECK (not "funding_payments"."held_until_proof" or "funding_payments"."final"),
	CONSTRAINT "funding_payments_hold_not_released" CHECK (not ("funding_payments"."held_until_proof" and "funding_payments"."status" = 'released'))
);
--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD COLUMN "need_window_days" integer DEFAULT 42 NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_grant_accounts" ADD CONSTRAINT "funding_grant_accounts_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grant_accounts" ADD CONSTRAINT "funding_grant_accounts_line_id_funding_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."funding_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_line_id_funding_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."funding_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_payment_id_funding_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."funding_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_application_id_year_funding_grant_accounts_application_id_year_fk" FOREIGN KEY ("application_id","year") REFERENCES "public"."funding_grant_accounts"("application_id","year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_grant_accounts_line_year_idx" ON "funding_grant_accounts" USING btree ("line_id","year");--> statement-breakpoint
CREATE INDEX "funding_ledger_entries_account_idx" ON "funding_ledger_entries" USING btree ("application_id","year","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_ledger_entries_payment_idx" ON "funding_ledger_entries" USING btree ("payment_id") WHERE "funding_ledger_entries"."kind" = 'payment';--> statement-breakpoint
CREATE UNIQUE INDEX "funding_payments_instalment_idx" ON "funding_payments" USING btree ("application_id","instalment");--> statement-breakpoint
CREATE INDEX "funding_payments_status_idx" ON "funding_payments" USING btree ("status","requested_at");--> statement-breakpoint
ALTER TABLE "funding_programmes" ADD CONSTRAINT "funding_programmes_need_window" CHECK ("funding_programmes"."need_window_days" between 1 and 366);