-- 011: a sender claims a message before piping it to sendmail, so that two
-- servers running the sender thread never deliver the same message twice.
-- A claim older than 5 minutes (a sender that died) may be taken over.
ALTER TABLE outbox ADD COLUMN claimed_at INTEGER;
