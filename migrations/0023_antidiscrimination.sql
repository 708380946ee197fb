CREATE TABLE "antidisc_centre_regions" (
	"centre_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "antidisc_centre_regions_centre_id_place_id_pk" PRIMARY KEY("centre_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "antidisc_centres" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"languages" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antidisc_counsellors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"centre_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antidisc_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"author" text NOT NULL,
	"user_id" uuid,
	"body_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "antidisc_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid,
	"routed_by" text,
	"occurred_on" date NOT NULL,
	"district_id" uuid NOT NULL,
	"grounds" text[] NOT NULL,
	"contact_wish" text NOT NULL,
	"language" text NOT NULL,
	"key_id" text NOT NULL,
	"data_key" text NOT NULL,
	"narrative_sealed" text NOT NULL,
	"contact_sealed" text,
	"receipt_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "antidisc_reports_grounds_ck" CHECK (cardinality("antidisc_reports"."grounds") > 0)
);
--> statement-breakpoint
ALTER TABLE "antidisc_centre_regions" ADD CONSTRAINT "antidisc_centre_regions_centre_id_antidisc_centres_organisation_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."antidisc_centres"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_centre_regions" ADD CONSTRAINT "antidisc_centre_regions_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_centres" ADD CONSTRAINT "antidisc_centres_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_counsellors" ADD CONSTRAINT "antidisc_counsellors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_counsellors" ADD CONSTRAINT "antidisc_counsellors_centre_id_antidisc_centres_organisation_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."antidisc_centres"("organisation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_messages" ADD CONSTRAINT "antidisc_messages_report_id_antidisc_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."antidisc_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_messages" ADD CONSTRAINT "antidisc_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ADD CONSTRAINT "antidisc_reports_centre_id_antidisc_centres_organisation_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."antidisc_centres"("organisation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "antidisc_reports" ADD CONSTRAINT "antidisc_reports_district_id_places_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "antidisc_centre_regions_place_idx" ON "antidisc_centre_regions" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "antidisc_messages_report_idx" ON "antidisc_messages" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "antidisc_reports_receipt_idx" ON "antidisc_reports" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "antidisc_reports_centre_idx" ON "antidisc_reports" USING btree ("centre_id","created_at");