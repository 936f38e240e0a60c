-- 145_stand_door.sql - an entrance may run down a side wall (issue 13): a door
-- is the segment from (x, y) to (x + w, y), or, when vertical, to (x, y + w).
ALTER TABLE stand_entrance ADD COLUMN vertical INTEGER NOT NULL DEFAULT 0;
