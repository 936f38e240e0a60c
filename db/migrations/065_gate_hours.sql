-- 065: times of day in the gate's rules (issue 14): a role may enter on a
-- rule's day only from opens until closes (HH:MM, Moroccan time; '' for
-- the start or the end of the day), e.g. jurors only in judging hours.
ALTER TABLE gate_rule ADD COLUMN opens TEXT NOT NULL DEFAULT '';
ALTER TABLE gate_rule ADD COLUMN closes TEXT NOT NULL DEFAULT '';
