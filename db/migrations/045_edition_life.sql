-- 045: the life of an edition (issue 10).
-- state: draft (the committee only) -> call_open -> selection -> published
-- -> fair -> over -> archived. Every state but draft is on the public site.
-- call_opens_on / call_closes_on: the call for applications, as days of the
-- fair's time zone (Africa/Casablanca): it opens at the start of the first
-- and closes at the end of the last. Applications are taken only while the
-- edition is in call_open and today is within those days.
-- is_public is kept equal to (state <> 'draft') for older readers.
ALTER TABLE edition ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
  CHECK (state IN ('draft', 'call_open', 'selection', 'published', 'fair', 'over', 'archived'));
ALTER TABLE edition ADD COLUMN call_opens_on TEXT NOT NULL DEFAULT '';
ALTER TABLE edition ADD COLUMN call_closes_on TEXT NOT NULL DEFAULT '';
UPDATE edition SET state = 'draft' WHERE is_public = 0;

-- THE current edition, defined once: the one the committee chose
-- (setting current_edition) when it is not a draft, else the most recent
-- edition that is not a draft. Read by the public site and by the roles
-- held "in the current edition".
CREATE VIEW current_edition AS
  SELECT e.id AS id FROM edition e
  LEFT JOIN setting s ON s.key = 'current_edition' AND s.value = CAST(e.id AS TEXT)
  WHERE e.state <> 'draft'
  ORDER BY (s.key IS NOT NULL) DESC, e.starts_on DESC, e.id DESC
  LIMIT 1;
