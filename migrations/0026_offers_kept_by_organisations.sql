DROP TABLE "offer_providers" CASCADE;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "reminded_at" timestamp with time zone;