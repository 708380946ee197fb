CREATE TABLE "funding_applicant_users" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email_confirmed_at" timestamp with time zone,
	"confirm_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_applicants" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"iban" text NOT NULL,
	"account_holder" text NOT NULL,
	"vat_deductible" boolean DEFAULT false NOT NULL,
	"representative_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"file_number" text,
	"title" text,
	"aims" text,
	"target_groups" text,
	"municipalities" text,
	"period_start" date,
	"period_end" date,
	"not_started_declared" boolean DEFAULT false NOT NULL,
	"truth_declared" boolean DEFAULT false NOT NULL,
	"done_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"proposed_decision" text,
	"proposed_amounts" jsonb,
	"decision_reasons" text,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_applications_file_number_unique" UNIQUE("file_number"),
	CONSTRAINT "funding_applications_four_eyes" CHECK ("funding_applications"."decided_by" is null or "funding_applications"."proposed_by" is null or "funding_applications"."decided_by" <> "funding_applications"."proposed_by" or "funding_applications"."status" = 'rejected')
);
--> statement-breakpoint
CREATE TABLE "funding_attachments" (
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_attachments_application_id_kind_pk" PRIMARY KEY("application_id","kind")
);
--> statement-breakpoint
CREATE TABLE "funding_budgets" (
	"line_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"budget_cents" bigint NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_budgets_line_id_year_pk" PRIMARY KEY("line_id","year"),
	CONSTRAINT "funding_budgets_committed_within_budget" CHECK ("funding_budgets"."committed_cents" <= "funding_budgets"."budget_cents"),
	CONSTRAINT "funding_budgets_committed_not_negative" CHECK ("funding_budgets"."committed_cents" >= 0),
	CONSTRAINT "funding_budgets_budget_not_negative" CHECK ("funding_budgets"."budget_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_cost_items" (
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "funding_cost_items_application_id_year_category_pk" PRIMARY KEY("application_id","year","category"),
	CONSTRAINT "funding_cost_items_not_negative" CHECK ("funding_cost_items"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_file_counters" (
	"line_key" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "funding_file_counters_line_key_year_pk" PRIMARY KEY("line_key","year")
);
--> statement-breakpoint
CREATE TABLE "funding_financing" (
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"own_cents" bigint NOT NULL,
	"third_party_cents" bigint NOT NULL,
	"requested_cents" bigint NOT NULL,
	CONSTRAINT "funding_financing_application_id_year_pk" PRIMARY KEY("application_id","year"),
	CONSTRAINT "funding_financing_not_negative" CHECK ("funding_financing"."own_cents" >= 0 and "funding_financing"."third_party_cents" >= 0 and "funding_financing"."requested_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_grants" (
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "funding_grants_application_id_year_pk" PRIMARY KEY("application_id","year"),
	CONSTRAINT "funding_grants_positive" CHECK ("funding_grants"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"description_de" text NOT NULL,
	"description_en" text NOT NULL,
	"rules" jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_lines_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "funding_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"facts" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"authority" text NOT NULL,
	"legal_basis" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_programmes_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "funding_applicant_users" ADD CONSTRAINT "funding_applicant_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applicant_users" ADD CONSTRAINT "funding_applicant_users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applicants" ADD CONSTRAINT "funding_applicants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applicants" ADD CONSTRAINT "funding_applicants_representative_id_people_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_line_id_funding_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."funding_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_attachments" ADD CONSTRAINT "funding_attachments_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_attachments" ADD CONSTRAINT "funding_attachments_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_budgets" ADD CONSTRAINT "funding_budgets_line_id_funding_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."funding_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_comments" ADD CONSTRAINT "funding_comments_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_comments" ADD CONSTRAINT "funding_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_cost_items" ADD CONSTRAINT "funding_cost_items_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_financing" ADD CONSTRAINT "funding_financing_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD CONSTRAINT "funding_grants_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_programme_id_funding_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notices" ADD CONSTRAINT "funding_notices_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_notices" ADD CONSTRAINT "funding_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_applicant_users_org_idx" ON "funding_applicant_users" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "funding_applications_line_status_idx" ON "funding_applications" USING btree ("line_id","status");--> statement-breakpoint
CREATE INDEX "funding_applications_org_idx" ON "funding_applications" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "funding_comments_application_idx" ON "funding_comments" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_notices_version_idx" ON "funding_notices" USING btree ("application_id","version");