ALTER TABLE "stored_files" ADD COLUMN "owner" text;--> statement-breakpoint
-- Files stored before owners existed: press attachments get theirs; anything else gets an
-- undeclared owner and is therefore not downloadable through /dateien (deny by default).
UPDATE "stored_files" SET "owner" = 'press.attachment' WHERE "id" IN (SELECT "file_id" FROM "press_attachments");--> statement-breakpoint
UPDATE "stored_files" SET "owner" = 'funding.attachment' WHERE "id" IN (SELECT "file_id" FROM "funding_attachments");--> statement-breakpoint
UPDATE "stored_files" SET "owner" = '' WHERE "owner" IS NULL;--> statement-breakpoint
ALTER TABLE "stored_files" ALTER COLUMN "owner" SET NOT NULL;
