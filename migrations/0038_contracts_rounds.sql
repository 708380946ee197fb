CREATE TABLE "contract_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"organisation_name" text,
	"body" text NOT NULL,
	"proposed_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answer_reason" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "contract_comments_body" CHECK (length(btrim(body)) > 0),
	CONSTRAINT "contract_comments_answer" CHECK (answer is null or length(btrim(answer_reason)) > 0)
);
--> statement-breakpoint
CREATE TABLE "contract_revision_comments" (
	"revision_id" uuid NOT NULL,
	"comment_id" uuid NOT NULL,
	CONSTRAINT "contract_revision_comments_revision_id_comment_id_pk" PRIMARY KEY("revision_id","comment_id")
);
--> statement-breakpoint
CREATE TABLE "contract_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_round_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"obligation_id" uuid,
	"side" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"title" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_rounds_period" CHECK (closes_at > opens_at)
);
--> statement-breakpoint
ALTER TABLE "contract_comments" ADD CONSTRAINT "contract_comments_section_id_contract_round_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."contract_round_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_comments" ADD CONSTRAINT "contract_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_revision_comments" ADD CONSTRAINT "contract_revision_comments_revision_id_contract_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."contract_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_revision_comments" ADD CONSTRAINT "contract_revision_comments_comment_id_contract_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."contract_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_revisions" ADD CONSTRAINT "contract_revisions_section_id_contract_round_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."contract_round_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_round_sections" ADD CONSTRAINT "contract_round_sections_round_id_contract_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."contract_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_round_sections" ADD CONSTRAINT "contract_round_sections_obligation_id_contract_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."contract_obligations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_rounds" ADD CONSTRAINT "contract_rounds_contract_id_integration_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."integration_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_comments_section" ON "contract_comments" USING btree ("section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_round_sections_obligation" ON "contract_round_sections" USING btree ("round_id","obligation_id");--> statement-breakpoint
CREATE INDEX "contract_rounds_contract" ON "contract_rounds" USING btree ("contract_id");--> statement-breakpoint
-- Hand-written: OParl shows the directory organisations conference members represent (Membership
-- onBehalfOf), so a change to an organisation raises the OParl version like the tables of 0021.
CREATE TRIGGER organisations_oparl_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION oparl_version_bump();
