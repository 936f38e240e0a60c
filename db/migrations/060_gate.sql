-- 060: badges, gates, check-ins and tap counts (issue 14).

-- A badge per person and role. token: 32 hex digits = 128 bits from
-- libsodium, stored as is (it is printed on the badge and must be printable
-- again; a badge is a bearer pass, not a secret that unlocks an account).
-- inside: 1 after an accepted entry, 0 after an accepted exit.
CREATE TABLE badge (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('visitor', 'exhibitor', 'jury', 'official', 'press', 'staff')),
  name_ar TEXT NOT NULL DEFAULT '',
  name_latin TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  token TEXT NOT NULL UNIQUE,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  replaces_id INTEGER REFERENCES badge(id),
  inside INTEGER NOT NULL DEFAULT 0 CHECK (inside IN (0, 1)),
  is_sample INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX badge_edition ON badge(edition_id, role);

-- A gate (an entrance with a desk, or a dedicated scanner). api_key: the
-- bearer key a dedicated scanner sends to the JSON API.
CREATE TABLE gate (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  api_key TEXT NOT NULL UNIQUE
);

-- Who may enter on which day: when a role has at least one rule for an
-- edition, its badges enter only on the days listed (from/until: times of
-- day HH:MM in Moroccan time, '' for the whole day).
CREATE TABLE gate_rule (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  day TEXT NOT NULL,
  UNIQUE (edition_id, role, day)
);

-- Every scan, accepted or not. result: ok, unknown, revoked, inside,
-- outside (an exit without an entry), day (wrong day). idem: the scanner's
-- idempotency key (NULL from the desk form): a retried request gets the
-- first answer and records nothing more.
CREATE TABLE checkin (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL,
  gate_id INTEGER NOT NULL REFERENCES gate(id),
  badge_id INTEGER REFERENCES badge(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  result TEXT NOT NULL,
  at TEXT NOT NULL,
  day TEXT NOT NULL,
  hour INTEGER NOT NULL,
  idem TEXT UNIQUE,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX checkin_day ON checkin(edition_id, day, result);
CREATE INDEX checkin_badge ON checkin(badge_id);

-- Visitors without a badge: one row per tap of a gate's counter.
CREATE TABLE gate_tap (
  id INTEGER PRIMARY KEY,
  gate_id INTEGER NOT NULL REFERENCES gate(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  at TEXT NOT NULL,
  day TEXT NOT NULL,
  hour INTEGER NOT NULL,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX gate_tap_gate ON gate_tap(gate_id, day);
