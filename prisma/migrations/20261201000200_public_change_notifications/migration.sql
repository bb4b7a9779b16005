-- Hand-written: every committed change to what public pages show is announced
-- on the channel "tracker_public_change", whoever makes it (any instance of the
-- tracker, a script, or SQL typed in psql). Each instance listens and drops the
-- cached pages it affects (lib/public/change-feed.ts, lib/public/page-cache.js).
-- PostgreSQL delivers a notification only when its transaction commits, and
-- drops duplicates within one transaction. The payload is space-separated
-- "milestone:<slug>" items, or "*" for a change that can touch any page.
-- A table that public pages read gets this trigger.
CREATE FUNCTION "notify_public_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  items text;
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    items := '*';
  ELSIF TG_TABLE_NAME = 'Milestone' THEN
    items := concat_ws(' ', 'milestone:' || (old_row ->> 'slug'), 'milestone:' || (new_row ->> 'slug'));
  ELSIF coalesce(new_row, old_row) ? 'milestoneId' THEN
    SELECT string_agg('milestone:' || slug, ' ') INTO items
    FROM "Milestone"
    WHERE id IN ((old_row ->> 'milestoneId')::int, (new_row ->> 'milestoneId')::int);
  END IF;
  PERFORM pg_notify('tracker_public_change', coalesce(nullif(items, ''), '*'));
  RETURN NULL;
END
$$;

CREATE TRIGGER "Roadmap_public_change" AFTER INSERT OR UPDATE OR DELETE ON "Roadmap"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "Pillar_public_change" AFTER INSERT OR UPDATE OR DELETE ON "Pillar"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "Milestone_public_change" AFTER INSERT OR UPDATE OR DELETE ON "Milestone"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "ProgressUpdate_public_change" AFTER INSERT OR UPDATE OR DELETE ON "ProgressUpdate"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "Roadmap_public_truncate" AFTER TRUNCATE ON "Roadmap"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "Pillar_public_truncate" AFTER TRUNCATE ON "Pillar"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "Milestone_public_truncate" AFTER TRUNCATE ON "Milestone"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_public_change"();
