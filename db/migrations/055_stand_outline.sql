-- 055: the hall's outline as a polygon (issue 13). NULL: the hall is the
-- width x depth rectangle; else its corners "x,y x,y ..." in metres, from the
-- top-left corner of the width x depth box that holds it. Stands outside the
-- walls are drawn but the allocator gives them nobody.
ALTER TABLE stand_venue ADD COLUMN outline TEXT;
