-- 105 (issues 11 and 12): speed. On SQLite: the search index splits words with FTS5's 'ascii'
-- tokenizer instead of 'unicode61'. The text indexed and the words searched
-- are both registry_norm's output (registry_text.c): lower case, no
-- diacritics, hamza and alef forms folded, Arabic and Latin punctuation and
-- invisible blanks turned to spaces, so unicode61's per-character Unicode
-- classes and diacritic folding found nothing left to do, and cost the
-- import of 65,000 rows about a tenth of its instructions (callgrind). The
-- two differ only on punctuation of other scripts that registry_norm keeps
-- (Greek, Hebrew, ornate parentheses): part of a word here, a separator
-- there. Every row is re-indexed before the next search or import.
DROP TABLE cooperative_fts;
CREATE VIRTUAL TABLE cooperative_fts USING fts5(names, other, tokenize = 'ascii');
UPDATE cooperative SET indexed = 0;
-- (On PostgreSQL, 105_speed.pg.sql: sum() over comparisons in plpgsql.)
