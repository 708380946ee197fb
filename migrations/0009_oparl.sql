CREATE TABLE "oparl_tombstones" (
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"council_id" uuid,
	"parent_id" uuid,
	"paper_id" uuid,
	"label" text,
	"position" integer,
	"is_public" boolean DEFAULT true NOT NULL,
	"has_location" boolean DEFAULT false NOT NULL,
	"has_file" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oparl_tombstones_entity_entity_id_pk" PRIMARY KEY("entity","entity_id")
);
--> statement-breakpoint
CREATE INDEX "oparl_tombstones_council_idx" ON "oparl_tombstones" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "oparl_tombstones_parent_idx" ON "oparl_tombstones" USING btree ("parent_id");