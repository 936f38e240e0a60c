-- 120: a visitor's order taken at the stand, to deliver after the fair
-- (issue 16, optional point), so that sales do not stop when the fair
-- closes. name, phone: the visitor's, seen by the exhibitor who took the
-- order and no one else (never on a public page). products: what was
-- ordered, as the exhibitor wrote it; amount: whole dirhams agreed. status:
-- open until delivered or cancelled by the exhibitor (audited).
CREATE TABLE sale_order (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  exhibitor_id INTEGER NOT NULL REFERENCES exhibitor(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  products TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'delivered', 'cancelled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sale_order_exhibitor ON sale_order(exhibitor_id, status, id);
CREATE INDEX sale_order_edition ON sale_order(edition_id, status);
