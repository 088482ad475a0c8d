package io.lyceum.telephony;

import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Numbers of the current tenant that replied STOP (or a synonym) and have not replied START since. */
@Repository
class OptOuts {

    private final JdbcClient jdbc;
    private final Clock clock;

    OptOuts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean optedOut(String number) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sms_opt_outs WHERE tenant_id = :t AND number = :n)")
                .param("t", TenantContext.require().value())
                .param("n", number)
                .query(Boolean.class)
                .single();
    }

    /** Returns whether the number was opted in until now. */
    boolean optOut(@Nullable String number, String keyword) {
        return jdbc.sql("""
                        INSERT INTO sms_opt_outs (tenant_id, number, opted_out_at, keyword) VALUES (:t, :n, :now, :k)
                        ON CONFLICT (tenant_id, number) DO NOTHING
                        """)
                        .param("t", TenantContext.require().value())
                        .param("n", number)
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .param("k", keyword)
                        .update()
                == 1;
    }

    /** Returns whether the number was opted out until now. */
    boolean optIn(@Nullable String number) {
        return jdbc.sql("DELETE FROM sms_opt_outs WHERE tenant_id = :t AND number = :n")
                        .param("t", TenantContext.require().value())
                        .param("n", number)
                        .update()
                == 1;
    }
}
