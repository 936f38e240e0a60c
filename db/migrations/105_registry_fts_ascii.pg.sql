-- 105 (issue 11): on SQLite the FTS5 index changes tokenizer; PostgreSQL's
-- search (a tsvector over the same registry_norm text, 020/048 .pg.sql) is
-- unchanged.
SELECT 1;
