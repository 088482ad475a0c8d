-- The owner's analytics read a tenant's journal by time (money by month, recent movements newest first); without an
-- index leading with (tenant_id, occurred_at) both read every entry of the tenant.
CREATE INDEX journal_entries_time_idx ON journal_entries (tenant_id, occurred_at DESC, id DESC);
