-- 130 (issue 17): the exhibitors list's products read each exhibitor's first
-- public catalogue photo (hidden = 0, by position then photo id): with the
-- cooperative, the flag and the order in one index, that is one index seek
-- per exhibitor instead of a temporary B-tree (a sort) per exhibitor.
CREATE INDEX catalog_photo_first ON catalog_photo(cooperative_id, hidden, position, photo_id);
