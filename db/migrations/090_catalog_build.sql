-- 090 (second part): catalogue PDFs built in the background (issue 18), so
-- that the committee sees the progress of a long build and every server of
-- a deployment serves the result. state: running, done or failed; done and
-- total count the exhibitors drawn; pdf is kept once done.
CREATE TABLE catalog_build (
  id INTEGER PRIMARY KEY,
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  size TEXT NOT NULL CHECK (size IN ('a4', 'a5')),
  state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  pdf BLOB,
  account_id INTEGER REFERENCES account(id),
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX catalog_build_edition ON catalog_build(edition_id, size, state, id);
