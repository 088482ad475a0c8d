package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.DemoApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The student's and guardian's pages in a real browser: moving a lesson (and the API's refusal when the time was just
 * taken), the month view of a tutor's free times with the API's price, a dispute from both sides until the decision,
 * a lesson package bought, used and refunded, a course pack's progress, and linking a child. Each ends with what the
 * API then answers, a screenshot in target/browser-journeys and an axe check. Skipped without Chromium.
 */
class LearnerPagesBrowserTests extends DemoApiTestBase {

    /** A tutor open around the clock, no confirmation: 60 minutes £30.00, 30 minutes £15.00. */
    private static Tutors.Approved tutor;

    @BeforeEach
    void chromiumAndATutor() {
        Browser.assumeChromium();
        synchronized (LearnerPagesBrowserTests.class) {
            if (tutor == null) {
                tutor = Tutors.approved(jdbc);
                OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, tutor.id(), false, 0, 0);
            }
        }
    }

    @Test
    void aStudentMovesALessonAndIsToldInWordsWhenTheTimeWasJustTaken() throws IOException {
        SignedIn student = Accounts.newUser("STUDENT");
        Instant start =
                freeStarts(LocalDate.now(ZoneOffset.UTC).plusDays(3), 60).getFirst();
        UUID lesson = bookAndPay(student, start, 60);
        Instant wanted;
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email(), Accounts.PASSWORD);
            browser.go("/lessons/" + lesson);
            browser.clickToLoad("#reschedule-lesson");
            assertThat(browser.path()).isEqualTo("/lessons/" + lesson + "/reschedule");
            assertThat(browser.text("#reschedule-rules")).startsWith("2 moves left, until ");
            browser.assertAccessible();

            // someone else takes the first time shown while the page is open: the API's refusal, in words
            List<WebElement> slots = browser.driver.findElements(By.cssSelector("form.week button.slot"));
            Instant taken = Instant.parse(slots.getFirst().getDomProperty("value"));
            wanted = Instant.parse(slots.get(5).getDomProperty("value"));
            holdSlot(Accounts.newUser("STUDENT"), taken);
            browser.clickToLoad("form.week button.slot[value='" + taken + "']");
            assertThat(browser.path()).startsWith("/lessons/" + lesson + "/reschedule");
            assertThat(browser.text("#error")).isEqualTo("Someone has just booked this time. Choose another.");

            browser.clickToLoad("form.week button.slot[value='" + wanted + "']");
            assertThat(browser.path()).isEqualTo("/lessons/" + lesson);
            assertThat(browser.text(".notice")).isEqualTo("Your lesson has moved.");
            browser.screenshot("learner-1-lesson-moved");
            browser.assertAccessible();
        }
        Map<String, Object> moved = student.api()
                .get("/api/v1/bookings/" + lesson)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(Instant.parse((String) moved.get("startsAt"))).isEqualTo(wanted);
        assertThat(moved).containsEntry("rescheduleCount", 1).containsEntry("reschedulesLeft", 1);
    }

    @Test
    void theMonthViewShowsFreeDaysWithTheApisPriceAndBooksFromADay() throws IOException {
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email(), Accounts.PASSWORD);
            browser.go("/tutors/" + tutor.id() + "/book");
            browser.clickToLoad("#month-view");
            assertThat(browser.path()).startsWith("/tutors/" + tutor.id() + "/book/month");
            assertThat(browser.text("#month-price")).isEqualTo("Price: £15.00");
            assertThat(browser.driver.findElements(By.cssSelector("a.month-day")))
                    .isNotEmpty();

            new org.openqa.selenium.support.ui.Select(browser.find("#duration")).selectByValue("60");
            browser.clickToLoad("#show-month");
            assertThat(browser.text("#month-price")).isEqualTo("Price: £30.00");
            browser.assertAccessible();

            List<WebElement> days = browser.driver.findElements(By.cssSelector("a.month-day"));
            String day = days.get(Math.min(2, days.size() - 1))
                    .findElement(By.xpath(".."))
                    .getDomAttribute("data-date");
            browser.clickToLoad("td[data-date='" + day + "'] a.month-day");
            assertThat(browser.find("td[data-date='" + day + "'] a.month-day").getDomAttribute("aria-current"))
                    .isEqualTo("date");
            browser.screenshot("learner-2-month-view");
            // on a phone-sized screen the month still fits and passes the checks
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.driver.navigate().refresh();
            browser.waitForReady();
            assertThat(browser.find("#month").getSize().getWidth()).isLessThanOrEqualTo(390);
            browser.assertAccessible();
            browser.screenshot("learner-2-month-view-phone");
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            browser.clickToLoad("#day-times button.slot");
            assertThat(browser.path()).startsWith("/book");
            assertThat(browser.text("#review-price")).isEqualTo("£30.00");

            // the French page
            browser.go("/tutors/" + tutor.id() + "/book/month?duration=60");
            new org.openqa.selenium.support.ui.Select(browser.find("#lang")).selectByValue("fr");
            browser.clickToLoad(".site-footer button[type=submit]");
            assertThat(browser.text("#next-month")).isEqualTo("Mois suivant");
            assertThat(browser.text("#week-view")).isEqualTo("Vue de la semaine");
        }
        // the page's price is the API's quote, which the booking charges
        Map<String, Object> quote = api().queryParam("duration", 60)
                .get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                .then()
                .statusCode(200)
                .extract()
                .path("quote.price");
        assertThat(quote).containsEntry("amount", 3000).containsEntry("currency", "GBP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStudentDisputesAFinishedLessonTheTutorAnswersAndBothSeeTheDecision() throws IOException {
        SignedIn student = Accounts.newUser("STUDENT");
        UUID lesson = finishedLesson(student);

        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email(), Accounts.PASSWORD);
            browser.go("/lessons/" + lesson);
            browser.clickToLoad("#dispute-lesson");
            browser.type("#reason", "The tutor left after twenty minutes");
            browser.clickToLoad("#open-dispute");
            assertThat(browser.text(".notice")).isEqualTo("Your dispute is open. An administrator will decide.");
            assertThat(browser.text("#dispute-state")).isEqualTo("Disputed");
            assertThat(browser.text("#opening-statement")).isEqualTo("The tutor left after twenty minutes");

            browser.type("#statement", "I have the chat log showing the time.");
            browser.clickToLoad("#send-statement");
            assertThat(browser.text("#statements li[data-role='STUDENT'] blockquote"))
                    .isEqualTo("I have the chat log showing the time.");
            // one statement more for the one who opened it: then the form is gone (the API refuses a second)
            assertThat(browser.driver.findElements(By.id("send-statement"))).isEmpty();
            browser.assertAccessible();
        }
        try (Browser browser = Browser.open(port)) {
            browser.signIn(tutor.tutor().email(), Accounts.PASSWORD);
            browser.go("/lessons/" + lesson + "/dispute");
            assertThat(browser.text("#opened-by")).endsWith("by the student:");
            // the tutor reads the student's statement before answering
            assertThat(browser.text("#statements li[data-role='STUDENT'] blockquote"))
                    .isEqualTo("I have the chat log showing the time.");
            browser.type("#statement", "The student's line dropped; I waited.");
            browser.clickToLoad("#send-statement");
            assertThat(browser.text(".notice")).isEqualTo("Your statement is sent to the administrator.");
        }
        List<Map<String, Object>> statements = tutor.admin()
                .api()
                .get("/api/v1/admin/disputes/" + lesson)
                .then()
                .statusCode(200)
                .extract()
                .path("statements");
        assertThat(statements)
                .extracting(s -> s.get("statement"))
                .containsExactlyInAnyOrder(
                        "The tutor left after twenty minutes",
                        "I have the chat log showing the time.",
                        "The student's line dropped; I waited.");

        tutor.admin()
                .api()
                .contentType("application/json")
                .body(Map.of("outcome", "SPLIT", "studentSharePercent", 50, "note", "Half of the lesson took place"))
                .post("/api/v1/admin/bookings/" + lesson + "/resolve")
                .then()
                .statusCode(200);
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email(), Accounts.PASSWORD);
            browser.go("/lessons/" + lesson + "/dispute");
            assertThat(browser.text("#dispute-state")).isEqualTo("Resolved");
            assertThat(browser.text("#outcome")).isEqualTo("The price is split between the student and the tutor.");
            assertThat(browser.text("#outcome-refund")).isEqualTo("£15.00");
            assertThat(browser.text("#outcome-tutor")).isEqualTo("£15.00");
            assertThat(browser.text("#statements li[data-role='TUTOR'] blockquote"))
                    .isEqualTo("The student's line dropped; I waited.");
            assertThat(browser.text("#statements li[data-role='TUTOR'] p.meta"))
                    .startsWith("Test tutor (the tutor), on ");
            browser.screenshot("learner-3-dispute-decided");
            browser.assertAccessible();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStudentBuysAPackagePaysALessonWithACreditAndRefundsTheUnusedOnes() throws IOException {
        String offer = tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of(
                        "subjectId",
                        tutor.subjectId(),
                        "level",
                        "GCSE",
                        "lessons",
                        5,
                        "durationMinutes",
                        60,
                        "discountPercent",
                        10))
                .post("/api/v1/tutors/me/package-offers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SignedIn student = Accounts.newUser("STUDENT");
        UUID pack;
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email(), Accounts.PASSWORD);
            browser.go("/tutors/" + tutor.id());
            browser.clickToLoad("a.buy-package[href='/tutors/" + tutor.id() + "/packages/" + offer + "']");
            assertThat(browser.text("#offer-price")).startsWith("£135.00");
            browser.assertAccessible();
            browser.clickToLoad("#buy-package");
            assertThat(browser.path()).startsWith("/pay/");
            pack = idIn(browser.path());
            browser.find("#card-pm_card_visa").click();
            browser.clickToLoad("#pay");
            assertThat(browser.path()).isEqualTo("/packages/" + pack + "?paid");
            awaitPackage(student, pack, "ACTIVE");

            UUID lesson = bookUnpaid(
                    student,
                    freeStarts(LocalDate.now(ZoneOffset.UTC).plusDays(4), 60).getFirst(),
                    60);
            browser.go("/packages/" + pack);
            assertThat(browser.text("#package-credits")).isEqualTo("5 of 5 lessons of 60 minutes left");
            browser.clickToLoad("li[data-booking='" + lesson + "'] button.use-credit");
            assertThat(browser.path()).isEqualTo("/lessons/" + lesson);
            assertThat(browser.text(".notice")).isEqualTo("Paid with a package credit.");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat((String) student.api()
                            .get("/api/v1/bookings/" + lesson)
                            .then()
                            .extract()
                            .path("state"))
                    .isEqualTo("CONFIRMED"));

            browser.go("/packages/" + pack);
            assertThat(browser.text("#package-credits")).isEqualTo("4 of 5 lessons of 60 minutes left");
            assertThat(browser.text("#refund-value")).isEqualTo("£108.00 goes back to the card that paid.");
            browser.assertAccessible();
            browser.find("#refund-package").click();
            browser.driver.switchTo().alert().accept();
            browser.waitForText(".notice", "The unused credits are refunded to the card that paid.");
            assertThat(browser.text("#package-status")).isEqualTo("Refunded");

            browser.go("/packages");
            assertThat(browser.text("article[data-package='" + pack + "'] .status"))
                    .isEqualTo("Refunded");
            browser.screenshot("learner-4-packages");
            browser.assertAccessible();
        }
        Map<String, Object> refunded = student.api()
                .get("/api/v1/packages/" + pack)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(refunded).containsEntry("status", "REFUNDED");
        assertThat((Map<String, Object>) refunded.get("credits"))
                .containsEntry("used", 1)
                .containsEntry("refunded", 4);
    }

    @Test
    void aGuardianBuysAPackageForTheirLinkedChild() throws IOException {
        String offer = tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of(
                        "subjectId",
                        tutor.subjectId(),
                        "level",
                        "GCSE",
                        "lessons",
                        3,
                        "durationMinutes",
                        30,
                        "price",
                        Map.of("amount", 4000, "currency", "GBP")))
                .post("/api/v1/tutors/me/package-offers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        SignedIn child = Accounts.newUser("STUDENT");
        guardian.api()
                .contentType("application/json")
                .body(Map.of("studentEmail", child.email()))
                .post("/api/v1/links/invitations")
                .then()
                .statusCode(202);
        child.api()
                .contentType("application/json")
                .body(Map.of("invitationCode", invitationCode(child.email())))
                .post("/api/v1/links/accept")
                .then()
                .statusCode(201);
        UUID pack;
        try (Browser browser = Browser.open(port)) {
            browser.signIn(guardian.email(), Accounts.PASSWORD);
            browser.go("/tutors/" + tutor.id() + "/packages/" + offer);
            assertThat(new org.openqa.selenium.support.ui.Select(browser.find("#studentId"))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("Test student");
            browser.clickToLoad("#buy-package");
            pack = idIn(browser.path());
            browser.find("#card-pm_card_visa").click();
            browser.clickToLoad("#pay");
            awaitPackage(guardian, pack, "ACTIVE");
            browser.go("/packages");
            assertThat(browser.text("article[data-package='" + pack + "'] .meta"))
                    .isEqualTo("For Test student");
            assertThat(browser.text("article[data-package='" + pack + "'] .credits"))
                    .isEqualTo("3 of 3 lessons of 30 minutes left");
            browser.assertAccessible();
        }
        // the package is the child's, paid by the guardian
        Map<String, Object> bought = child.api()
                .get("/api/v1/packages/" + pack)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(bought)
                .containsEntry("studentId", child.userId().toString())
                .containsEntry("buyerId", guardian.userId().toString())
                .containsEntry("status", "ACTIVE");
    }

    @Test
    void miaFollowsHerCoursePackAndIsToldWhyARefundIsNotPossibleYet() throws IOException {
        try (Browser browser = Browser.open(port)) {
            browser.signIn("mia.rossi@lyceum.local", "demo-password-2026");
            browser.go("/packages");
            browser.clickToLoad("#enrollments tbody tr a");
            assertThat(browser.path()).startsWith("/enrollments/");
            UUID enrollment = idIn(browser.path());
            assertThat(browser.text("#enrollment-status")).isEqualTo("Active");
            assertThat(browser.text("#enrollment-progress")).isEqualTo("0 of 8 lessons done");
            assertThat(browser.driver.findElements(By.cssSelector("#enrollment-lessons tbody tr")))
                    .hasSize(8);
            browser.assertAccessible();

            browser.type("#refund-reason", "Exams moved");
            browser.clickToLoad("#request-refund");
            assertThat(browser.text("#error"))
                    .isEqualTo("A refund can be asked only right after the first lesson, while exactly one lesson"
                            + " is done.");
            browser.screenshot("learner-5-enrollment");

            String token = Accounts.request(null)
                    .contentType("application/json")
                    .body(Map.of("email", "mia.rossi@lyceum.local", "password", "demo-password-2026"))
                    .post("/api/v1/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            Object request = Accounts.request(null)
                    .header("Authorization", "Bearer " + token)
                    .get("/api/v1/enrollments/" + enrollment)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("refundRequest");
            assertThat(request).isNull();
        }
    }

    @Test
    void aGuardianInvitesAChildWhoAcceptsThenTheyUnlink() throws IOException {
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(guardian.email(), Accounts.PASSWORD);
            browser.go("/family");
            assertThat(browser.text("#no-children")).isEqualTo("No child is linked yet.");
            browser.type("#studentEmail", student.email());
            browser.clickToLoad("#send-invitation");
            assertThat(browser.text(".notice"))
                    .isEqualTo("If a student has this address, they have been sent the invitation.");
            browser.assertAccessible();
        }
        String code = invitationCode(student.email());
        String pairing;
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student.email(), Accounts.PASSWORD);
            browser.go("/family");
            assertThat(browser.text("#invitations li span")).isEqualTo("Test guardian invited you to link.");
            browser.type("#invitationCode", code);
            browser.clickToLoad("#accept-invitation");
            assertThat(browser.text(".notice")).isEqualTo("You are linked.");
            assertThat(browser.text("#guardians li[data-guardian='" + guardian.userId() + "'] strong"))
                    .isEqualTo("Test guardian");
            browser.clickToLoad("#make-code");
            pairing = browser.text("#pairing-code");
            assertThat(pairing).matches("[A-Z2-9]{8}");
            browser.screenshot("learner-6-family-student");
            browser.assertAccessible();
        }
        try (Browser browser = Browser.open(port)) {
            browser.signIn(guardian.email(), Accounts.PASSWORD);
            browser.go("/family");
            assertThat(browser.text("#children li[data-student='" + student.userId() + "'] strong"))
                    .isEqualTo("Test student");
            // already linked: the child's pairing code is refused, in words
            browser.type("#pairingCode", pairing);
            browser.clickToLoad("#redeem-code");
            assertThat(browser.text("#error")).isEqualTo("You are already linked.");

            browser.find("#children li[data-student='" + student.userId() + "'] button.unlink")
                    .click();
            browser.driver.switchTo().alert().accept();
            browser.waitForText(".notice", "The link has ended.");
            assertThat(browser.text("#no-children")).isEqualTo("No child is linked yet.");
        }
        List<Object> children = guardian.api()
                .get("/api/v1/links/my-students")
                .then()
                .statusCode(200)
                .extract()
                .path("content");
        assertThat(children).isEmpty();
    }

    /** Server time (p50, p99) and weight of each page these journeys loaded, in target/browser-journeys. */
    @AfterAll
    static void reportPageCosts() throws IOException {
        var byPage = new TreeMap<String, List<Browser.PageLoad>>(
                Browser.LOADS.stream().collect(Collectors.groupingBy(Browser.PageLoad::page)));
        var lines = new ArrayList<String>();
        lines.add(String.format("%-40s %5s %8s %8s %9s", "page", "loads", "p50 ms", "p99 ms", "HTML B"));
        byPage.forEach((page, loads) -> {
            List<Double> times =
                    loads.stream().map(Browser.PageLoad::serverMillis).sorted().toList();
            lines.add(String.format(
                    "%-40s %5d %8.1f %8.1f %9d",
                    page,
                    loads.size(),
                    times.get((int) Math.ceil(0.50 * times.size()) - 1),
                    times.get((int) Math.ceil(0.99 * times.size()) - 1),
                    loads.getLast().htmlBytes()));
        });
        Files.createDirectories(Browser.OUTPUT);
        Files.write(Browser.OUTPUT.resolve("learner-page-costs.txt"), lines);
    }

    // ---- fixtures

    private List<Instant> freeStarts(LocalDate day, int minutes) {
        List<String> starts = api().queryParam("from", day.toString())
                .queryParam("to", day.plusDays(1).toString())
                .queryParam("duration", minutes)
                .get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                .then()
                .statusCode(200)
                .extract()
                .path("slots.start");
        return starts.stream().map(Instant::parse).toList();
    }

    private static UUID bookUnpaid(SignedIn student, Instant start, int minutes) {
        String id = student.api()
                .contentType("application/json")
                .body(Map.of("tutorId", tutor.id(), "startsAt", start.toString(), "durationMinutes", minutes))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    /** Another student's booking of that start, held while it waits for payment. */
    private static void holdSlot(SignedIn other, Instant start) {
        bookUnpaid(other, start, 60);
    }

    private static UUID bookAndPay(SignedIn student, Instant start, int minutes) {
        UUID id = bookUnpaid(student, start, minutes);
        student.api()
                .contentType("application/json")
                .body(Map.of("orderId", id, "paymentMethodId", "pm_card_visa", "returnUrl", "http://localhost/return"))
                .post("/api/v1/payments/checkout")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat((String) student.api()
                        .get("/api/v1/bookings/" + id)
                        .then()
                        .extract()
                        .path("state"))
                .isEqualTo("CONFIRMED"));
        return id;
    }

    private static void awaitPackage(SignedIn student, UUID pack, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat((String) student.api()
                        .get("/api/v1/packages/" + pack)
                        .then()
                        .extract()
                        .path("status"))
                .isEqualTo(status));
    }

    /** A lesson of the tutor with the student that ended an hour ago (inside the dispute window), £30.00. */
    private UUID finishedLesson(SignedIn student) {
        UUID id = Ids.newId();
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, trial,
                                              starts_at, ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, false, :start, :end, :end, 'COMPLETED',
                                3000, 'GBP', now(), now())
                        """)
                .param("id", id)
                .param("t", TenantId.DEFAULT.value())
                .param("tutor", tutor.id())
                .param("student", student.userId())
                .param("subject", tutor.subjectId())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .update());
        return id;
    }

    private static String invitationCode(String email) {
        String body = Accounts.request(null)
                .queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content[0].body");
        var matcher = Pattern.compile("invitation code is ([A-Z0-9]+)").matcher(body);
        assertThat(matcher.find()).as("an invitation code in: " + body).isTrue();
        return matcher.group(1);
    }

    private static UUID idIn(String path) {
        var matcher = Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(path);
        assertThat(matcher.find()).as("an id in " + path).isTrue();
        return UUID.fromString(matcher.group());
    }
}
