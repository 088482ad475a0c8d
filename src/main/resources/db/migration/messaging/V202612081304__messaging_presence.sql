-- Who has an authenticated socket open on the hub, on which instance: any instance can tell whether a user is online
-- anywhere. Each instance refreshes its rows every few seconds, deletes a row when the user's last socket on it closes
-- and all of its rows when it stops; the rows of an instance that died lapse (seen_at too old) and are swept.
CREATE TABLE messaging_presence
(
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    user_id     UUID        NOT NULL,
    instance_id UUID        NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id, instance_id)
);
CREATE INDEX messaging_presence_seen_idx ON messaging_presence (tenant_id, seen_at);
SELECT lyceum_enable_tenant_isolation('messaging_presence');
