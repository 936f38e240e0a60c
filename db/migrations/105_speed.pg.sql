-- 105 (issues 11 and 12): speed. On SQLite the FTS5 index changes tokenizer
-- (105_speed.sql); PostgreSQL's search (a tsvector over the same
-- registry_norm text, 020/048 .pg.sql) is unchanged.
--
-- sum() over a comparison (SQLite's booleans are integers: the public
-- exhibitors list's counts, the dashboards) ran its transition function in
-- LANGUAGE sql, which PostgreSQL does not inline in an aggregate: every row
-- set up a small executor (10 us a row; 7 % of the database's time under
-- the exhibitors list). The same function in plpgsql keeps its expression
-- plan: 300,000 rows 2.98 s -> 0.45 s. pg_bootstrap_sql (db_pg_sql.c)
-- creates it so in new databases; this replaces it in existing ones.
CREATE OR REPLACE FUNCTION cf_sum_bool(acc bigint, v boolean) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF v IS NULL THEN
    RETURN acc;
  END IF;
  RETURN coalesce(acc, 0) + CASE WHEN v THEN 1 ELSE 0 END;
END
$$;
