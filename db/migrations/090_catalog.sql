-- 090: the exhibitors' catalogue (issue 18): a cooperative's public profile,
-- the product photos it shows, and what the committee hid.

-- One profile per cooperative (it outlives editions). Contact fields are
-- private until their *_public flag is 1: a public page, the catalogue PDF
-- and a stand card show a value only when its flag is set. The private
-- contact of cooperative (contact_name, phone, email) is never read here.
-- about_hidden: the committee hid the presentation (reason mailed).
CREATE TABLE catalog_profile (
  cooperative_id INTEGER PRIMARY KEY REFERENCES cooperative(id) ON DELETE CASCADE,
  about_ar TEXT NOT NULL DEFAULT '',
  about_fr TEXT NOT NULL DEFAULT '',
  products_ar TEXT NOT NULL DEFAULT '',
  products_fr TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  phone_public INTEGER NOT NULL DEFAULT 0 CHECK (phone_public IN (0, 1)),
  whatsapp INTEGER NOT NULL DEFAULT 0 CHECK (whatsapp IN (0, 1)),
  email TEXT NOT NULL DEFAULT '',
  email_public INTEGER NOT NULL DEFAULT 0 CHECK (email_public IN (0, 1)),
  web TEXT NOT NULL DEFAULT '',
  web_public INTEGER NOT NULL DEFAULT 0 CHECK (web_public IN (0, 1)),
  about_hidden INTEGER NOT NULL DEFAULT 0 CHECK (about_hidden IN (0, 1)),
  is_sample INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- The photos a profile shows (at most six, chosen among those the
-- cooperative uploaded with its applications), in order. hidden: the
-- committee hid it (the cooperative still sees it, marked).
CREATE TABLE catalog_photo (
  cooperative_id INTEGER NOT NULL REFERENCES cooperative(id) ON DELETE CASCADE,
  photo_id INTEGER NOT NULL REFERENCES application_photo(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  PRIMARY KEY (cooperative_id, photo_id)
);
CREATE INDEX catalog_photo_photo ON catalog_photo(photo_id);
