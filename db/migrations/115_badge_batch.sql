-- 115: badge sheets printed in the background (issue 14), kept in the
-- database so that a restart does not forget them and every server of a
-- deployment shows them. role: '' for every role. state: drawing, ready or
-- failed; done and total count the badges drawn; pdf is kept once ready.
-- owner: the server process drawing it (a random id per process); beat_at:
-- when it last wrote its progress. A batch still drawing whose owner has
-- not written for a few seconds was cut short (its server stopped): the
-- next server to show it draws it again.
CREATE TABLE badge_batch (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'drawing' CHECK (state IN ('drawing', 'ready', 'failed')),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  pdf BLOB,
  owner TEXT NOT NULL,
  beat_at TEXT NOT NULL,
  started_at TEXT NOT NULL
);
CREATE INDEX badge_batch_edition ON badge_batch(edition_id, id);
