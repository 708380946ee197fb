CREATE TABLE "plan_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"field_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"value" integer NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "plan_indicator_values_value" CHECK (value >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"target" integer NOT NULL,
	"target_on" date,
	CONSTRAINT "plan_indicators_target" CHECK (target >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_measure_partners" (
	"measure_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "plan_measure_partners_measure_id_organisation_id_pk" PRIMARY KEY("measure_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "plan_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"responsible_unit" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"funding_line_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_measures_weight" CHECK (weight between 1 and 100),
	CONSTRAINT "plan_measures_progress" CHECK (progress between 0 and 100),
	CONSTRAINT "plan_measures_period" CHECK (ends_on is null or ends_on >= starts_on)
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"adopted_on" date,
	"based_on_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_adopted_on" CHECK (status = 'draft' or adopted_on is not null)
);
--> statement-breakpoint
ALTER TABLE "plan_fields" ADD CONSTRAINT "plan_fields_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_field_id_plan_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."plan_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicator_values" ADD CONSTRAINT "plan_indicator_values_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_measure_id_plan_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."plan_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_partners" ADD CONSTRAINT "plan_measure_partners_measure_id_plan_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."plan_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_partners" ADD CONSTRAINT "plan_measure_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_funding_line_id_funding_lines_id_fk" FOREIGN KEY ("funding_line_id") REFERENCES "public"."funding_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_fields_code" ON "plan_fields" USING btree ("version_id","code");--> statement-breakpoint
CREATE INDEX "plan_goals_field" ON "plan_goals" USING btree ("field_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_indicator_values_day" ON "plan_indicator_values" USING btree ("indicator_id","measured_on");--> statement-breakpoint
CREATE INDEX "plan_indicators_measure" ON "plan_indicators" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "plan_measures_goal" ON "plan_measures" USING btree ("goal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_one_adopted" ON "plan_versions" USING btree ("status") WHERE status = 'adopted';--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_one_draft" ON "plan_versions" USING btree ("status") WHERE status = 'draft';