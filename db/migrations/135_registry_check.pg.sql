-- 135 (issue 17): on SQLite, cooperative's CHECK on legal_form becomes
-- comparisons joined by OR (135_registry_check.sql: SQLite built a temporary
-- table for the IN list at every inserted row). PostgreSQL checks an IN list
-- of constants without one: nothing to change here.
SELECT 1;
