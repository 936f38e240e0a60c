-- 120: cancelling an accepted B2B meeting (issue 16). Either side cancels
-- with a reason; the meeting's status becomes 'cancelled', which frees its
-- slot and table (080's unique indexes hold accepted meetings only).
-- cancelled_by: '' (not cancelled), 'pro' or 'exhibitor'; cancelled_at:
-- ISO-8601 UTC. b2b_pro.lang: the language the professional registered in,
-- for the mails coopfair sends them ('ar', 'fr' or 'en').
ALTER TABLE b2b_pro ADD COLUMN lang TEXT NOT NULL DEFAULT 'ar';
ALTER TABLE b2b_meeting ADD COLUMN cancelled_by TEXT NOT NULL DEFAULT '';
ALTER TABLE b2b_meeting ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE b2b_meeting ADD COLUMN cancelled_at TEXT NOT NULL DEFAULT '';
