-- 035: the prize keeps what decides a result.
--
-- 1. An entry outlives its exhibitor row: when the registry takes an
--    exhibitor off the published list (waiting list, rejection, withdrawal),
--    the entry stays with its scores and log, marked withdrawn with who and
--    when (prize_entries_sync). Before, the exhibitor's deletion cascaded to
--    the entry and its scores. The entry now names its cooperative itself.
-- 2. The log chains every event that decides a result, not only score
--    sheets: kind, category_id and form (0: a record of migration 030,
--    hashed without its category; 1: BLAKE2b-256 with the category; 2: the
--    same keyed with the deployment's prize key, a MAC).
-- 3. The head of the log at close and at publication is kept on the
--    category (and in the audit log), to print on results and certificates;
--    a publication can be withdrawn, and the public page says so.
--
-- Tables that refer to prize_entry are rebuilt with it: dropping the old
-- prize_entry while they still referred to it would cascade to them.
-- Times are bound from C (no SQL clock functions).

DROP VIEW prize_conflict_all;

CREATE TABLE prize_entry_new (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  cooperative_id INTEGER NOT NULL REFERENCES cooperative(id),
  exhibitor_id INTEGER UNIQUE REFERENCES exhibitor(id) ON DELETE SET NULL,
  withdrawn_at TEXT,          -- NULL while the cooperative exhibits
  withdrawn_by INTEGER,       -- account id; 0 = the system
  is_sample INTEGER NOT NULL DEFAULT 0
);
INSERT INTO prize_entry_new (id, category_id, cooperative_id, exhibitor_id, is_sample)
  SELECT e.id, e.category_id, x.cooperative_id, e.exhibitor_id, e.is_sample
    FROM prize_entry e JOIN exhibitor x ON x.id = e.exhibitor_id;

CREATE TABLE prize_conflict_new (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES prize_entry_new(id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  declared_at TEXT NOT NULL,
  PRIMARY KEY (account_id, entry_id)
);
INSERT INTO prize_conflict_new (account_id, entry_id, reason, declared_at)
  SELECT account_id, entry_id, reason, declared_at FROM prize_conflict;

CREATE TABLE prize_assignment_new (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES prize_entry_new(id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, entry_id)
);
INSERT INTO prize_assignment_new (account_id, entry_id)
  SELECT account_id, entry_id FROM prize_assignment;

CREATE TABLE prize_score_new (
  entry_id INTEGER NOT NULL REFERENCES prize_entry_new(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES account(id),
  criterion_id INTEGER NOT NULL REFERENCES prize_criterion(id) ON DELETE CASCADE,
  value INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (entry_id, account_id, criterion_id)
);
INSERT INTO prize_score_new (entry_id, account_id, criterion_id, value, updated_at)
  SELECT entry_id, account_id, criterion_id, value, updated_at FROM prize_score;

CREATE TABLE prize_comment_new (
  entry_id INTEGER NOT NULL REFERENCES prize_entry_new(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES account(id),
  body TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entry_id, account_id)
);
INSERT INTO prize_comment_new (entry_id, account_id, body)
  SELECT entry_id, account_id, body FROM prize_comment;

CREATE TABLE prize_result_new (
  entry_id INTEGER PRIMARY KEY REFERENCES prize_entry_new(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  quality REAL NOT NULL,
  plain_mean REAL NOT NULL,
  code TEXT NOT NULL UNIQUE
);
INSERT INTO prize_result_new (entry_id, rank, quality, plain_mean, code)
  SELECT entry_id, rank, quality, plain_mean, code FROM prize_result;

CREATE TABLE prize_log_new (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account_id INTEGER NOT NULL,          -- who acted; 0 = the system
  category_id INTEGER NOT NULL DEFAULT 0,
  entry_id INTEGER NOT NULL DEFAULT 0,  -- 0 for a category's event
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  form INTEGER NOT NULL DEFAULT 1 CHECK (form IN (0, 1, 2))
);
INSERT INTO prize_log_new (id, at, account_id, category_id, entry_id, kind, content, prev_hash, hash, form)
  SELECT l.id, l.at, l.account_id, COALESCE((SELECT e.category_id FROM prize_entry_new e WHERE e.id = l.entry_id), 0),
         l.entry_id, l.kind, l.content, l.prev_hash, l.hash, 0
    FROM prize_log l;

DROP TABLE prize_result;
DROP TABLE prize_comment;
DROP TABLE prize_score;
DROP TABLE prize_assignment;
DROP TABLE prize_conflict;
DROP TABLE prize_log;
DROP TABLE prize_entry;

ALTER TABLE prize_entry_new RENAME TO prize_entry;
ALTER TABLE prize_conflict_new RENAME TO prize_conflict;
ALTER TABLE prize_assignment_new RENAME TO prize_assignment;
ALTER TABLE prize_score_new RENAME TO prize_score;
ALTER TABLE prize_comment_new RENAME TO prize_comment;
ALTER TABLE prize_result_new RENAME TO prize_result;
ALTER TABLE prize_log_new RENAME TO prize_log;

CREATE INDEX prize_entry_category ON prize_entry(category_id);
CREATE INDEX prize_entry_cooperative ON prize_entry(cooperative_id);
CREATE INDEX prize_assignment_entry ON prize_assignment(entry_id);
CREATE INDEX prize_log_sheet ON prize_log(entry_id, account_id, id);
CREATE INDEX prize_log_category ON prize_log(category_id, kind, id);

-- A committee rule added while some of the juror's categories are closed
-- applies only to the open ones (one row per open category): a rule never
-- changes a closed result.
ALTER TABLE prize_rule ADD COLUMN category_id INTEGER REFERENCES category(id) ON DELETE CASCADE;

ALTER TABLE prize_category ADD COLUMN closed_head TEXT;
ALTER TABLE prize_category ADD COLUMN published_head TEXT;
ALTER TABLE prize_category ADD COLUMN unpublished_at TEXT;
ALTER TABLE prize_category ADD COLUMN unpublish_reason TEXT;

-- Every conflict, whatever its source: the one place the model asks. The
-- entry's cooperative is its own now (an entry outlives its exhibitor).
CREATE VIEW prize_conflict_all (account_id, entry_id, source, reason) AS
  SELECT account_id, entry_id, 'declared', reason FROM prize_conflict
  UNION ALL
  SELECT a.id, pe.id, 'own_cooperative', ''
    FROM account a JOIN prize_entry pe ON pe.cooperative_id = a.cooperative_id
  UNION ALL
  SELECT ru.account_id, pe.id, 'rule', ru.reason
    FROM prize_rule ru JOIN cooperative c ON c.province_id = ru.province_id
    JOIN prize_entry pe ON pe.cooperative_id = c.id
    JOIN category k ON k.id = pe.category_id AND k.edition_id = ru.edition_id
   WHERE ru.kind = 'province' AND (ru.category_id IS NULL OR ru.category_id = pe.category_id)
  UNION ALL
  SELECT a.id, pe.id, 'rule', ru.reason
    FROM prize_rule ru JOIN account a ON a.organisation_id = ru.organisation_id
    JOIN cooperative c ON c.province_id = ru.province_id
    JOIN prize_entry pe ON pe.cooperative_id = c.id
    JOIN category k ON k.id = pe.category_id AND k.edition_id = ru.edition_id
   WHERE ru.kind = 'organisation_province'
     AND (ru.category_id IS NULL OR ru.category_id = pe.category_id);
