-- Grant notices are administrative acts: a new version is a new row, an issued one never changes.
CREATE OR REPLACE FUNCTION funding_notices_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'funding_notices rows cannot be changed or deleted; issue a new version instead';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER funding_notices_no_update BEFORE UPDATE OR DELETE ON funding_notices
  FOR EACH ROW EXECUTE FUNCTION funding_notices_immutable();
