-- 003: accounts, roles and sessions.
-- Passwords are argon2id strings from libsodium's crypto_pwhash_str; session
-- tokens are stored only as their BLAKE2b hash, so a leaked database does not
-- let anyone in.

CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',   -- '' = no password set yet (invited)
  lang TEXT NOT NULL DEFAULT 'ar' CHECK (lang IN ('ar', 'fr', 'en')),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  cooperative_id INTEGER REFERENCES cooperative(id),   -- for exhibitors
  organisation_id INTEGER REFERENCES organisation(id), -- for jurors, partners
  is_sample INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  last_signin_at TEXT
);

-- A role held by an account; edition_id NULL = in every edition.
CREATE TABLE account_role (
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'committee', 'jury', 'exhibitor', 'desk')),
  edition_id INTEGER REFERENCES edition(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX account_role_unique ON account_role(account_id, role, coalesce(edition_id, 0));

CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,    -- unix seconds
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,    -- absolute end, whatever the activity
  client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_account ON session(account_id);
