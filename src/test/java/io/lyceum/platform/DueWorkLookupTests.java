package io.lyceum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweeps' due-work lookups (SECURITY DEFINER functions returning tenant ids): with no tenant bound the application's
 * connection sees no row of a queue table (row-level security), yet a lookup names the tenants with due rows there, and
 * only those. Each test writes its tenants and rows in one transaction and rolls it back, so no job ever sees them.
 */
class DueWorkLookupTests extends ApiTestBase {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void bookingTimersLookupNamesOnlyTheTenantsWithATimerDue() {
        inRolledBackTransaction(() -> {
            Instant now = testClock.instant();
            UUID due = newTenant();
            UUID notDue = newTenant();
            // a hold that ran out: the hold expiry is due
            booking(due, "PENDING_PAYMENT", now.plus(Duration.ofDays(2)), now.minus(Duration.ofMinutes(1)));
            // a confirmed lesson in three days: no timer due yet
            booking(notDue, "CONFIRMED", now.plus(Duration.ofDays(3)), null);
            unbindTenant();

            assertThat(count("bookings")).isZero();
            List<UUID> tenants = jdbc.sql("SELECT scheduling_tenants_with_due_timers(:now, interval '0',"
                            + " interval '0', interval '0')")
                    .param("now", utc(now))
                    .query(UUID.class)
                    .list();
            assertThat(tenants).contains(due).doesNotContain(notDue);
        });
    }

    @Test
    void earningsReleaseLookupNamesOnlyTheTenantsWithAnEarningDue() {
        inRolledBackTransaction(() -> {
            Instant now = testClock.instant();
            UUID due = newTenant();
            UUID notDue = newTenant();
            earning(due, "PENDING", now.minus(Duration.ofMinutes(1)));
            // still within its dispute window, and one already released
            earning(notDue, "PENDING", now.plus(Duration.ofDays(1)));
            earning(notDue, "RELEASED", now.minus(Duration.ofDays(1)));
            unbindTenant();

            assertThat(count("tutor_earnings")).isZero();
            List<UUID> tenants = jdbc.sql("SELECT billing_tenants_with_due_releases(:now)")
                    .param("now", utc(now))
                    .query(UUID.class)
                    .list();
            assertThat(tenants).contains(due).doesNotContain(notDue);
        });
    }

    private void inRolledBackTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.run();
        });
    }

    /** A new tenant, bound for the rest of the transaction (until another is), with no users yet. */
    private UUID newTenant() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                        VALUES (:id, :slug, 'Due work', 'ACTIVE', 'EUR', 'UTC', now(), now())
                        """)
                .param("id", id)
                .param("slug", "due-" + id.toString().substring(0, 8))
                .update();
        bindTenant(id);
        return id;
    }

    private void bindTenant(UUID tenant) {
        jdbc.sql("SELECT set_config('lyceum.tenant_id', :t, true)")
                .param("t", tenant == null ? "" : tenant.toString())
                .query(String.class)
                .single();
    }

    private void unbindTenant() {
        bindTenant(null);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private UUID user(UUID tenant, String role) {
        UUID id = UUID.randomUUID();
        bindTenant(tenant);
        jdbc.sql("""
                        INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status, time_zone,
                                           locale, created_at, updated_at)
                        VALUES (:id, :t, :email, :email, 'Due work', :role, 'ACTIVE', 'UTC', 'en', now(), now())
                        """)
                .param("id", id)
                .param("t", tenant)
                .param("email", id + "@example.com")
                .param("role", role)
                .update();
        return id;
    }

    private void booking(UUID tenant, String state, Instant startsAt, Instant holdExpiresAt) {
        UUID tutor = user(tenant, "TUTOR");
        UUID student = user(tenant, "STUDENT");
        Instant endsAt = startsAt.plus(Duration.ofHours(1));
        jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              hold_expires_at, created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :starts, :ends, :ends, :state, 3000,
                                'EUR', :hold, now(), now())
                        """)
                .param("id", UUID.randomUUID())
                .param("t", tenant)
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("starts", utc(startsAt))
                .param("ends", utc(endsAt))
                .param("state", state)
                .param(
                        "hold",
                        holdExpiresAt == null ? null : utc(holdExpiresAt),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    private void earning(UUID tenant, String state, Instant releaseAt) {
        bindTenant(tenant);
        jdbc.sql("""
                        INSERT INTO tutor_earnings (tenant_id, booking_id, tutor_id, gross, commission, amount, currency,
                                                    commission_tier, commission_rate_bps, release_at, state,
                                                    created_at, updated_at)
                        VALUES (:t, :booking, :tutor, 3000, 600, 2400, 'EUR', 'STANDARD', 2000, :release, :state,
                                now(), now())
                        """)
                .param("t", tenant)
                .param("booking", UUID.randomUUID())
                .param("tutor", UUID.randomUUID())
                .param("release", utc(releaseAt))
                .param("state", state)
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
