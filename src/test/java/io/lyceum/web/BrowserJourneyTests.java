package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journeys of issue 14 in a real browser (Debian's Chromium through Selenium), each ending in assertions on the
 * page and on what the API then answers; a screenshot of each journey's last page goes to target/browser-journeys and
 * axe-core checks it. Skipped, with one line, where Chromium is not installed.
 */
class BrowserJourneyTests extends ApiTestBase {

    /** A made-up subject word so the misspelt search finds exactly this run's tutor. */
    private static final String WORD = "Heliography";

    private static final String MISSPELT = "Heliograpy";

    private static SignedIn admin;
    private static SignedIn tutor;

    @BeforeEach
    void chromiumAndATutor() {
        Browser.assumeChromium();
        synchronized (BrowserJourneyTests.class) {
            if (tutor == null) {
                admin = Tenants.newStaff(jdbc, "ADMIN", null);
                tutor = tutor(WORD + " coach for curious minds", 1000);
                Tutors.approve(admin, tutor);
                OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, tutor.userId(), false, 0, 0);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStudentSignsUpFindsATutorByAMisspeltSubjectBooksATrialAndPaysWithTheTestVisa() throws IOException {
        String email = Accounts.uniqueEmail("web-student");
        try (Browser browser = Browser.open(port)) {
            browser.go("/signup");
            browser.type("#fullName", "Wren Student");
            browser.type("#email", email);
            browser.type("#password", Accounts.PASSWORD);
            browser.clickToLoad("form.stack button[type=submit]");
            assertThat(browser.path()).startsWith("/verify");
            browser.type("#code", Accounts.latestCode(email, null));
            browser.clickToLoad("form.stack button[type=submit]");
            assertThat(browser.path()).startsWith("/signin");
            browser.type("#password", Accounts.PASSWORD);
            browser.clickToLoad("form.stack button[type=submit]");
            assertThat(browser.path()).isEqualTo("/lessons");

            browser.go("/");
            browser.type("#home-q", MISSPELT);
            browser.clickToLoad("form[role=search] button");
            assertThat(browser.text("#result-count")).isEqualTo("1 tutor");
            browser.clickToLoad("#results a[href='/tutors/" + tutor.userId() + "']");
            browser.clickToLoad("#book-trial");
            assertThat(browser.text("#price-before")).isEqualTo("Price: £10.00");
            browser.clickToLoad("button.slot");
            assertThat(browser.text("#review-price")).isEqualTo("£10.00");
            browser.clickToLoad("#place-booking");
            assertThat(browser.path()).startsWith("/pay/");
            assertThat(browser.text("#checkout-amount")).isEqualTo("£10.00");
            browser.find("#card-pm_card_visa").click();
            browser.clickToLoad("#pay");

            assertThat(browser.path()).startsWith("/lessons/").endsWith("?paid");
            assertThat(browser.text("#lesson-notice")).isEqualTo("Your lesson is booked.");
            browser.waitForText("#lesson-state", "Confirmed");
            UUID bookingId = idIn(browser.path());
            browser.screenshot("1-trial-paid-with-visa");
            browser.assertAccessible();

            SignedIn student = Accounts.login(email, null);
            Map<String, Object> booking = student.api()
                    .get("/api/v1/bookings/" + bookingId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            assertThat(booking).containsEntry("state", "CONFIRMED").containsEntry("trial", true);
            assertThat((Map<String, Object>) booking.get("price"))
                    .containsEntry("amount", 1000)
                    .containsEntry("currency", "GBP");
        }
    }

    @Test
    void aStudentPaysWithTheThreeDSecureCardThroughItsChallenge() throws IOException {
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email());
            browser.go("/tutors/" + tutor.userId() + "/book");
            assertThat(browser.text("#price-before")).isEqualTo("Price: £15.00");
            browser.clickToLoad("button.slot");
            browser.clickToLoad("#place-booking");
            UUID bookingId = idIn(browser.path());
            browser.find("#card-pm_card_authenticationRequired").click();
            browser.clickToLoad("#pay");
            assertThat(browser.path()).startsWith("/sandbox/3ds/");
            browser.clickToLoad("button[value=succeed]");
            browser.waitForUrl("/lessons/");
            browser.waitForReady();
            browser.measure();
            browser.waitForText("#lesson-state", "Confirmed");
            browser.screenshot("2-paid-through-3ds-challenge");
            browser.assertAccessible();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat((String) student.api()
                            .get("/api/v1/bookings/" + bookingId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("state"))
                    .isEqualTo("CONFIRMED"));
        }
    }

    @Test
    void aDeclinedCardShowsTheDeclineAndReleasingTheHoldFreesTheSlot() throws IOException {
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email());
            browser.go("/tutors/" + tutor.userId() + "/book");
            String start = browser.find("button.slot").getAttribute("value");
            browser.clickToLoad("button.slot");
            browser.clickToLoad("#place-booking");
            UUID bookingId = idIn(browser.path());
            assertThat(freeStarts(start)).as("held while paying").doesNotContain(start);

            browser.find("#card-pm_card_chargeDeclined").click();
            browser.clickToLoad("#pay");
            assertThat(browser.text("#error")).contains("Your card was declined");
            assertThat(browser.path()).isEqualTo("/pay/" + bookingId);
            browser.clickToLoad("#release");
            assertThat(browser.text("#lesson-state")).isEqualTo("Cancelled");
            browser.screenshot("3-declined-then-released");
            browser.assertAccessible();

            assertThat((String) student.api()
                            .get("/api/v1/bookings/" + bookingId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("state"))
                    .isEqualTo("CANCELLED");
            assertThat(freeStarts(start)).as("free again").contains(start);
        }
    }

    @Test
    void anAdminApprovesAPendingTutorWhoThenAppearsInSearch() throws IOException {
        String token =
                "Zythology" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
        SignedIn pending = tutor(token + " mentor", 0);
        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin.email());
            assertThat(browser.path()).isEqualTo("/admin/tutors");
            browser.clickToLoad("article[data-tutor='" + pending.userId() + "'] button.approve");
            assertThat(browser.text("p.notice")).isEqualTo("The tutor is approved and now appears in search.");
            assertThat(browser.driver.findElements(
                            org.openqa.selenium.By.cssSelector("article[data-tutor='" + pending.userId() + "']")))
                    .isEmpty();

            browser.go("/tutors?q=" + token);
            browser.find("#results a[href='/tutors/" + pending.userId() + "']");
            browser.screenshot("4-approved-tutor-in-search");
            browser.assertAccessible();
        }
        List<String> found = api().queryParam("q", token)
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .extract()
                .path("content.tutorId");
        assertThat(found).containsExactly(pending.userId().toString());
    }

    @Test
    void aTutorConfirmsARequest() throws IOException {
        SignedIn confirming = tutor("Calligraphy teacher who confirms each request", 0);
        Tutors.approve(admin, confirming);
        OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, confirming.userId(), true, 0, 0);
        SignedIn student = Accounts.newUser("STUDENT");
        String start = firstFreeStart(confirming.userId());
        String bookingId = student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId",
                        confirming.userId(),
                        "subjectId",
                        subjectOf(confirming),
                        "level",
                        "GCSE",
                        "startsAt",
                        start,
                        "durationMinutes",
                        30,
                        "trial",
                        true))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(confirming.email());
            assertThat(browser.path()).isEqualTo("/teach");
            browser.clickToLoad("article.request[data-booking='" + bookingId + "'] button.confirm");
            assertThat(browser.text("p.notice")).isEqualTo("The lesson is confirmed.");
            browser.find("#tutor-upcoming li[data-booking='" + bookingId + "']");
            browser.screenshot("5-tutor-confirmed-request");
            browser.assertAccessible();
        }
        assertThat((String) confirming
                        .api()
                        .get("/api/v1/bookings/" + bookingId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("state"))
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aTutorConfirmsAPaidRequestAndSeesItsEarningOnceTheLessonIsDone() throws IOException {
        SignedIn teaching = tutor("Sundial maker who confirms each paid request", 0);
        Tutors.approve(admin, teaching);
        OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, teaching.userId(), true, 0, 0);
        SignedIn student = Accounts.newUser("STUDENT");
        String start = firstFreeStart(teaching.userId());
        String bookingId = student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId",
                        teaching.userId(),
                        "subjectId",
                        subjectOf(teaching),
                        "level",
                        "GCSE",
                        "startsAt",
                        start,
                        "durationMinutes",
                        60))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        student.api()
                .contentType("application/json")
                .body(Map.of(
                        "orderId", bookingId, "paymentMethodId", "pm_card_visa", "returnUrl", "http://localhost/r"))
                .post("/api/v1/payments/checkout")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REQUESTED".equals(stateOf(student, bookingId)));
        try (Browser browser = Browser.open(port)) {
            browser.signIn(teaching.email());
            browser.clickToLoad("article.request[data-booking='" + bookingId + "'] button.confirm");
            assertThat(browser.text("p.notice")).isEqualTo("The lesson is confirmed.");

            // the lesson takes place; two hours after its end it is completed and its earning is pending
            // (access tokens are short-lived: everyone signs in again at the new time)
            testClock.advanceTo(Instant.parse(start).plus(Duration.ofHours(3).plusMinutes(5)));
            SignedIn studentNow = Accounts.login(student.email(), null);
            SignedIn tutorNow = Accounts.login(teaching.email(), null);
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(stateOf(studentNow, bookingId)));
            long pending =
                    await().atMost(Duration.ofSeconds(30)).until(() -> pendingPence(tutorNow), amount -> amount > 0);
            assertThat(pending).isLessThan(3000); // the lesson's 30.00 less the commission
            browser.signIn(teaching.email());
            browser.go("/teach");
            assertThat(browser.text(".card .pending"))
                    .isEqualTo(String.format("£%d.%02d", pending / 100, pending % 100));
            browser.screenshot("6-tutor-earning-pending");
            browser.assertAccessible();
        }
    }

    @Test
    void aGuardianBooksForTheirLinkedChildAndPaysAnInvoice() throws IOException {
        String invoiceId;
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        SignedIn child = Accounts.newUser("STUDENT");
        Accounts.linkGuardian(guardian, child);
        try (Browser browser = Browser.open(port)) {
            browser.signIn(guardian.email());
            browser.go("/tutors/" + tutor.userId());
            browser.clickToLoad("#book-trial");
            browser.clickToLoad("button.slot");
            new org.openqa.selenium.support.ui.Select(browser.find("#studentId"))
                    .selectByValue(child.userId().toString());
            browser.clickToLoad("#place-booking");
            assertThat(browser.path()).startsWith("/pay/");
            browser.find("#card-pm_card_visa").click();
            browser.clickToLoad("#pay");
            assertThat(browser.text("#lesson-notice")).isEqualTo("Your lesson is booked.");
            UUID bookingId = idIn(browser.path());
            Map<String, Object> booking = child.api()
                    .get("/api/v1/bookings/" + bookingId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            assertThat(booking)
                    .containsEntry("studentId", child.userId().toString())
                    .containsEntry("bookedBy", guardian.userId().toString());

            // an invoice to the guardian: paid from the invoices page through checkout
            invoiceId = admin.api()
                    .contentType("application/json")
                    .body(Map.of(
                            "recipientId",
                            guardian.userId(),
                            "currency",
                            "GBP",
                            "lines",
                            List.of(Map.of(
                                    "description",
                                    "Exam workbook",
                                    "quantity",
                                    1,
                                    "unitPrice",
                                    Map.of("amount", 1850, "currency", "GBP")))))
                    .post("/api/v1/invoices")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            admin.api().post("/api/v1/invoices/" + invoiceId + "/send").then().statusCode(200);
            browser.go("/invoices");
            browser.clickToLoad("a.button[href='/pay/" + invoiceId + "']");
            assertThat(browser.text("#checkout-amount")).isEqualTo("£18.50");
            browser.find("#card-pm_card_visa").click();
            browser.clickToLoad("#pay");
            assertThat(browser.path()).startsWith("/invoices?paid");
            assertThat(browser.text("p.notice")).isEqualTo("Thank you: the invoice is paid.");
            browser.screenshot("7-guardian-invoice-paid");
            browser.assertAccessible();
        }
        assertThat((String) guardian.api()
                        .get("/api/v1/invoices/" + invoiceId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("status"))
                .isEqualTo("PAID");
    }

    @Test
    void pagesAnswerInFrenchWhenTheBrowserAsksForIt() {
        // the message bundles, without a browser: the second language proves the mechanism
        String html = api().header("Accept-Language", "fr-FR")
                .accept("text/html")
                .get("/signin")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"))
                .extract()
                .asString();
        assertThat(html).contains("Connexion").contains("Mot de passe oublié ?").doesNotContain("<script>");
    }

    @AfterAll
    static void reportPageCosts() throws IOException {
        if (Browser.LOADS.isEmpty()) {
            return;
        }
        var byPage = new TreeMap<String, List<Browser.PageLoad>>(
                Browser.LOADS.stream().collect(Collectors.groupingBy(Browser.PageLoad::page)));
        var lines = new ArrayList<String>();
        lines.add(String.format(
                "%-28s %5s %8s %8s %9s %8s %8s", "page", "loads", "p50 ms", "p99 ms", "HTML B", "CSS B", "JS B"));
        byPage.forEach((page, loads) -> {
            List<Double> times = loads.stream()
                    .map(Browser.PageLoad::serverMillis)
                    .sorted(Comparator.naturalOrder())
                    .toList();
            Browser.PageLoad last = loads.getLast();
            lines.add(String.format(
                    "%-28s %5d %8.1f %8.1f %9d %8d %8d",
                    page,
                    loads.size(),
                    percentile(times, 50),
                    percentile(times, 99),
                    last.htmlBytes(),
                    last.cssBytes(),
                    last.jsBytes()));
        });
        Files.createDirectories(Browser.OUTPUT);
        Files.write(Browser.OUTPUT.resolve("page-costs.txt"), lines);
        lines.forEach(System.out::println);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String stateOf(SignedIn user, String bookingId) {
        return user.api()
                .get("/api/v1/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    /** The tutor's pending earnings in pence, from the wallet's GBP balance (0 before there is one). */
    @SuppressWarnings("unchecked")
    private static long pendingPence(SignedIn teaching) {
        List<Map<String, Object>> balances = teaching.api()
                .get("/api/v1/wallet/balance")
                .then()
                .statusCode(200)
                .extract()
                .path("balances");
        return balances.stream()
                .filter(b -> "GBP".equals(b.get("currency")))
                .map(b -> ((Number) ((Map<String, Object>) b.get("pending")).get("amount")).longValue())
                .findFirst()
                .orElse(0L);
    }

    /** A tutor whose complete profile is submitted: one GCSE subject at 30.00 GBP an hour, 30 and 60 minute lessons. */
    private SignedIn tutor(String headline, int trialPrice) {
        String subjectId = Tutors.subject(admin);
        SignedIn created = Accounts.newUser("TUTOR");
        put(created, "about", Map.of("headline", headline, "bio", "Lessons planned around each student."));
        put(
                created,
                "subjects",
                List.of(Map.of(
                        "subjectId", subjectId, "level", "GCSE", "price", Map.of("amount", 3000, "currency", "GBP"))));
        put(
                created,
                "pricing",
                Map.of(
                        "currency",
                        "GBP",
                        "lessonLengths",
                        List.of(60, 30),
                        "trialLessonPrice",
                        Map.of("amount", trialPrice, "currency", "GBP")));
        put(created, "languages", List.of("en"));
        put(created, "teaching", Map.of("teachingMode", "ONLINE", "timeZone", "Europe/London"));
        created.api().post("/api/v1/tutors/me/submit").then().statusCode(200);
        return created;
    }

    private static void put(SignedIn user, String section, Object body) {
        user.api()
                .contentType("application/json")
                .body(body)
                .put("/api/v1/tutors/me/" + section)
                .then()
                .statusCode(200);
    }

    private String subjectOf(SignedIn someTutor) {
        return api().get("/api/v1/tutors/" + someTutor.userId())
                .then()
                .statusCode(200)
                .extract()
                .path("subjects[0].subjectId");
    }

    private String firstFreeStart(UUID tutorId) {
        return api().queryParam("duration", 30)
                .get("/api/v1/tutors/" + tutorId + "/available-slots")
                .then()
                .statusCode(200)
                .extract()
                .path("slots[0].start");
    }

    private List<String> freeStarts(String start) {
        Instant at = Instant.parse(start);
        return api().queryParam("from", at.toString())
                .queryParam("to", at.plusSeconds(3600).toString())
                .queryParam("duration", 30)
                .get("/api/v1/tutors/" + tutor.userId() + "/available-slots")
                .then()
                .statusCode(200)
                .extract()
                .path("slots.start");
    }

    private static UUID idIn(String path) {
        var matcher =
                java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(path);
        assertThat(matcher.find()).as("an id in " + path).isTrue();
        return UUID.fromString(matcher.group());
    }
}
