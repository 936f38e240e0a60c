-- 100: the prize log's mark, a second record of its last record ("ID HASH",
-- "0" while the log is empty), moved in the same transaction as every
-- append (prize_log_append). A log cut short after its last printed head,
-- or extended outside coopfair, no longer ends where the mark says
-- (prize_verify). Without the prize key, whoever rewrites both the log and
-- the mark is not detected: docs/prize.md says so.
INSERT INTO setting (key, value)
VALUES ('prize_log_mark',
        COALESCE((SELECT CAST(id AS TEXT) || ' ' || hash FROM prize_log ORDER BY id DESC LIMIT 1), '0'))
ON CONFLICT (key) DO NOTHING;
