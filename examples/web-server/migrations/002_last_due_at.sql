-- When the last check was due (its next_check_at when claimed): last_checked_at minus this is
-- how late the scheduler was.
ALTER TABLE exports ADD COLUMN last_due_at timestamptz;
