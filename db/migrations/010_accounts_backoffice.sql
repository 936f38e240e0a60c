-- 010: the back office: organisation logos, one-time tokens (invitations,
-- password resets), sign-in failure counters (rate limiting shared by every
-- server of a deployment).

-- A logo per organisation, checked from its bytes (PNG or JPEG only).
CREATE TABLE organisation_logo (
  organisation_id INTEGER PRIMARY KEY REFERENCES organisation(id) ON DELETE CASCADE,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  data BLOB NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One-time tokens sent by mail; only their BLAKE2b hash is kept.
CREATE TABLE account_token (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('invite', 'reset')),
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  created_by INTEGER REFERENCES account(id),
  created_at INTEGER NOT NULL,   -- unix seconds
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX account_token_account ON account_token(account_id, kind);

-- Failed sign-ins, per account (normalised email, whether or not it exists)
-- and per client address; old rows are purged as new ones come.
CREATE TABLE signin_failure (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('email', 'addr')),
  key TEXT NOT NULL,
  at INTEGER NOT NULL            -- unix seconds
);
CREATE INDEX signin_failure_key ON signin_failure(scope, key, at);
CREATE INDEX signin_failure_at ON signin_failure(at);
