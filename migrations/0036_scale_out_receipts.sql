CREATE TABLE "antidisc_receipt_tries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "antidisc_receipt_tries_key_at" ON "antidisc_receipt_tries" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "antidisc_receipt_tries_at" ON "antidisc_receipt_tries" USING btree ("at");--> statement-breakpoint
ALTER TABLE "antidisc_receipt_tries" SET UNLOGGED;
--> statement-breakpoint
COMMENT ON TABLE "antidisc_receipt_tries" IS 'derived: tries with a receipt code of the last 15 minutes, keyed by a keyed hash of the client address';
