-- 048: /forgot only records the request, whether or not the email has an
-- account (the same work, so its timing tells nothing); the mail sender
-- turns the requests of real accounts into reset links before it sends.
CREATE TABLE reset_request (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  token TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL   -- unix seconds
);
