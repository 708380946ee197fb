CREATE TABLE "offers_foreign_residents" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reference_date" date NOT NULL,
	"source" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_foreign_residents_count_ck" CHECK ("offers_foreign_residents"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "offer_translations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"title" text,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "councils" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "offers_foreign_residents" ADD CONSTRAINT "offers_foreign_residents_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_translations" ADD CONSTRAINT "offer_translations_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "offer_translations_offer_lang_idx" ON "offer_translations" USING btree ("offer_id","lang");--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "councils_organisation_idx" ON "councils" USING btree ("organisation_id");