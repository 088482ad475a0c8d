package io.lyceum.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dashboard latency over HTTP on the benchmark data set of {@code scripts/bench/analytics-data.sql} (10,000 tutors,
 * 20,000 students, 200,000 bookings over two years and their ledger) in a fresh tenant of the embedded PostgreSQL. Not
 * part of the default build (surefire includes only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=AnalyticsDashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}. Prints the
 * median and the 95th percentile of each route, each asked for a 12-month period.
 */
class AnalyticsDashboardBenchmark extends ApiTestBase {

    private static final int WARM_UP = 5;
    private static final int REQUESTS = 30;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Test
    void dashboardLatencyOnTwoHundredThousandBookings() {
        String slug = Tenants.uniqueSlug("analytics-bench");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        TenantId tenant = Tenants.idOf(jdbc, slug);
        long started = System.nanoTime();
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    Connection connection = DataSourceUtils.getConnection(dataSource);
                    ScriptUtils.executeSqlScript(
                            connection, new FileSystemResource(Path.of("scripts/bench/analytics-data.sql")));
                }));
        System.out.printf("analytics benchmark data generated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        long bookings = TenantContext.callAs(tenant, () -> jdbc.sql("SELECT count(*) FROM bookings")
                .query(Long.class)
                .single());
        assertThat(bookings).isEqualTo(200_000);

        List<String> routes = List.of(
                "/api/v1/admin/dashboard/stats",
                "/api/v1/admin/dashboard/recent-activities",
                "/api/v1/admin/dashboard/upcoming-sessions",
                "/api/v1/admin/dashboard/session-metrics",
                "/api/v1/admin/dashboard/monthly-revenue",
                "/api/v1/admin/dashboard/subject-distribution",
                "/api/v1/admin/dashboard/user-growth",
                "/api/v1/owner/dashboard",
                "/api/v1/owner/revenue",
                "/api/v1/owner/growth",
                "/api/v1/owner/health");
        System.out.println("| route (12 months) | median ms | p95 ms |");
        System.out.println("|---|---:|---:|");
        for (String route : routes) {
            for (int i = 0; i < WARM_UP; i++) {
                owner.api().get(route).then().statusCode(200);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                long t0 = System.nanoTime();
                owner.api().get(route).then().statusCode(200);
                millis.add((System.nanoTime() - t0) / 1e6);
            }
            millis.sort(Double::compare);
            System.out.printf(
                    "| `%s` | %.1f | %.1f |%n",
                    route, millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
        }
    }
}
