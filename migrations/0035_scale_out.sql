CREATE TABLE "stored_file_chunks" (
	"sha256" text NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "stored_file_chunks_sha256_seq_pk" PRIMARY KEY("sha256","seq")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_limit_hits" SET UNLOGGED;
--> statement-breakpoint
COMMENT ON TABLE "rate_limit_hits" IS 'derived: rate-limit counts of the last minutes, keyed by route and a keyed hash of the client address';
