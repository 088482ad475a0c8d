-- When the "credits expire soon" notice of a package and the "invoice due soon" notice of an invoice were published:
-- the daily sweeps publish only for rows where it is NULL and set it in the same transaction (rows claimed with
-- FOR UPDATE SKIP LOCKED), so a second sweep or instance never sends a notice twice.
ALTER TABLE packages ADD COLUMN expiry_warned_at TIMESTAMPTZ;
ALTER TABLE billing_documents ADD COLUMN due_soon_notified_at TIMESTAMPTZ;
