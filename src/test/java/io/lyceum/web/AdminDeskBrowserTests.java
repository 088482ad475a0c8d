package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.messaging.ConversationType;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The report button, "my reports" and the admin desk in a real browser: a student reports a tutor's profile and a
 * message; an admin assigns, investigates and resolves a report with a warning; the student sees the outcome; the
 * admin settles a disputed lesson and finds it all in the moderation log. Skipped without Chromium.
 */
class AdminDeskBrowserTests extends ApiTestBase {

    @Autowired
    MessagingApi messaging;

    @Test
    void aStudentReportsAndAnAdminWorksTheDesk() throws IOException {
        Browser.assumeChromium();
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID room = TenantContext.callAs(
                TenantId.DEFAULT,
                () -> messaging.openConversation(ConversationType.STUDENT_TUTOR, student.userId(), tutor.id(), "TEST"));
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("conversationId", room.toString(), "body", "Pay me in cash and skip the platform"))
                .post("/api/v1/messages")
                .then()
                .statusCode(201);

        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);

            // the report button on the tutor's profile
            browser.go("/tutors/" + tutor.id());
            browser.clickToLoad("a.report-link");
            assertThat(browser.path()).startsWith("/report?");
            browser.assertAccessible();
            browser.type("#description", "Asks to be paid outside the platform");
            browser.clickToLoad("#report-form button[type=submit]");
            assertThat(browser.path()).isEqualTo("/my-reports");
            assertThat(browser.text("p.notice")).contains("Your report was sent");
            assertThat(browser.text("table.my-reports tbody tr:first-child .status"))
                    .isEqualTo("Open");

            // and on a message
            browser.go("/messages/" + room);
            browser.clickToLoad("ol.messages li.theirs a.report-link");
            assertThat(browser.text("main p")).contains("Pay me in cash and skip the platform");
            browser.type("#description", "Same again in the chat");
            browser.clickToLoad("#report-form button[type=submit]");
            assertThat(browser.find("table.my-reports").findElements(org.openqa.selenium.By.cssSelector("tbody tr")))
                    .hasSize(2);
            browser.assertAccessible();
            browser.screenshot("desk-my-reports");
        }

        UUID profileReport = UUID.fromString(student.api()
                .get("/api/v1/my-reports")
                .then()
                .extract()
                .path("content.find { it.targetType == 'PROFILE' }.id"));
        UUID disputed = disputedLesson(tutor.id(), student);

        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin);
            // non-admins do not get here; admins see the queue
            browser.go("/admin/reports");
            browser.find("tr[data-report='" + profileReport + "']");
            browser.assertAccessible();
            browser.clickToLoad("tr[data-report='" + profileReport + "'] a");
            browser.clickToLoad("#assign-to-me");
            assertThat(browser.text("p.notice")).isEqualTo("The report is assigned to you.");
            browser.clickToLoad("#investigate");
            assertThat(browser.text("dd.status")).isEqualTo("Investigating");
            new Select(browser.find("#resolution")).selectByValue("WARNED");
            browser.type("#message", "Keep payments on Lyceum, please.");
            browser.type("#publicResolution", "We warned the tutor.");
            browser.type("#adminNote", "First warning");
            browser.assertAccessible();
            browser.clickToLoad("#resolve");
            assertThat(browser.text("dd.status")).isEqualTo("Resolved");
            assertThat(browser.text("dd.resolution")).isEqualTo("User warned");
            browser.screenshot("desk-report");

            // the disputes desk
            browser.go("/admin/disputes");
            browser.clickToLoad("tr[data-booking='" + disputed + "'] a");
            assertThat(browser.text("ol.statements")).contains("The tutor never came");
            assertThat(browser.find("a.recording").getAttribute("href"))
                    .isEqualTo("https://recordings.example.com/" + disputed);
            browser.assertAccessible();
            new Select(browser.find("#outcome")).selectByValue("REFUND_STUDENT");
            browser.type("#note", "No show by the tutor");
            browser.clickToLoad("#settle-button");
            assertThat(browser.text("p.notice")).isEqualTo("The dispute is settled.");
            assertThat(browser.text("dd.state")).isEqualTo("RESOLVED");
            browser.screenshot("desk-dispute");

            // the moderation log has the report's resolution and the settlement
            browser.go("/admin/audit-log?subjectType=REPORT");
            browser.find("tr[data-action='REPORT_RESOLVED']");
            browser.assertAccessible();
            browser.go("/admin/audit-log?action=BOOKING_DISPUTE_RESOLVED");
            browser.find("tr[data-action='BOOKING_DISPUTE_RESOLVED']");
        }

        // the student sees the outcome, and never the note
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/my-reports");
            String table = browser.text("table.my-reports");
            assertThat(table).contains("User warned", "We warned the tutor.").doesNotContain("First warning");
        }
    }

    @Test
    void theDeskPagesAreForAdminsOnly() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/admin/reports");
            assertThat(browser.text("main")).contains("not allowed");
            browser.go("/admin/disputes");
            assertThat(browser.text("main")).contains("not allowed");
        }
    }

    /** A completed lesson with a Lessonspace recording, disputed by the student through the API. */
    private UUID disputedLesson(UUID tutor, SignedIn student) {
        UUID id = Ids.newId();
        Instant start = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES);
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, trial,
                                              starts_at, ends_at, occupied_until, state, price_amount, price_currency,
                                              meeting_provider, recording_url, created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, false, :start, :end, :end, 'COMPLETED',
                                3000, 'GBP', 'lessonspace', :recording, now(), now())
                        """)
                .param("id", id)
                .param("t", TenantId.DEFAULT.value())
                .param("tutor", tutor)
                .param("student", student.userId())
                .param("subject", UUID.randomUUID())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .param("recording", "https://recordings.example.com/" + id)
                .update());
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "The tutor never came"))
                .post("/api/v1/bookings/" + id + "/dispute")
                .then()
                .statusCode(200);
        return id;
    }
}
