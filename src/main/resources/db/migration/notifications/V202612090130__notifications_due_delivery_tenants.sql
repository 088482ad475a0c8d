-- The tenants with a notification delivery due (see tenancy's due-work lookup), as the delivery worker claims them in
-- each tenant: PENDING and due, or SENDING whose claim lapsed (its instance died mid-send). The first branch reads the
-- due index; the second a small index of the deliveries being sent, which are few at any time.
CREATE INDEX notification_deliveries_sending_idx ON notification_deliveries (claimed_until)
    WHERE status = 'SENDING';
SELECT lyceum_enable_due_work_lookup('notification_deliveries');

CREATE FUNCTION notifications_tenants_with_due_deliveries(now timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT tenant_id FROM notification_deliveries WHERE status = 'PENDING' AND next_attempt_at <= now
    UNION
    SELECT tenant_id FROM notification_deliveries WHERE status = 'SENDING' AND claimed_until < now
$$;
