package io.lyceum.messaging;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The hub's presence across instances ({@code messaging_presence}): this instance's rows say which users have an
 * authenticated socket on it. Times are the database's ({@code now()}), as liveness is not business time.
 */
@Repository
class PresenceStore {

    /** How often an instance refreshes its rows. */
    static final Duration REFRESH = Duration.ofSeconds(10);
    /** A row older than this is an instance that stopped refreshing (it died): the user is not online there. */
    static final Duration TTL = Duration.ofSeconds(35);

    private final JdbcClient jdbc;
    private final UUID instanceId = UUID.randomUUID();

    PresenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks users as online on this instance now, in their tenant. */
    void mark(TenantId tenant, Collection<UUID> users) {
        if (users.isEmpty()) {
            return;
        }
        // UUIDs only: the array literal cannot carry anything else
        String array = users.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        INSERT INTO messaging_presence (tenant_id, user_id, instance_id, seen_at)
                        SELECT :t, u, :i, now() FROM unnest(CAST(:users AS uuid[])) AS u
                        ON CONFLICT (tenant_id, user_id, instance_id) DO UPDATE SET seen_at = now()
                        """)
                .param("t", tenant.value())
                .param("i", instanceId)
                .param("users", array)
                .update());
    }

    /** The user's last socket on this instance closed. */
    void remove(TenantId tenant, UUID userId) {
        TenantContext.runAs(
                tenant, () -> jdbc.sql("DELETE FROM messaging_presence WHERE user_id = :u AND instance_id = :i")
                        .param("u", userId)
                        .param("i", instanceId)
                        .update());
    }

    /** This instance stops: its rows in a tenant go, and rows there that lapsed long ago with them. */
    void removeInstance(TenantId tenant) {
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        DELETE FROM messaging_presence
                         WHERE instance_id = :i OR seen_at < now() - CAST(:stale AS interval)
                        """)
                .param("i", instanceId)
                .param("stale", TTL.multipliedBy(10).toSeconds() + " seconds")
                .update());
    }

    /** Whether the user has a socket on another instance that refreshed recently (in the current tenant). */
    boolean onlineElsewhere(UUID userId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM messaging_presence WHERE user_id = :u AND instance_id <> :i
                                          AND seen_at > now() - CAST(:ttl AS interval))
                        """)
                .param("u", userId)
                .param("i", instanceId)
                .param("ttl", TTL.toSeconds() + " seconds")
                .query(Boolean.class)
                .single();
    }
}
