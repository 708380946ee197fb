CREATE TABLE "offer_providers" (
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_providers_user_id_pk" PRIMARY KEY("user_id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"organisation_id" uuid NOT NULL,
	"place_id" uuid,
	"online" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"lang" text DEFAULT 'de' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"street" text,
	"postcode" text,
	"city" text,
	"latitude" double precision,
	"longitude" double precision,
	"times" text,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"cost_cents" integer,
	"cost_note" text,
	"accessibility" text,
	"wheelchair_accessible" boolean,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"website" text,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_place_or_online" CHECK ("offers"."place_id" is not null or "offers"."online"),
	CONSTRAINT "offers_cost_nonnegative" CHECK ("offers"."cost_cents" is null or "offers"."cost_cents" >= 0),
	CONSTRAINT "offers_ends_after_start" CHECK ("offers"."ends_at" is null or ("offers"."starts_at" is not null and "offers"."ends_at" >= "offers"."starts_at"))
);
--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "offer_providers" ADD CONSTRAINT "offer_providers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_providers" ADD CONSTRAINT "offer_providers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_providers_org_idx" ON "offer_providers" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_external_id_idx" ON "offers" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "offers_organisation_idx" ON "offers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "offers_place_idx" ON "offers" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "offers_confirmed_idx" ON "offers" USING btree ("confirmed_at");