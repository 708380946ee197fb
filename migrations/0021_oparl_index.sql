CREATE TABLE "oparl_entries" (
	"body_id" uuid NOT NULL,
	"list" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"modified_at" timestamp (3) with time zone NOT NULL,
	"deleted" boolean NOT NULL,
	"object" text NOT NULL,
	CONSTRAINT "oparl_entries_body_id_list_id_pk" PRIMARY KEY("body_id","list","id")
);
--> statement-breakpoint
CREATE TABLE "oparl_index_state" (
	"body_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oparl_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oparl_entries_page_idx" ON "oparl_entries" USING btree ("body_id","list","modified_at","id");--> statement-breakpoint
-- The OParl read model (oparl_entries) is rebuilt for a body when oparl_version has moved on since it
-- was built. Every statement that changes a table the OParl objects are made of raises the version in
-- the writer's own transaction, so a reader never sees new data under an old version. BEFORE the
-- statement: the version row is locked before any row the statement changes, so writers queue on it
-- in one order and cannot deadlock over it.
INSERT INTO "oparl_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION oparl_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE oparl_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['councils', 'council_terms', 'council_memberships', 'agah_state_seats',
    'meetings', 'papers', 'council_files', 'agenda_items', 'meeting_attendance', 'votes',
    'election_candidates', 'people', 'places', 'oparl_tombstones']
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION oparl_version_bump()',
      t || '_oparl_version', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Derived tables are left out of backups (src/platform/backup): the restored installation rebuilds
-- them (the restore's inserts raise oparl_version, so every body is built again on its next request).
COMMENT ON TABLE "oparl_entries" IS 'derived: the OParl read model, rebuilt from the councils and directory tables';
--> statement-breakpoint
COMMENT ON TABLE "oparl_index_state" IS 'derived: which oparl_version each body''s OParl entries were built from';
--> statement-breakpoint
COMMENT ON TABLE "oparl_version" IS 'derived: raised by every change to a table the OParl objects are made of';
