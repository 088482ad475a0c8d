-- One daily digest per person and local day: the digest run inserts this row in the transaction that queues the
-- digest email, so a second run (another instance, or a later run the same day) finds it and sends nothing.
CREATE TABLE notification_digest_days
(
    tenant_id    UUID        NOT NULL REFERENCES tenants (id),
    recipient_id UUID        NOT NULL,
    local_date   DATE        NOT NULL,
    delivery_id  UUID        NOT NULL REFERENCES notification_deliveries (id),
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, recipient_id, local_date)
);
SELECT lyceum_enable_tenant_isolation('notification_digest_days');
