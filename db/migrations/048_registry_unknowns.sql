-- 048 (issue 11): "no limit" stored as no limit; one key for registration
-- numbers however they are written; facts a file did not give stored as
-- unknown rather than as "no".

-- max_outside NULL = no limit (020 had NOT NULL and wrote "no limit" as 0,
-- which shut out every applicant from outside the region). A 0 stored
-- before this migration stays 0: it cannot be told from a deliberate 0.
CREATE TABLE selection_rules_048 (
  edition_id INTEGER PRIMARY KEY REFERENCES edition(id) ON DELETE CASCADE,
  stands INTEGER NOT NULL DEFAULT 0 CHECK (stands >= 0),
  per_stand INTEGER NOT NULL DEFAULT 2 CHECK (per_stand >= 1),
  max_outside INTEGER CHECK (max_outside IS NULL OR max_outside >= 0),
  min_women_pct INTEGER NOT NULL DEFAULT 0 CHECK (min_women_pct BETWEEN 0 AND 100),
  min_first_pct INTEGER NOT NULL DEFAULT 0 CHECK (min_first_pct BETWEEN 0 AND 100),
  published_at TEXT
);
INSERT INTO selection_rules_048 (edition_id, stands, per_stand, max_outside, min_women_pct,
  min_first_pct, published_at)
  SELECT edition_id, stands, per_stand, max_outside, min_women_pct, min_first_pct, published_at
  FROM selection_rules;
DROP TABLE selection_rules;
ALTER TABLE selection_rules_048 RENAME TO selection_rules;

-- registry_reg_key (registry_text.c) of reg_number: duplicates are found
-- on it across the whole registry. Computed in C when a row is (re)indexed.
-- The import reads every key once into memory (one scan) instead of
-- looking each line up, so the keys need no index; the two name-key
-- indexes of 020 go too (every imported row paid for them).
ALTER TABLE cooperative ADD COLUMN reg_key TEXT NOT NULL DEFAULT '';
UPDATE cooperative SET indexed = 0;
DROP INDEX cooperative_name_ar_key;
DROP INDEX cooperative_name_fr_key;

-- The search index without FTS5's prefix indexes ('2 3' in 020): they
-- tripled what every imported row wrote, and measured over 65,000 rows
-- prefix queries are as fast without them (p95 31 ms against 41 ms). Every
-- row is re-indexed (indexed = 0 above) before the next search or import.
DROP TABLE cooperative_fts;
CREATE VIRTUAL TABLE cooperative_fts USING fts5(names, other, tokenize = 'unicode61');

-- 1 when the fact is known; 0 when the imported file did not say (the
-- value column then holds 0 and must not be read as "no").
ALTER TABLE cooperative ADD COLUMN women_led_known INTEGER NOT NULL DEFAULT 1 CHECK (women_led_known IN (0, 1));
ALTER TABLE cooperative ADD COLUMN first_time_known INTEGER NOT NULL DEFAULT 1 CHECK (first_time_known IN (0, 1));
ALTER TABLE cooperative ADD COLUMN members_known INTEGER NOT NULL DEFAULT 1 CHECK (members_known IN (0, 1));
