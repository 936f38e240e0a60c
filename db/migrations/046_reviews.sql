-- 046: several reviewers per application (issue 10). Each committee member
-- keeps a score and a note of their own; application.score becomes the
-- average of the scores given (rounded), which the selection assistant
-- reads as before. An application scored before this migration keeps its
-- score until a first personal review replaces it.
CREATE TABLE application_review (
  application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  score INTEGER CHECK (score BETWEEN 0 AND 100),
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,            -- ISO 8601 UTC, bound by the program
  PRIMARY KEY (application_id, account_id)
);
CREATE INDEX application_review_account ON application_review(account_id);
