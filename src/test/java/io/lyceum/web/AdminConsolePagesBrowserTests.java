package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The admin console in a real browser: users (find, suspend, reinstate), a tutor's pending changes against the
 * published profile, payment reconciliation, exchange rates, the cancellation policy's refusal in words and the
 * owner's commission tiers, each ending in what the API then answers. Skipped without Chromium.
 */
class AdminConsolePagesBrowserTests extends ApiTestBase {

    private SignedIn admin;

    @BeforeEach
    void chromiumAndAnAdmin() {
        Browser.assumeChromium();
        admin = Tenants.newStaff(jdbc, "ADMIN", null);
    }

    @Test
    void anAdminFindsAStudentSuspendsAndReinstatesThem() throws IOException {
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/admin");
            assertThat(browser.text("h1")).isEqualTo("Administration");
            browser.assertAccessible();

            browser.clickToLoad("a[href='/admin/users']");
            browser.type("#q", student.email());
            browser.clickToLoad("form[role=search] button");
            assertThat(browser.text("p.meta")).isEqualTo("One user");
            browser.clickToLoad("tr[data-user='" + student.userId() + "'] a");
            assertThat(browser.text("#user-status")).isEqualTo("Active");
            browser.assertAccessible();

            browser.type("#suspend-reason", "Abusive messages to a tutor");
            browser.clickToLoad("form.suspend button");
            assertThat(browser.text(".notice")).isEqualTo("The account is suspended and signed out everywhere.");
            assertThat(browser.text("#user-status")).isEqualTo("Suspended");
            // the API agrees: the student's session is gone and the admin's view says SUSPENDED
            student.api().get("/api/v1/auth/me").then().statusCode(401);
            assertThat((String) admin.api()
                            .get("/api/v1/admin/users/" + student.userId())
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status"))
                    .isEqualTo("SUSPENDED");

            browser.clickToLoad("form.reinstate button");
            assertThat(browser.text("#user-status")).isEqualTo("Active");
            browser.screenshot("admin-user-reinstated");
        }
        Accounts.login(student.email(), null)
                .api()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200);
    }

    @Test
    void anAdminReadsWhatAPendingTutorsDraftChangesAndRequestsChanges() throws IOException {
        SignedIn pending = Tutors.submitted(Tutors.subject(admin), "Europe/London");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/admin/tutors");
            browser.clickToLoad("article[data-tutor='" + pending.userId() + "'] h2 a");
            assertThat(browser.text("#tutor-status")).isEqualTo("Waiting for approval");
            // never approved: every filled field of the draft is new
            assertThat(browser.text("tr[data-field='about.headline'] th")).isEqualTo("Headline");
            assertThat(browser.text("tr[data-field='about.headline'] td.after")).isNotBlank();
            assertThat(browser.driver.findElements(By.cssSelector("tr[data-field='subjects'] td.after ins")))
                    .hasSize(1);
            browser.assertAccessible();

            browser.type("#comments", "Please add your teaching qualifications.");
            browser.clickToLoad("form.request-changes button");
            assertThat(browser.text(".notice")).isEqualTo("The tutor is asked for changes.");
            assertThat(browser.text("#tutor-status")).isEqualTo("Changes requested");
            browser.screenshot("admin-tutor-changes-requested");
        }
        assertThat((String) admin.api()
                        .get("/api/v1/admin/tutors/" + pending.userId())
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("status"))
                .isEqualTo("CHANGES_REQUESTED");
    }

    @Test
    void anAdminReconcilesPaymentsAndSetsAndRemovesAnExchangeRate() throws IOException {
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/admin/payments");
            browser.clickToLoad("form.reconcile button");
            assertThat(browser.text(".notice")).isEqualTo("The reconciliation ran.");
            browser.clickToLoad("table.runs tbody tr:first-child a");
            assertThat(browser.text("h1")).startsWith("Reconciliation of ");
            browser.assertAccessible();

            browser.go("/admin/exchange-rates");
            browser.type("#base", "gbp");
            browser.type("#quote", "nok");
            browser.type("#rate", "13.4567");
            browser.clickToLoad("form.set-rate button");
            assertThat(browser.text(".notice")).isEqualTo("The rate is saved.");
            assertThat(browser.text("tr[data-pair='GBP-NOK'] td.rate")).isEqualTo("13.4567");
            browser.assertAccessible();
            assertThat(rates()).anySatisfy(rate -> assertThat(rate)
                    .containsEntry("base", "GBP")
                    .containsEntry("quote", "NOK")
                    .containsEntry("source", "MANUAL"));

            browser.clickToLoad("tr[data-pair='GBP-NOK'] form button");
            assertThat(browser.text(".notice")).isEqualTo("The rate is removed.");
            assertThat(browser.driver.findElements(By.cssSelector("tr[data-pair='GBP-NOK']")))
                    .isEmpty();
            browser.screenshot("admin-exchange-rates");
        }
        assertThat(rates())
                .noneSatisfy(
                        rate -> assertThat(rate).containsEntry("base", "GBP").containsEntry("quote", "NOK"));
    }

    @Test
    void aRefusedPolicyIsExplainedAndChangesNothingAndTheOwnerSavesCommissionTiers() throws IOException {
        int feeBefore = admin.api()
                .get("/api/v1/admin/scheduling/policy")
                .then()
                .statusCode(200)
                .extract()
                .path("lateFeePercent");
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        int versionBefore = owner.api()
                .get("/api/v1/owner/commission-tiers")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(owner.email());
            browser.go("/admin/settings");
            browser.type("#lateFeePercent", "250");
            browser.clickToLoad("form.policy button");
            assertThat(browser.text("#error")).isNotBlank();
            browser.assertAccessible();

            browser.go("/owner/commission");
            browser.assertAccessible();
            browser.clickToLoad("form.commission button[type=submit]");
            assertThat(browser.text(".notice"))
                    .isEqualTo("The commission tiers are saved. They apply to lessons earned from now on.");
            browser.screenshot("owner-commission-saved");
        }
        assertThat((int) admin.api()
                        .get("/api/v1/admin/scheduling/policy")
                        .then()
                        .extract()
                        .path("lateFeePercent"))
                .isEqualTo(feeBefore);
        assertThat((int) owner.api()
                        .get("/api/v1/owner/commission-tiers")
                        .then()
                        .extract()
                        .path("version"))
                .isGreaterThan(versionBefore);
    }

    @Test
    void anAdminListsBookingsByStateAndTheRefundRequestsWaiting() throws IOException {
        long cancelled = ((Number) admin.api()
                        .get("/api/v1/bookings?state=CANCELLED&size=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("page.totalElements"))
                .longValue();
        int waiting = admin.api()
                .get("/api/v1/refund-requests?status=PENDING&size=25")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content")
                .size();
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/admin");
            browser.clickToLoad("a[href='/admin/bookings']");
            browser.assertAccessible();
            new org.openqa.selenium.support.ui.Select(browser.find("#state")).selectByValue("CANCELLED");
            browser.clickToLoad("form.filters button");
            assertThat(browser.path()).isEqualTo("/admin/bookings?state=CANCELLED");
            assertThat(browser.text("p.meta"))
                    .isEqualTo(
                            cancelled == 0 ? "No bookings" : cancelled == 1 ? "One booking" : cancelled + " bookings");
            assertThat(browser.driver.findElements(By.cssSelector("td.state")))
                    .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("Cancelled"));

            browser.go("/admin/refund-requests");
            assertThat(browser.text("h1")).isEqualTo("Refund requests");
            assertThat(browser.driver.findElements(By.cssSelector("article.refund-request")))
                    .hasSize(waiting);
            browser.assertAccessible();
            browser.screenshot("admin-bookings-and-refunds");
        }
    }

    private List<Map<String, Object>> rates() {
        Object body = admin.api()
                .get("/api/v1/admin/exchange-rates")
                .then()
                .statusCode(200)
                .extract()
                .as(Object.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = body instanceof Map<?, ?> page
                ? (List<Map<String, Object>>) page.get("content")
                : (List<Map<String, Object>>) body;
        return list;
    }
}
