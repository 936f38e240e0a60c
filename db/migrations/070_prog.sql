-- 070: the programme (sessions, speakers, bookings) and the fair's news
-- (posts, comments) (issue 15).

-- A session of the programme, in one of the edition's spaces. starts_at,
-- ends_at: Moroccan wall-clock time 'YYYY-MM-DDTHH:MM' (Africa/Casablanca;
-- the iCalendar export writes them with that TZID). booked: places taken,
-- kept by prog_book.c in the same transaction as the booking rows, so that
-- a conditional UPDATE on this one row is what holds the capacity under
-- simultaneous bookings, on both engines.
CREATE TABLE prog_session (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  space_id INTEGER REFERENCES space(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ceremony', 'talk', 'panel', 'workshop', 'meeting', 'performance')),
  title_ar TEXT NOT NULL DEFAULT '',
  title_fr TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  about_ar TEXT NOT NULL DEFAULT '',
  about_fr TEXT NOT NULL DEFAULT '',
  about_en TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  capacity INTEGER NOT NULL DEFAULT 0,
  booking INTEGER NOT NULL DEFAULT 0 CHECK (booking IN (0, 1)),
  booked INTEGER NOT NULL DEFAULT 0,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prog_session_edition ON prog_session(edition_id, starts_at);

-- A speaker of a session. protocol: for ceremonies, the officials' order
-- of precedence (1 first); 0 for none.
CREATE TABLE prog_speaker (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES prog_session(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  protocol INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prog_speaker_session ON prog_speaker(session_id);

-- A place asked for in a session: booked, waiting (the waiting list, in id
-- order), cancelled. token: the 128-bit secret of the booking's own page
-- (cancel). attended: marked by the organiser at the session.
CREATE TABLE prog_booking (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES prog_session(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('booked', 'waiting', 'cancelled')),
  token TEXT NOT NULL UNIQUE,
  attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  created_at TEXT NOT NULL,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prog_booking_session ON prog_booking(session_id, status, id);

-- Per edition: the fair's opening hours (HH:MM, Moroccan time) against
-- which sessions are checked, and whether comments wait for moderation.
CREATE TABLE prog_setting (
  edition_id INTEGER PRIMARY KEY REFERENCES edition(id) ON DELETE CASCADE,
  opens TEXT NOT NULL DEFAULT '09:00',
  closes TEXT NOT NULL DEFAULT '20:00',
  moderate INTEGER NOT NULL DEFAULT 1 CHECK (moderate IN (0, 1))
);

-- A news post of an edition. views: the counter, added to in batches
-- (news_views.c), never once per page view.
CREATE TABLE news_post (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  title_ar TEXT NOT NULL DEFAULT '',
  title_fr TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  body_ar TEXT NOT NULL DEFAULT '',
  body_fr TEXT NOT NULL DEFAULT '',
  body_en TEXT NOT NULL DEFAULT '',
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  published_at TEXT NOT NULL DEFAULT '',
  picture BLOB,
  picture_type TEXT NOT NULL DEFAULT '',
  views INTEGER NOT NULL DEFAULT 0,
  is_sample INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX news_post_edition ON news_post(edition_id, published, published_at);

-- A reader's comment. email: kept for the committee, never shown. client:
-- a keyed hash of the sender's address (for the rate limit), not the address.
CREATE TABLE news_comment (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES news_post(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  client TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX news_comment_post ON news_comment(post_id, status);
CREATE INDEX news_comment_client ON news_comment(client, created_at);
