CREATE TABLE "plan_comments" (
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
	CONSTRAINT "plan_comments_answer" CHECK (answer is null or (answer_reason is not null and answer_reason <> ''))
);
--> statement-breakpoint
CREATE TABLE "plan_revision_comments" (
	"revision_id" uuid NOT NULL,
	"comment_id" uuid NOT NULL,
	CONSTRAINT "plan_revision_comments_revision_id_comment_id_pk" PRIMARY KEY("revision_id","comment_id")
);
--> statement-breakpoint
CREATE TABLE "plan_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_round_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"title" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_rounds_period" CHECK (closes_at > opens_at)
);
--> statement-breakpoint
ALTER TABLE "agah_state_seats" ADD COLUMN "council_id" uuid;--> statement-breakpoint
ALTER TABLE "council_memberships" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_section_id_plan_round_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."plan_round_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revision_comments" ADD CONSTRAINT "plan_revision_comments_revision_id_plan_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."plan_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revision_comments" ADD CONSTRAINT "plan_revision_comments_comment_id_plan_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."plan_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_section_id_plan_round_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."plan_round_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_round_sections" ADD CONSTRAINT "plan_round_sections_round_id_plan_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."plan_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_rounds" ADD CONSTRAINT "plan_rounds_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_comments_section" ON "plan_comments" USING btree ("section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_round_sections_code" ON "plan_round_sections" USING btree ("round_id","code");--> statement-breakpoint
ALTER TABLE "agah_state_seats" ADD CONSTRAINT "agah_state_seats_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_memberships" ADD CONSTRAINT "council_memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;