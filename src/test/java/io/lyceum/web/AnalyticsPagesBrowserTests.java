package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin dashboard, the reports page and the owner dashboard in a real browser: the figures of a known month, a
 * refused period, a report requested from the page and ready to download. Skipped without Chromium.
 */
class AnalyticsPagesBrowserTests extends ApiTestBase {

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAdminReadsTheDashboardAndGetsAReportAndTheOwnerSeesTheBusiness() throws IOException {
        Browser.assumeChromium();
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        // a yen payment in March 2024 (London time): nothing else of the default tenant moves yen then
        long amount = 12_345 + (long) (Math.random() * 1000);
        pay(TenantId.DEFAULT, OffsetDateTime.parse("2024-03-15T12:00:00Z"), "JPY", amount);

        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin);
            browser.go("/admin/dashboard?from=2024-03-01&to=2024-03-31");
            assertThat(browser.text("h1")).isEqualTo("Marketplace dashboard");
            assertThat(browser.text("tr[data-month='2024-03'][data-currency='JPY'] td.gross"))
                    .contains(String.format("%,d", amount));
            assertThat(browser.find("svg.bars rect").getAttribute("width")).isEqualTo("60.0%");
            assertThat(browser.text("article[data-currency='JPY'] .figure")).contains(String.format("%,d", amount));
            browser.assertAccessible();
            browser.screenshot("analytics-dashboard");

            // a period that ends before it starts: the page says so and still shows the default period
            browser.go("/admin/dashboard?from=2024-04-01&to=2024-03-01");
            assertThat(browser.text(".field-errors li")).contains("to");

            // a report requested from the page becomes ready and downloadable
            browser.go("/admin/analytics-reports");
            new Select(browser.find("#type")).selectByValue("REVENUE");
            browser.clickToLoad("form.request-report button[type=submit]");
            assertThat(browser.text("p.notice")).contains("requested");
            String id = browser.find("tr[data-report]").getAttribute("data-report");
            await().atMost(Duration.ofSeconds(30)).until(() -> "READY"
                    .equals(admin.api()
                            .get("/api/v1/admin/analytics-reports/" + id)
                            .path("status")));
            browser.go("/admin/analytics-reports");
            assertThat(browser.find("tr[data-report='" + id + "'] a.download").getAttribute("href"))
                    .endsWith("/admin/analytics-reports/" + id + "/download");
            assertThat(browser.text("tr[data-report='" + id + "'] td.status")).isEqualTo("Ready");
            browser.assertAccessible();
        }

        try (Browser browser = Browser.open(port)) {
            browser.signIn(owner);
            browser.go("/owner/dashboard?from=2024-03-01&to=2024-03-31");
            assertThat(browser.text("table.owner-revenue tr[data-currency='JPY'] td.gross"))
                    .contains(String.format("%,d", amount));
            assertThat(browser.find("dd[data-metric='conversion']").isDisplayed())
                    .isTrue();
            browser.assertAccessible();
            browser.screenshot("analytics-owner");
        }
    }

    /** A payment posted to the ledger as billing posts one: provider clearing debited, prepayments credited. */
    private void pay(TenantId tenant, OffsetDateTime at, String currency, long amount) {
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    UUID entry = UUID.randomUUID();
                    jdbc.sql("""
                            INSERT INTO journal_entries (id, tenant_id, kind, reference, occurred_at, created_at)
                            VALUES (:id, :t, 'PAYMENT', :ref, :at, now())
                            """)
                            .param("id", entry)
                            .param("t", tenant.value())
                            .param("ref", "browser-test:" + entry)
                            .param("at", at)
                            .update();
                    line(tenant, entry, "PROVIDER_CLEARING", currency, amount);
                    line(tenant, entry, "CUSTOMER_PREPAYMENTS", currency, -amount);
                }));
    }

    private void line(TenantId tenant, UUID entry, String type, String currency, long amount) {
        jdbc.sql("""
                        INSERT INTO ledger_accounts (id, tenant_id, type, owner_id, currency, created_at)
                        VALUES (:id, :t, :type, NULL, :currency, now())
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .param("type", type)
                .param("currency", currency)
                .update();
        UUID account = jdbc.sql("""
                        SELECT id FROM ledger_accounts
                        WHERE tenant_id = :t AND type = :type AND owner_id IS NULL AND currency = :currency
                        """)
                .param("t", tenant.value())
                .param("type", type)
                .param("currency", currency)
                .query(UUID.class)
                .single();
        jdbc.sql("""
                        INSERT INTO journal_lines (id, tenant_id, entry_id, account_id, amount, currency)
                        VALUES (:id, :t, :entry, :account, :amount, :currency)
                        """)
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .param("entry", entry)
                .param("account", account)
                .param("amount", amount)
                .param("currency", currency)
                .update();
    }
}
