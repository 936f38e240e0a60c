-- 125: the language a booking was made in (issue 15), so that the mail
-- telling someone they moved up from the waiting list is written in it.
-- Bookings made before it read as Arabic, the fair's default.
ALTER TABLE prog_booking ADD COLUMN lang TEXT NOT NULL DEFAULT 'ar';
