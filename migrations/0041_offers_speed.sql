CREATE TABLE "offers_search_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "offers_search_version_single" CHECK ("offers_search_version"."id" = 1)
);

--> statement-breakpoint
-- The finder's search index (src/features/offers/search-index.ts) is valid while this version stands:
-- every statement changing offers or places raises it in its own transaction, so a reader sees the
-- new version exactly when it sees the new rows.
INSERT INTO "offers_search_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION offers_search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "offers_search_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offers_search_version_offers AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "offers"
  FOR EACH STATEMENT EXECUTE FUNCTION offers_search_version_bump();
--> statement-breakpoint
CREATE TRIGGER offers_search_version_places AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "places"
  FOR EACH STATEMENT EXECUTE FUNCTION offers_search_version_bump();
