-- 050: floor plan and stand allocation (issue 13).
-- A stand is a rectangle in the hall (metres, origin at the hall's top-left
-- corner) with the attributes the allocator reads. footfall weights how good
-- a place is (entrance, corner, main aisle); locked keeps its exhibitors.
ALTER TABLE stand ADD COLUMN x REAL NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN y REAL NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN w REAL NOT NULL DEFAULT 3;
ALTER TABLE stand ADD COLUMN h REAL NOT NULL DEFAULT 3;
ALTER TABLE stand ADD COLUMN corner INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN main_aisle INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN near_entrance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN power INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN water INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN accessible INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stand ADD COLUMN footfall REAL NOT NULL DEFAULT 1;
ALTER TABLE stand ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;

-- The hall of an edition, the committee's weights of the allocator's
-- objective (see docs/stand.md), and when the plan was published (a change
-- of stand after that is mailed to the exhibitor).
CREATE TABLE stand_venue (
  edition_id INTEGER PRIMARY KEY REFERENCES edition(id) ON DELETE CASCADE,
  width REAL NOT NULL DEFAULT 50,
  depth REAL NOT NULL DEFAULT 30,
  w_cluster REAL NOT NULL DEFAULT 1,
  w_share REAL NOT NULL DEFAULT 4,
  w_fair REAL NOT NULL DEFAULT 2,
  published_at TEXT
);

-- Zones of the hall, drawn tinted and named on the map.
CREATE TABLE stand_zone (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  space_id INTEGER REFERENCES space(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('exhibitors_hub', 'agora', 'partners_hub', 'entertainment', 'services', 'aisle')),
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL
);
CREATE INDEX stand_zone_edition ON stand_zone(edition_id);

CREATE TABLE stand_entrance (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  name_ar TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL DEFAULT 4
);

-- Two categories whose exhibitors may share a stand well.
CREATE TABLE stand_complement (
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  category_a INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  category_b INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
  PRIMARY KEY (edition_id, category_a, category_b)
);

-- Competitors the committee marked apart: never on one stand nor neighbours.
CREATE TABLE stand_apart (
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  exhibitor_a INTEGER NOT NULL REFERENCES exhibitor(id) ON DELETE CASCADE,
  exhibitor_b INTEGER NOT NULL REFERENCES exhibitor(id) ON DELETE CASCADE,
  PRIMARY KEY (edition_id, exhibitor_a, exhibitor_b)
);

-- The stand-sharing wish as a choice of partner cooperative (share_with, the
-- free text, stays for what the cooperative wrote).
ALTER TABLE application ADD COLUMN share_coop_id INTEGER REFERENCES cooperative(id);
