-- Uploaded files of papers and minutes (council_files) leave a tombstone when deleted for real, like
-- the other councils tables (0010): the function gains a branch, the table a trigger.
CREATE OR REPLACE FUNCTION oparl_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  meeting_council uuid;
  minutes_published boolean;
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
  ELSIF TG_TABLE_NAME = 'council_files' THEN
    -- A file of a meeting's minutes was public only if the minutes were published while it was live.
    SELECT minutes_state = 'published' INTO minutes_published FROM meetings WHERE id = OLD.meeting_id;
    INSERT INTO oparl_tombstones (entity, entity_id, council_id, parent_id, paper_id, label, is_public,
                                  created_at)
      VALUES ('council_files', OLD.id, OLD.council_id, coalesce(OLD.paper_id, OLD.meeting_id), OLD.paper_id,
              OLD.name, OLD.paper_id IS NOT NULL OR (coalesce(minutes_published, false) AND OLD.deleted_at IS NULL),
              OLD.created_at)
      ON CONFLICT (entity, entity_id) DO UPDATE SET deleted_at = now();
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER oparl_tombstone AFTER DELETE ON council_files FOR EACH ROW EXECUTE FUNCTION oparl_tombstone();
