-- When the "your hold is about to expire" notice of a PENDING_PAYMENT booking was published: the sweep publishes only
-- for rows where it is NULL and sets it in the same transaction, so a second sweep or instance never warns twice.
ALTER TABLE bookings ADD COLUMN hold_warned_at TIMESTAMPTZ;
