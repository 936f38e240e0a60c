-- 030: the creativity prize: per-category settings, criteria, entries,
-- jurors, conflicts of interest (declared, and found by rules), assignments,
-- scores, the tamper-evident score log, frozen results and certificates.

-- Per prize category: k jurors per entry, the tie rule declared before
-- scoring, and the state: open (jurors score), closed (no more changes),
-- published (winners public).
CREATE TABLE prize_category (
  category_id INTEGER PRIMARY KEY REFERENCES category(id) ON DELETE CASCADE,
  k INTEGER NOT NULL DEFAULT 3 CHECK (k BETWEEN 1 AND 50),
  winners INTEGER NOT NULL DEFAULT 3 CHECK (winners BETWEEN 1 AND 10),
  tie_rule TEXT NOT NULL DEFAULT 'plain_mean'
    CHECK (tie_rule IN ('plain_mean', 'first_criterion', 'registration')),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'published')),
  closed_at TEXT,
  published_at TEXT,
  is_sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE prize_criterion (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  weight REAL NOT NULL CHECK (weight > 0),
  scale_min INTEGER NOT NULL DEFAULT 0,
  scale_max INTEGER NOT NULL DEFAULT 20,
  position INTEGER NOT NULL DEFAULT 0,
  is_sample INTEGER NOT NULL DEFAULT 0,
  CHECK (scale_max > scale_min)
);
CREATE INDEX prize_criterion_category ON prize_criterion(category_id, position);

-- An entry competes in its exhibitor's category.
CREATE TABLE prize_entry (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  exhibitor_id INTEGER NOT NULL UNIQUE REFERENCES exhibitor(id) ON DELETE CASCADE,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prize_entry_category ON prize_entry(category_id);

-- A jury member (an account with the jury role) judging a category.
CREATE TABLE prize_juror (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, category_id)
);

-- A conflict declared by the juror (or recorded by the committee for them).
CREATE TABLE prize_conflict (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES prize_entry(id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  declared_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (account_id, entry_id)
);

-- Committee rules, stored as data. kind 'province': the juror may not score
-- cooperatives of that province (e.g. their home province); kind
-- 'organisation_province': no juror of the organisation scores cooperatives
-- of the province.
CREATE TABLE prize_rule (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('province', 'organisation_province')),
  account_id INTEGER REFERENCES account(id) ON DELETE CASCADE,
  organisation_id INTEGER REFERENCES organisation(id),
  province_id INTEGER NOT NULL REFERENCES province(id),
  reason TEXT NOT NULL DEFAULT '',
  CHECK ((kind = 'province' AND account_id IS NOT NULL)
      OR (kind = 'organisation_province' AND organisation_id IS NOT NULL))
);

-- Every conflict, whatever its source: the one place the model asks.
CREATE VIEW prize_conflict_all (account_id, entry_id, source, reason) AS
  SELECT account_id, entry_id, 'declared', reason FROM prize_conflict
  UNION ALL
  SELECT a.id, pe.id, 'own_cooperative', ''
    FROM account a JOIN exhibitor x ON x.cooperative_id = a.cooperative_id
    JOIN prize_entry pe ON pe.exhibitor_id = x.id
  UNION ALL
  SELECT ru.account_id, pe.id, 'rule', ru.reason
    FROM prize_rule ru JOIN cooperative c ON c.province_id = ru.province_id
    JOIN exhibitor x ON x.cooperative_id = c.id AND x.edition_id = ru.edition_id
    JOIN prize_entry pe ON pe.exhibitor_id = x.id
   WHERE ru.kind = 'province'
  UNION ALL
  SELECT a.id, pe.id, 'rule', ru.reason
    FROM prize_rule ru JOIN account a ON a.organisation_id = ru.organisation_id
    JOIN cooperative c ON c.province_id = ru.province_id
    JOIN exhibitor x ON x.cooperative_id = c.id AND x.edition_id = ru.edition_id
    JOIN prize_entry pe ON pe.exhibitor_id = x.id
   WHERE ru.kind = 'organisation_province';

CREATE TABLE prize_assignment (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES prize_entry(id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, entry_id)
);
CREATE INDEX prize_assignment_entry ON prize_assignment(entry_id);

-- The current score of a juror for an entry and a criterion.
CREATE TABLE prize_score (
  entry_id INTEGER NOT NULL REFERENCES prize_entry(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES account(id),
  criterion_id INTEGER NOT NULL REFERENCES prize_criterion(id) ON DELETE CASCADE,
  value INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (entry_id, account_id, criterion_id)
);
CREATE TABLE prize_comment (
  entry_id INTEGER NOT NULL REFERENCES prize_entry(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES account(id),
  body TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entry_id, account_id)
);

-- The tamper-evident log: one record per score event (a juror saving an
-- entry's sheet). hash = BLAKE2b-256(prev_hash || canonical content), hex.
-- Records are only ever appended.
CREATE TABLE prize_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account_id INTEGER NOT NULL,
  entry_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('create', 'change')),
  content TEXT NOT NULL,      -- "criterion=value;..." then "|" and the comment
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);

-- Results frozen at publication: the only score-derived data the public
-- site may read, and only for a published category.
CREATE TABLE prize_result (
  entry_id INTEGER PRIMARY KEY REFERENCES prize_entry(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  quality REAL NOT NULL,
  plain_mean REAL NOT NULL,
  code TEXT NOT NULL UNIQUE     -- certificate verification code
);
