package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.scheduling.BookingPaymentSucceeded;
import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification bell, the list and the settings page in a real browser: a tutor sees the count of a new paid
 * booking request, opens it and confirms the lesson from the page its link leads to; then changes their settings, in
 * English and in French. Skipped without Chromium.
 */
class NotificationPagesBrowserTests extends ApiTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aTutorConfirmsARequestFromTheBellAndChangesTheirSettings() throws IOException {
        Browser.assumeChromium();
        Tutors.Approved approved = Tutors.approved(jdbc);
        TenantId tenant = Tenants.idOf(jdbc, null);
        OpenSchedules.openAllWeek(jdbc, tenant, approved.id(), true, 0, 60);
        SignedIn student = Accounts.newUser("STUDENT");
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(45).atTime(13, 0).toInstant(ZoneOffset.UTC);
        UUID booking = UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId", approved.id().toString(),
                        "subjectId", approved.subjectId().toString(),
                        "startsAt", start.toString(),
                        "durationMinutes", 60,
                        "trial", false))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(s -> events.publishEvent(
                        new BookingPaymentSucceeded(tenant, BookingId.of(booking), "pay-" + booking, Instant.now()))));
        SignedIn tutor = approved.tutor();
        await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(2)
                .equals(tutor.api().get("/api/v1/notifications/unread-count").path("count")));

        try (Browser browser = Browser.open(port)) {
            browser.go("/signin");
            browser.type("#email", tutor.email());
            browser.type("#password", Accounts.PASSWORD);
            browser.clickToLoad("form.stack button[type=submit]");

            // the bell in the header counts what is unread
            browser.waitForText("#bell-count", "2");
            browser.clickToLoad("#bell");
            assertThat(browser.text("#unread")).isEqualTo("2 unread");
            assertThat(browser.text("li[data-kind='booking.requested'] strong")).startsWith("New lesson request from");
            browser.screenshot("notifications-list");
            browser.assertAccessible();

            // opening it marks it read and leads to the confirmation page of the email's link
            browser.clickToLoad("li[data-kind='booking.requested'] button.open");
            assertThat(browser.path()).isEqualTo("/teach/bookings/" + booking + "/confirm");
            browser.clickToLoad("#confirm");
            await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED"
                    .equals(tutor.api().get("/api/v1/bookings/" + booking).path("state")));
            browser.waitForText("#bell-count", "1");

            // settings: the daily digest for messages, no email about reviews
            browser.go("/notifications/settings");
            assertThat(browser.find("input[name='MESSAGES.email']").isSelected())
                    .isTrue();
            browser.find("input[name='MESSAGES.digest']").click();
            browser.find("input[name='REVIEWS.email']").click();
            assertThat(browser.find("input[name='SECURITY.email']").isEnabled()).isFalse();
            browser.clickToLoad("#save");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#error, ul.error li")).stream()
                            .map(org.openqa.selenium.WebElement::getText)
                            .toList())
                    .as("problems shown after saving, on " + browser.path())
                    .isEmpty();
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("p.notice")))
                    .as("the page after saving: " + browser.path() + " "
                            + browser.driver
                                    .findElement(org.openqa.selenium.By.tagName("main"))
                                    .getText())
                    .isNotEmpty();
            assertThat(browser.text("p.notice")).isEqualTo("Your notification settings are saved.");
            Map<String, Object> saved = tutor.api()
                    .get("/api/v1/notifications/preferences")
                    .then()
                    .extract()
                    .path("categories.find { it.category == 'MESSAGES' }");
            assertThat(saved)
                    .containsEntry("digest", true)
                    .containsEntry("email", true)
                    .containsEntry("inApp", true);
            assertThat((Boolean) tutor.api()
                            .get("/api/v1/notifications/preferences")
                            .path("categories.find { it.category == 'REVIEWS' }.email"))
                    .isFalse();
            browser.screenshot("notifications-settings");
            browser.assertAccessible();

            // the same page in French
            browser.find("#lang option[value='fr']").click();
            browser.clickToLoad(".site-footer form button[type=submit]");
            browser.go("/notifications/settings");
            assertThat(browser.text("h1")).isEqualTo("Réglages des notifications");
            assertThat(browser.text("tr[data-category='LESSON_REMINDERS'] th")).isEqualTo("Rappels de cours");
        }
    }
}
