CREATE TABLE "contract_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone,
	"overdue_reminded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contract_obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"side" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_renewals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"renewed_on" date NOT NULL,
	"previous_ends_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "contract_renewals_later" CHECK (ends_on > previous_ends_on)
);
--> statement-breakpoint
CREATE TABLE "contract_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"milestone_id" uuid,
	"text" text NOT NULL,
	"submitted_by" uuid,
	"submitted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_reports_text" CHECK (length(btrim(text)) > 0)
);
--> statement-breakpoint
CREATE TABLE "integration_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'negotiation' NOT NULL,
	"signed_on" date,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"document_file_id" uuid,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_contracts_term" CHECK (ends_on >= starts_on),
	CONSTRAINT "integration_contracts_signed" CHECK (status in ('negotiation', 'ended') or signed_on is not null)
);
--> statement-breakpoint
ALTER TABLE "contract_milestones" ADD CONSTRAINT "contract_milestones_contract_id_integration_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."integration_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_obligations" ADD CONSTRAINT "contract_obligations_contract_id_integration_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."integration_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_renewals" ADD CONSTRAINT "contract_renewals_contract_id_integration_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."integration_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_reports" ADD CONSTRAINT "contract_reports_contract_id_integration_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."integration_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_reports" ADD CONSTRAINT "contract_reports_milestone_id_contract_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."contract_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_reports" ADD CONSTRAINT "contract_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_contracts" ADD CONSTRAINT "integration_contracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_contracts" ADD CONSTRAINT "integration_contracts_document_file_id_stored_files_id_fk" FOREIGN KEY ("document_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_milestones_contract" ON "contract_milestones" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_milestones_due" ON "contract_milestones" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "contract_obligations_contract" ON "contract_obligations" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_renewals_contract" ON "contract_renewals" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_reports_contract" ON "contract_reports" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "integration_contracts_organisation" ON "integration_contracts" USING btree ("organisation_id");