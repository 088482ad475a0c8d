package io.lyceum.tenancy;

import io.lyceum.platform.DemoDataContributor;
import io.lyceum.shared.Ids;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Demo data: the default tenant gets a marketplace name, and a second agency shows tenant isolation. */
@Component
class TenancyDemoData implements DemoDataContributor {

    private final JdbcClient jdbc;
    private final Clock clock;

    TenancyDemoData(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tenancy";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void contribute() {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("UPDATE tenants SET name = 'Lyceum Tutors', updated_at = :now WHERE id = :id")
                .param("now", now)
                .param("id", TenantId.DEFAULT.value())
                .update();
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, 'harbour', 'Harbour Learning Agency', 'ACTIVE', 'EUR', 'Europe/Dublin', :now, :now)
                ON CONFLICT (slug) DO NOTHING
                """).param("id", Ids.newId()).param("now", now).update();
    }
}
