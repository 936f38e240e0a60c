-- 004: the audit log (who changed what, when, before and after) and the
-- mail outbox (messages wait here until a sender delivers them; with no
-- sender configured the committee reads them in the back office).

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  account_id INTEGER REFERENCES account(id),  -- NULL: the system or the command line
  action TEXT NOT NULL,                       -- e.g. 'edition.update'
  object_type TEXT NOT NULL,                  -- e.g. 'edition'
  object_id INTEGER,
  before_json TEXT,                           -- NULL for a creation
  after_json TEXT                             -- NULL for a deletion
);
CREATE INDEX audit_account ON audit(account_id, id);
CREATE INDEX audit_object ON audit(object_type, object_id, id);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  to_email TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox(sent_at, id);
