-- OParl 1.1 (2.8): deleted objects must stay answerable with `deleted: true`. The councils tables
-- mark deletions in `deleted_at`; a row that is deleted for real (e.g. erasure of a person) leaves a
-- tombstone in oparl_tombstones through these triggers, whoever deletes it.
CREATE FUNCTION oparl_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  meeting_council uuid;
BEGIN
  IF TG_TABLE_NAME = 'people' THEN
    INSERT INTO oparl_tombstones (entity, entity_id, label, created_at)
      VALUES ('people', OLD.id, NULL, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  ELSIF TG_TABLE_NAME = 'councils' THEN
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, label, created_at)
      VALUES ('councils', OLD.id, coalesce(OLD.parent_id, OLD.id), OLD.name, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  ELSIF TG_TABLE_NAME = 'council_terms' THEN
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, parent_id, created_at)
      VALUES ('council_terms', OLD.id, OLD.council_id, OLD.council_id, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  ELSIF TG_TABLE_NAME = 'council_memberships' THEN
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, parent_id, created_at)
      VALUES ('council_memberships', OLD.id, OLD.council_id, OLD.person_id, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  ELSIF TG_TABLE_NAME = 'meetings' THEN
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, label, has_location, created_at)
      VALUES ('meetings', OLD.id, OLD.council_id, OLD.title,
              OLD.location_name IS NOT NULL OR OLD.location_address IS NOT NULL, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  ELSIF TG_TABLE_NAME = 'papers' THEN
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, label, has_file, created_at)
      VALUES ('papers', OLD.id, OLD.council_id, OLD.title, OLD.body IS NOT NULL, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  ELSIF TG_TABLE_NAME = 'agenda_items' THEN
    SELECT council_id INTO meeting_council FROM meetings WHERE id = OLD.meeting_id;
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, parent_id, paper_id, label, position,
                                  is_public, created_at)
      VALUES ('agenda_items', OLD.id, meeting_council, OLD.meeting_id, OLD.paper_id, OLD.title, OLD.position,
              OLD.public, OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON people FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON councils FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON council_terms FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON council_memberships FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON papers FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON agenda_items FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
