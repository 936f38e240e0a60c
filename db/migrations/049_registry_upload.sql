-- 049 (issue 11): a file an organiser uploaded, kept until they confirm how
-- it reads (a non-UTF-8 file is shown decoded first). Kept one day at most:
-- the model deletes older rows when it keeps a new one.
CREATE TABLE registry_upload (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  filename TEXT NOT NULL DEFAULT '',
  data BLOB NOT NULL
);
CREATE INDEX registry_upload_created ON registry_upload(created_at);
