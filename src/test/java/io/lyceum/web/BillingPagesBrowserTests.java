package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * Invoices, quotes and tutor payouts in a real browser: a tutor drafts an invoice of two lines (a bad line answered
 * with the API's error next to it and nothing created), sends it and offers its PDF; the student pays it, the tutor
 * withdraws and the admin finds the payout with the state the API gives; an admin quotes a student by email, the
 * student accepts on the quote's page and the admin makes it an invoice. Skipped without Chromium.
 */
class BillingPagesBrowserTests extends ApiTestBase {

    /** Sandbox bank account whose payouts fail ({@code no_account}). */
    private static final String FAILING_BANK = "000111111116";

    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

    @BeforeEach
    void chromium() {
        Browser.assumeChromium();
    }

    @Test
    void aTutorInvoicesTwoLinesAndTheAdminSeesTheWithdrawalItPaidFor() throws IOException {
        Tutors.Approved approved = Tutors.approved(jdbc);
        SignedIn tutor = approved.tutor();
        SignedIn student = Accounts.newUser("STUDENT");
        completedLesson(approved, student.userId());
        UUID invoiceId;
        try (Browser browser = Browser.open(port)) {
            browser.signIn(tutor.email());
            browser.go("/billing/invoices");
            browser.clickToLoad("#new-document");
            assertThat(browser.text("h1")).isEqualTo("New invoice");
            browser.assertAccessible();
            new Select(browser.find("#recipientId"))
                    .selectByValue(student.userId().toString());
            browser.type("#description-0", "Maths tuition, hours");
            browser.type("#quantity-0", "2");
            browser.type("#unitPrice-0", "40.00");
            browser.type("#description-1", "Workbook");
            browser.type("#quantity-1", "0");
            browser.type("#unitPrice-1", "12.34");
            browser.clickToLoad("form.draft button[type=submit]");

            // the API's refusal of the second line, next to it; the form keeps what was typed; nothing is created
            assertThat(browser.path()).isEqualTo("/billing/invoices/new");
            assertThat(browser.text("#quantity-1-error")).contains("0.01");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#quantity-0-error")))
                    .isEmpty();
            assertThat(browser.find("#description-0").getDomProperty("value")).isEqualTo("Maths tuition, hours");
            assertThat(browser.find("#quantity-1").getAttribute("aria-describedby"))
                    .isEqualTo("quantity-1-error");
            assertThat(invoicesOf(tutor).getInt("page.totalElements")).isZero();
            browser.assertAccessible();

            browser.type("#quantity-1", "1");
            browser.clickToLoad("form.draft button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The draft is saved. Send it when it is ready.");
            assertThat(browser.find("#document-status").getAttribute("data-status"))
                    .isEqualTo("DRAFT");
            // 2 x 40.00 + 1 x 12.34, computed by the API
            assertThat(browser.text("#total")).isEqualTo("£92.34");
            invoiceId = UUID.fromString(browser.path().replaceAll(".*/billing/invoices/([0-9a-f-]{36}).*", "$1"));
            browser.assertAccessible();

            browser.clickToLoad("#send");
            assertThat(browser.text(".notice")).isEqualTo("Sent: the recipient has it by email.");
            assertThat(browser.text("#document-status")).isEqualTo("Sent");
            JsonPath sent = tutor.api()
                    .get("/api/v1/invoices/" + invoiceId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(sent.getString("status")).isEqualTo("SENT");
            assertThat(sent.getString("number")).startsWith("INV-");
            assertThat(sent.getList("lines")).hasSize(2);
            assertThat(browser.text("h1")).isEqualTo("Invoice " + sent.getString("number"));
            assertThat(contentTypeOf(browser, "#pdf")).isEqualTo("application/pdf");
            browser.screenshot("billing-invoice-sent");
        }

        // the student pays it; the tutor's earnings (less the commission) become available and the tutor withdraws to
        // a bank account whose payout the sandbox fails
        student.api()
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("paymentMethodId", "pm_card_visa"))
                .post("/api/v1/invoices/" + invoiceId + "/pay")
                .then()
                .statusCode(200);
        tutor.api()
                .contentType("application/json")
                .body(Map.of("country", "GB", "bankAccountNumber", FAILING_BANK))
                .put("/api/v1/wallet/payout-account")
                .then()
                .statusCode(200);
        String withdrawalId = tutor.api()
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("amount", Map.of("amount", 2000, "currency", "GBP")))
                .post("/api/v1/wallet/withdraw")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SignedIn admin = approved.admin();
        String status = await().atMost(Duration.ofSeconds(30))
                .until(() -> withdrawalStatus(admin, tutor.userId(), withdrawalId), s -> !"PENDING".equals(s));
        assertThat(status).isEqualTo("FAILED");
        String tutorName = admin.api()
                .get("/api/v1/admin/users/" + tutor.userId())
                .then()
                .extract()
                .path("fullName");

        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/admin");
            browser.clickToLoad("a[href='/admin/payouts']");
            assertThat(browser.text("h1")).isEqualTo("Tutor payouts");
            new Select(browser.find("#status")).selectByValue("FAILED");
            browser.clickToLoad("form.filters button");
            assertThat(browser.path()).isEqualTo("/admin/payouts?status=FAILED");
            String row = "tr[data-withdrawal='" + withdrawalId + "']";
            assertThat(browser.find(row).getAttribute("data-status")).isEqualTo(status);
            assertThat(browser.text(row + " td.state span")).isEqualTo("Failed");
            assertThat(browser.text(row + " td.state .failure")).contains("no_account");
            assertThat(browser.text(row + " td.amount")).isEqualTo("£20.00");
            assertThat(browser.text(row + " td a")).isEqualTo(tutorName);
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("tr[data-status]")))
                    .allSatisfy(r -> assertThat(r.getAttribute("data-status")).isEqualTo("FAILED"));
            browser.assertAccessible();
            browser.screenshot("billing-admin-payouts");
        }
        // the list the page shows is the API's
        assertThat(admin.api()
                        .get("/api/v1/admin/payments/withdrawals?status=FAILED&size=100")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("content.id"))
                .contains(withdrawalId);
    }

    @Test
    void anAdminQuotesAStudentByEmailWhoAcceptsAndTheQuoteBecomesAnInvoice() throws IOException {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        long quotesBefore = admin.api()
                .get("/api/v1/quotes?size=1")
                .then()
                .extract()
                .jsonPath()
                .getLong("page.totalElements");
        String quoteId;
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/admin");
            browser.clickToLoad("a[href='/billing/invoices']");
            browser.clickToLoad("a[href='/billing/quotes']");
            browser.clickToLoad("#new-document");
            assertThat(browser.text("h1")).isEqualTo("New quote");
            browser.type("#recipientEmail", "nobody-" + UUID.randomUUID() + "@example.com");
            browser.type("#description-0", "Summer intensive, 10 lessons");
            browser.type("#quantity-0", "10");
            browser.type("#unitPrice-0", "35");
            browser.type("#taxRate", "20");
            browser.clickToLoad("form.draft button[type=submit]");
            assertThat(browser.text("#recipientId-error"))
                    .isEqualTo("No student or guardian of this marketplace has this email.");
            assertThat(admin.api()
                            .get("/api/v1/quotes?size=1")
                            .then()
                            .extract()
                            .jsonPath()
                            .getLong("page.totalElements"))
                    .isEqualTo(quotesBefore);

            browser.type("#recipientEmail", student.email());
            browser.clickToLoad("form.draft button[type=submit]");
            // 10 x 35.00 = 350.00, 20% tax 70.00
            assertThat(browser.text("#total")).isEqualTo("£420.00");
            quoteId = browser.path().replaceAll(".*/billing/quotes/([0-9a-f-]{36}).*", "$1");

            // the draft's form shows what the API holds; a change made elsewhere meanwhile is refused (If-Match)
            browser.clickToLoad("#edit");
            assertThat(browser.find("#recipientEmail").getDomProperty("value")).isEqualTo(student.email());
            assertThat(browser.find("#quantity-0").getDomProperty("value")).isEqualTo("10");
            assertThat(browser.find("#unitPrice-0").getDomProperty("value")).isEqualTo("35.00");
            assertThat(browser.find("#taxRate").getDomProperty("value")).isEqualTo("20");
            browser.assertAccessible();
            admin.api()
                    .contentType("application/json")
                    .body(Map.of(
                            "recipientId",
                            student.userId(),
                            "currency",
                            "GBP",
                            "taxRateBps",
                            2000,
                            "lines",
                            java.util.List.of(Map.of(
                                    "description",
                                    "Summer intensive, 11 lessons",
                                    "quantity",
                                    11,
                                    "unitPrice",
                                    Map.of("amount", 3500)))))
                    .put("/api/v1/quotes/" + quoteId)
                    .then()
                    .statusCode(200);
            browser.type("#quantity-0", "12");
            browser.clickToLoad("form.draft button[type=submit]");
            assertThat(browser.text("#error"))
                    .isEqualTo("This quote was changed meanwhile, so your change is not saved. Open it again to see it"
                            + " as it is now.");
            assertThat(quoteTotal(admin, quoteId)).isEqualTo(46200);

            browser.go("/billing/quotes/" + quoteId + "/edit");
            assertThat(browser.find("#quantity-0").getDomProperty("value")).isEqualTo("11");
            browser.type("#quantity-0", "12");
            browser.clickToLoad("form.draft button[type=submit]");
            // 12 x 35.00 = 420.00, 20% tax 84.00
            assertThat(browser.text("#total")).isEqualTo("£504.00");
            assertThat(quoteTotal(admin, quoteId)).isEqualTo(50400);

            browser.clickToLoad("#send");
            assertThat(browser.text("#document-status")).isEqualTo("Sent");
            browser.assertAccessible();
        }
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email());
            browser.go("/billing/quotes/" + quoteId);
            assertThat(browser.text("#total")).isEqualTo("£504.00");
            browser.assertAccessible();
            browser.clickToLoad("#accept");
            assertThat(browser.text(".notice")).isEqualTo("You accepted the quote.");
            assertThat(browser.text("#document-status")).isEqualTo("Accepted");
        }
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            browser.go("/billing/quotes/" + quoteId);
            browser.find("#convert-send").click();
            browser.clickToLoad("#convert");
            assertThat(browser.text(".notice")).isEqualTo("The invoice is made from the quote.");
            assertThat(browser.text("#document-status")).isEqualTo("Sent");
            assertThat(browser.text("#total")).isEqualTo("£504.00");
            String invoiceId = browser.path().replaceAll(".*/billing/invoices/([0-9a-f-]{36}).*", "$1");
            browser.screenshot("billing-quote-converted");
            JsonPath quote = admin.api()
                    .get("/api/v1/quotes/" + quoteId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(quote.getString("status")).isEqualTo("ACCEPTED");
            assertThat(quote.getString("invoiceId")).isEqualTo(invoiceId);
            JsonPath invoice = admin.api()
                    .get("/api/v1/invoices/" + invoiceId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(invoice.getString("status")).isEqualTo("SENT");
            assertThat(invoice.getString("quoteId")).isEqualTo(quoteId);
            assertThat(invoice.getString("recipientId"))
                    .isEqualTo(student.userId().toString());
        }
    }

    /** Server time (p50, p99) and HTML weight of each billing page over both journeys. */
    @AfterAll
    static void reportPageCosts() throws IOException {
        var byPage = new java.util.TreeMap<String, java.util.List<Browser.PageLoad>>(Browser.LOADS.stream()
                .filter(load ->
                        load.page().startsWith("/billing") || load.page().startsWith("/admin/payouts"))
                .collect(java.util.stream.Collectors.groupingBy(Browser.PageLoad::page)));
        var lines = new java.util.ArrayList<String>();
        lines.add(String.format("%-40s %5s %8s %8s %9s", "page", "loads", "p50 ms", "p99 ms", "HTML B"));
        byPage.forEach((page, loads) -> {
            var times =
                    loads.stream().map(Browser.PageLoad::serverMillis).sorted().toList();
            lines.add(String.format(
                    "%-40s %5d %8.1f %8.1f %9d",
                    page,
                    loads.size(),
                    times.get((int) Math.ceil(0.50 * times.size()) - 1),
                    times.get((int) Math.ceil(0.99 * times.size()) - 1),
                    loads.getLast().htmlBytes()));
        });
        java.nio.file.Files.createDirectories(Browser.OUTPUT);
        java.nio.file.Files.write(Browser.OUTPUT.resolve("billing-page-costs.txt"), lines);
    }

    private static int quoteTotal(SignedIn admin, String quoteId) {
        return admin.api()
                .get("/api/v1/quotes/" + quoteId)
                .then()
                .statusCode(200)
                .extract()
                .path("total.amount");
    }

    private static JsonPath invoicesOf(SignedIn issuer) {
        return issuer.api()
                .get("/api/v1/invoices?size=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String withdrawalStatus(SignedIn admin, UUID tutorId, String withdrawalId) {
        return admin.api()
                .get("/api/v1/admin/payments/tutors/" + tutorId + "/withdrawals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("content.find { it.id == '" + withdrawalId + "' }.status");
    }

    /** The content type the page's link answers, fetched by the page itself with the browser's session. */
    private static String contentTypeOf(Browser browser, String linkCss) {
        String href = browser.find(linkCss).getAttribute("href");
        return (String) ((JavascriptExecutor) browser.driver)
                .executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('content-type')))
                    .catch(e => done(String(e)));
                """, href)
                .toString()
                .replaceFirst("^200 ", "");
    }

    /** A COMPLETED lesson of the tutor with the student, so the tutor may bill them (as DocumentTestBase does). */
    private void completedLesson(Tutors.Approved tutor, UUID studentId) {
        Instant start = Instant.parse("2025-03-01T08:00:00Z").plus(NEXT_SLOT.incrementAndGet() * 2L, ChronoUnit.HOURS);
        TenantContext.runAs(Tenants.idOf(jdbc, null), () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, lyceum_current_tenant(), :tutor, :student, :student, :subject, :start, :end,
                                :end, 'COMPLETED', 3000, 'GBP', :start, :end)
                        """)
                .param("id", Ids.newId())
                .param("tutor", tutor.id())
                .param("student", studentId)
                .param("subject", tutor.subjectId())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(60, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC))
                .update());
    }
}
