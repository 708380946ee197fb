CREATE TABLE "antidisc_spent_challenges" (
	"digest" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "antidisc_spent_challenges_expires_idx" ON "antidisc_spent_challenges" USING btree ("expires_at");