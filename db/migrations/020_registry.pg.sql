-- 020 for PostgreSQL: the same as 020_registry.sql (keep them in step)
-- but for the search index and its triggers, which are SQLite-specific.
-- 020: the cooperatives registry (search, import), applications to an
-- edition, and the selection rules of an edition.

-- The rest of Morocco's 75 prefectures and provinces (002 carries 46), so
-- that imports from the national registry resolve every province.
INSERT INTO province (region_id, code, kind, name_ar, name_fr) VALUES
 (1, 'mdiq-fnideq', 'prefecture', 'المضيق الفنيدق', 'M''diq-Fnideq'),
 (1, 'fahs-anjra', 'province', 'فحص أنجرة', 'Fahs-Anjra'),
 (1, 'ouezzane', 'province', 'وزان', 'Ouezzane'),
 (2, 'driouch', 'province', 'الدريوش', 'Driouch'),
 (2, 'jerada', 'province', 'جرادة', 'Jerada'),
 (2, 'taourirt', 'province', 'تاوريرت', 'Taourirt'),
 (2, 'guercif', 'province', 'جرسيف', 'Guercif'),
 (4, 'skhirate-temara', 'prefecture', 'الصخيرات تمارة', 'Skhirate-Témara'),
 (4, 'sidi-kacem', 'province', 'سيدي قاسم', 'Sidi Kacem'),
 (4, 'sidi-slimane', 'province', 'سيدي سليمان', 'Sidi Slimane'),
 (5, 'fquih-ben-salah', 'province', 'الفقيه بن صالح', 'Fquih Ben Salah'),
 (6, 'mohammedia', 'prefecture', 'المحمدية', 'Mohammédia'),
 (6, 'nouaceur', 'province', 'النواصر', 'Nouaceur'),
 (6, 'mediouna', 'province', 'مديونة', 'Médiouna'),
 (6, 'benslimane', 'province', 'بنسليمان', 'Benslimane'),
 (6, 'berrechid', 'province', 'برشيد', 'Berrechid'),
 (6, 'sidi-bennour', 'province', 'سيدي بنور', 'Sidi Bennour'),
 (7, 'al-haouz', 'province', 'الحوز', 'Al Haouz'),
 (7, 'el-kelaa-des-sraghna', 'province', 'قلعة السراغنة', 'El Kelâa des Sraghna'),
 (7, 'rehamna', 'province', 'الرحامنة', 'Rehamna'),
 (7, 'youssoufia', 'province', 'اليوسفية', 'Youssoufia'),
 (9, 'inezgane-ait-melloul', 'prefecture', 'إنزكان آيت ملول', 'Inezgane-Aït Melloul'),
 (9, 'chtouka-ait-baha', 'province', 'اشتوكة آيت باها', 'Chtouka-Aït Baha'),
 (9, 'tata', 'province', 'طاطا', 'Tata'),
 (10, 'assa-zag', 'province', 'أسا الزاك', 'Assa-Zag'),
 (10, 'sidi-ifni', 'province', 'سيدي إفني', 'Sidi Ifni'),
 (11, 'tarfaya', 'province', 'طرفاية', 'Tarfaya'),
 (11, 'es-semara', 'province', 'السمارة', 'Es-Semara'),
 (12, 'aousserd', 'province', 'أوسرد', 'Aousserd');

-- Registry fields the fair needs beyond 001, and the normalised keys the
-- model computes in C (registry_text.c): name keys find duplicates,
-- indexed = 0 marks a row whose search entry must be (re)built.
ALTER TABLE cooperative ADD COLUMN first_time INTEGER NOT NULL DEFAULT 1 CHECK (first_time IN (0, 1));
ALTER TABLE cooperative ADD COLUMN name_ar_key TEXT NOT NULL DEFAULT '';
ALTER TABLE cooperative ADD COLUMN name_fr_key TEXT NOT NULL DEFAULT '';
ALTER TABLE cooperative ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cooperative_name_ar_key ON cooperative(province_id, name_ar_key);
CREATE INDEX cooperative_name_fr_key ON cooperative(province_id, name_fr_key);
CREATE INDEX cooperative_unindexed ON cooperative(id) WHERE indexed = 0;
-- a cooperative's past fairs (its history), counted on registry pages
CREATE INDEX exhibitor_cooperative ON exhibitor(cooperative_id);

-- Full-text search over the normalised text (rowid = cooperative.id).
-- PostgreSQL's twin of SQLite's FTS5 table (see 020_registry.sql and
-- docs/registry.md): the same C-normalised text in names/other, a tsvector
-- over it (simple configuration: no stemming, no stop words; names weigh A,
-- the rest D), and cf_fts_query turning the model's FTS5 expression
-- ("word"* AND ("w1"* OR "w2"*)) into the same tsquery (word:* & (w1:* | w2:*)).
CREATE TABLE cooperative_fts (
  rowid BIGINT PRIMARY KEY,
  names TEXT NOT NULL DEFAULT '',
  other TEXT NOT NULL DEFAULT '',
  tsv tsvector GENERATED ALWAYS AS
    (setweight(to_tsvector('simple', names), 'A') || setweight(to_tsvector('simple', other), 'D')) STORED
);
CREATE INDEX cooperative_fts_tsv ON cooperative_fts USING gin (tsv);

CREATE FUNCTION cf_fts_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE AS $$
  SELECT to_tsquery('simple', replace(replace(
    regexp_replace(q, '"([^"]*)"\*', '''\1'':*', 'g'), ' AND ', ' & '), ' OR ', ' | '))
$$;

-- Any change of a searched field, from any module, marks the row for
-- re-indexing; the registry model re-indexes marked rows before a search.
CREATE FUNCTION cooperative_reindex() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cooperative SET indexed = 0 WHERE id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cooperative_reindex AFTER UPDATE OF name_ar, name_fr, reg_number, province_id,
  sector, products_ar, products_fr ON cooperative
  FOR EACH ROW EXECUTE FUNCTION cooperative_reindex();
CREATE FUNCTION cooperative_unindex() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cooperative_fts WHERE rowid = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cooperative_unindex AFTER DELETE ON cooperative
  FOR EACH ROW EXECUTE FUNCTION cooperative_unindex();

-- An application of a cooperative to an edition.
CREATE TABLE application (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  cooperative_id INTEGER NOT NULL REFERENCES cooperative(id),
  category_id INTEGER REFERENCES category(id),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
    ('draft', 'submitted', 'under_review', 'accepted', 'waitlisted', 'rejected', 'withdrawn')),
  products TEXT NOT NULL DEFAULT '',
  needs_power INTEGER NOT NULL DEFAULT 0 CHECK (needs_power IN (0, 1)),
  needs_water INTEGER NOT NULL DEFAULT 0 CHECK (needs_water IN (0, 1)),
  needs_accessible INTEGER NOT NULL DEFAULT 0 CHECK (needs_accessible IN (0, 1)),
  share_with TEXT NOT NULL DEFAULT '',   -- the cooperative it wants to share a stand with
  first_time INTEGER NOT NULL DEFAULT 1 CHECK (first_time IN (0, 1)),
  score INTEGER CHECK (score BETWEEN 0 AND 100),   -- committee only
  note TEXT NOT NULL DEFAULT '',                   -- committee only
  submitted_at TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  published_status TEXT,   -- the status last published (notices go out when it changes)
  is_sample INTEGER NOT NULL DEFAULT 0,
  UNIQUE (edition_id, cooperative_id)
);
CREATE INDEX application_edition ON application(edition_id, status);

CREATE TABLE application_photo (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  data BLOB NOT NULL
);
CREATE INDEX application_photo_app ON application_photo(application_id);

-- Status history, shown to the cooperative with the committee's reason.
CREATE TABLE application_event (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  account_id INTEGER REFERENCES account(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_event_app ON application_event(application_id, id);

-- The selection rules of an edition (one row per edition).
CREATE TABLE selection_rules (
  edition_id INTEGER PRIMARY KEY REFERENCES edition(id) ON DELETE CASCADE,
  stands INTEGER NOT NULL DEFAULT 0 CHECK (stands >= 0),
  per_stand INTEGER NOT NULL DEFAULT 2 CHECK (per_stand >= 1),
  max_outside INTEGER NOT NULL DEFAULT 0 CHECK (max_outside >= 0),
  min_women_pct INTEGER NOT NULL DEFAULT 0 CHECK (min_women_pct BETWEEN 0 AND 100),
  min_first_pct INTEGER NOT NULL DEFAULT 0 CHECK (min_first_pct BETWEEN 0 AND 100),
  published_at TEXT
);
-- Seats per category: at most `seats` selected in the category.
CREATE TABLE selection_category (
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  seats INTEGER NOT NULL CHECK (seats >= 0),
  PRIMARY KEY (edition_id, category_id)
);
