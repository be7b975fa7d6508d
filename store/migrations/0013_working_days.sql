-- China's holiday arrangements move working days onto weekends (调休上班):
-- a row of the holiday calendar may now be a working day instead of a day off.
ALTER TABLE holidays ADD COLUMN working INTEGER NOT NULL DEFAULT 0 CHECK (working IN (0, 1));
