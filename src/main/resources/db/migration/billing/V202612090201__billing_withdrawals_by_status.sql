-- the admins' list of every tutor's withdrawals, newest first, all or by status
CREATE INDEX withdrawals_requested_idx ON withdrawals (tenant_id, requested_at DESC, id DESC);
CREATE INDEX withdrawals_status_idx ON withdrawals (tenant_id, status, requested_at DESC, id DESC);
