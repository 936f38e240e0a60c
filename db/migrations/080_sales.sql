-- 080: exhibitors' sales and the partners hub's B2B meetings (issue 16).
-- The impact report (model/impact_*.c) reads these beside the registry,
-- the gate and the prize; it has no table of its own.

-- A sale recorded by an exhibitor at its stand. day: the Moroccan date of
-- the sale (YYYY-MM-DD, bound from C); amount: whole dirhams; items: how many
-- pieces; category_id: the product's category (one of the edition's);
-- payment: '' (not said), cash, card, transfer, mobile. removed: 1 when the
-- exhibitor took the sale back (kept for the audit log, counted nowhere).
CREATE TABLE sale (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  exhibitor_id INTEGER NOT NULL REFERENCES exhibitor(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  items INTEGER NOT NULL CHECK (items >= 1),
  category_id INTEGER NOT NULL REFERENCES category(id),
  payment TEXT NOT NULL DEFAULT '' CHECK (payment IN ('', 'cash', 'card', 'transfer', 'mobile')),
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sale_edition_day ON sale(edition_id, day);
CREATE INDEX sale_exhibitor_day ON sale(exhibitor_id, day);

-- A professional of the partners hub (buyer, shop owner, partner,
-- exporter). token: 32 hex digits from libsodium, the key of the
-- professional's own page (/b2b/p/TOKEN), shown once and mailed to them.
CREATE TABLE b2b_pro (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('buyer', 'shop', 'partner', 'exporter')),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  token TEXT NOT NULL UNIQUE,
  is_sample INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX b2b_pro_edition ON b2b_pro(edition_id);

-- A meeting table of the partners hub.
CREATE TABLE b2b_table (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE (edition_id, name)
);

-- A meeting requested by a professional with an exhibitor in a slot
-- ('YYYY-MM-DDTHH:MM', Moroccan time, 30 minutes). status: requested,
-- accepted (a table is booked), declined, cancelled. The partial unique
-- indexes are the rule "no one is double-booked": at most one accepted
-- meeting per professional, per exhibitor and per table in a slot.
-- outcome_*: '' (not noted), none, contact, order, follow_up.
CREATE TABLE b2b_meeting (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  pro_id INTEGER NOT NULL REFERENCES b2b_pro(id) ON DELETE CASCADE,
  exhibitor_id INTEGER NOT NULL REFERENCES exhibitor(id) ON DELETE CASCADE,
  slot TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'accepted', 'declined', 'cancelled')),
  table_id INTEGER REFERENCES b2b_table(id),
  note TEXT NOT NULL DEFAULT '',
  outcome_pro TEXT NOT NULL DEFAULT '' CHECK (outcome_pro IN ('', 'none', 'contact', 'order', 'follow_up')),
  outcome_exhibitor TEXT NOT NULL DEFAULT ''
    CHECK (outcome_exhibitor IN ('', 'none', 'contact', 'order', 'follow_up')),
  is_sample INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX b2b_meeting_edition ON b2b_meeting(edition_id, status);
CREATE INDEX b2b_meeting_exhibitor ON b2b_meeting(exhibitor_id, slot);
CREATE UNIQUE INDEX b2b_meeting_pro_slot ON b2b_meeting(pro_id, slot) WHERE status = 'accepted';
CREATE UNIQUE INDEX b2b_meeting_exhibitor_slot ON b2b_meeting(exhibitor_id, slot) WHERE status = 'accepted';
CREATE UNIQUE INDEX b2b_meeting_table_slot ON b2b_meeting(table_id, slot) WHERE status = 'accepted';
