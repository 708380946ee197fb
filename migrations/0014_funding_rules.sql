CREATE TABLE "funding_partner_places" (
	"application_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "funding_partner_places_application_id_place_id_pk" PRIMARY KEY("application_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "funding_quantities" (
	"application_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "funding_quantities_application_id_year_key_pk" PRIMARY KEY("application_id","year","key"),
	CONSTRAINT "funding_quantities_not_negative" CHECK ("funding_quantities"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "joint_application" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD COLUMN "partner_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "funding_partner_places" ADD CONSTRAINT "funding_partner_places_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_partner_places" ADD CONSTRAINT "funding_partner_places_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_quantities" ADD CONSTRAINT "funding_quantities_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;