-- 001: the fair's core: reference geography, editions, spaces, organisations,
-- categories, cooperatives, stands and exhibitors.
-- Multilingual text is stored one column per language (_ar, _fr, _en).

CREATE TABLE region (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE province (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES region(id),
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('prefecture', 'province')),
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL
);
CREATE INDEX province_region ON province(region_id);

CREATE TABLE edition (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  number INTEGER NOT NULL CHECK (number > 0),
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  slogan_ar TEXT NOT NULL DEFAULT '',
  slogan_fr TEXT NOT NULL DEFAULT '',
  slogan_en TEXT NOT NULL DEFAULT '',
  city_ar TEXT NOT NULL,
  city_fr TEXT NOT NULL,
  city_en TEXT NOT NULL,
  region_id INTEGER NOT NULL REFERENCES region(id),
  starts_on TEXT NOT NULL,           -- ISO date
  ends_on TEXT NOT NULL,             -- ISO date, >= starts_on
  area_m2 INTEGER NOT NULL CHECK (area_m2 > 0),
  stands_planned INTEGER NOT NULL DEFAULT 0,
  exhibitors_planned INTEGER NOT NULL DEFAULT 0,
  outside_region_planned INTEGER NOT NULL DEFAULT 0,
  chair_ar TEXT NOT NULL DEFAULT '',  -- who chairs the organising committee
  chair_fr TEXT NOT NULL DEFAULT '',
  chair_en TEXT NOT NULL DEFAULT '',
  is_public INTEGER NOT NULL DEFAULT 1,
  CHECK (ends_on >= starts_on)
);

CREATE TABLE space (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('exhibitors_hub', 'agora', 'partners_hub', 'entertainment', 'other')),
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  about_ar TEXT NOT NULL DEFAULT '',
  about_fr TEXT NOT NULL DEFAULT '',
  about_en TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX space_edition ON space(edition_id, position);

CREATE TABLE organisation (
  id INTEGER PRIMARY KEY,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE edition_organisation (
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  role TEXT NOT NULL CHECK (role IN ('organiser', 'partner')),
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (edition_id, organisation_id)
);

-- Production categories of an edition; the creativity prize is awarded per category.
CREATE TABLE category (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (edition_id, code)
);

CREATE TABLE side_event (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE cooperative (
  id INTEGER PRIMARY KEY,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  legal_form TEXT NOT NULL DEFAULT 'cooperative'
    CHECK (legal_form IN ('cooperative', 'association', 'eig', 'artisan')),
  reg_number TEXT UNIQUE,
  reg_date TEXT,
  province_id INTEGER NOT NULL REFERENCES province(id),
  sector TEXT NOT NULL DEFAULT '',
  products_ar TEXT NOT NULL DEFAULT '',
  products_fr TEXT NOT NULL DEFAULT '',
  members_women INTEGER NOT NULL DEFAULT 0 CHECK (members_women >= 0),
  members_men INTEGER NOT NULL DEFAULT 0 CHECK (members_men >= 0),
  members_young INTEGER NOT NULL DEFAULT 0 CHECK (members_young >= 0),
  women_led INTEGER NOT NULL DEFAULT 0 CHECK (women_led IN (0, 1)),
  -- private: never shown on a public page or public API answer
  contact_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  is_sample INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX cooperative_province ON cooperative(province_id);

CREATE TABLE stand (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  space_id INTEGER REFERENCES space(id),
  code TEXT NOT NULL,
  area_m2 REAL NOT NULL DEFAULT 9,
  capacity INTEGER NOT NULL DEFAULT 2 CHECK (capacity > 0),
  UNIQUE (edition_id, code)
);

CREATE TABLE exhibitor (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  cooperative_id INTEGER NOT NULL REFERENCES cooperative(id),
  category_id INTEGER NOT NULL REFERENCES category(id),
  stand_id INTEGER REFERENCES stand(id),
  is_sample INTEGER NOT NULL DEFAULT 0,
  UNIQUE (edition_id, cooperative_id)
);
CREATE INDEX exhibitor_edition ON exhibitor(edition_id, category_id);
CREATE INDEX exhibitor_stand ON exhibitor(stand_id);

-- Deployment-wide settings shared by every server of a deployment.
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- The key behind CSRF tokens: random per database, shared by its servers.
INSERT INTO setting (key, value) VALUES ('csrf_key', lower(hex(randomblob(32))));
