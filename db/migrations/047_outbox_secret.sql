-- 047: a message that holds a link signing someone in (a password reset) is
-- delivered by the mail sender only; nobody reads it in the back office.
ALTER TABLE outbox ADD COLUMN holds_secret INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET holds_secret = 1 WHERE body LIKE '%/reset/%';
