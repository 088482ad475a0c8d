package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.DemoApiTestBase;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calendar feed page and a tutor's private note on a student, in a real browser on the demo marketplace, each
 * ending in what the API (and the feed's address itself) then answers. Skipped without Chromium.
 */
class TutorToolsPagesBrowserTests extends DemoApiTestBase {

    private static final String PRIYA = "priya.raman@lyceum.local";
    private static final String DEMO_PASSWORD = "demo-password-2026";

    @Test
    void aTutorSubscribesToTheirCalendarFeedAndMakesANewAddress() throws IOException {
        Browser.assumeChromium();
        try (Browser browser = Browser.open(port)) {
            browser.signIn(PRIYA, DEMO_PASSWORD);
            browser.go("/account/calendar");
            browser.assertAccessible();
            String first;
            if (browser.driver
                    .findElements(org.openqa.selenium.By.id("feed-url"))
                    .isEmpty()) {
                // a feed made before (another test): its address is not shown again, so make a new one
                browser.clickToLoad("#rotate-feed");
            }
            first = browser.text("#feed-url");
            assertThat(first).contains("/api/v1/calendar/").endsWith(".ics");
            String calendar =
                    Http.given().get(first).then().statusCode(200).extract().asString();
            assertThat(calendar).contains("BEGIN:VCALENDAR").contains("BEGIN:VEVENT");

            // a second look does not show the address again
            browser.go("/account/calendar");
            assertThat(browser.text("#feed-exists")).startsWith("Your feed has existed since");

            browser.clickToLoad("#rotate-feed");
            assertThat(browser.text(".notice"))
                    .isEqualTo("Here is your feed's new address. The old one no longer works.");
            String second = browser.text("#feed-url");
            assertThat(second).isNotEqualTo(first);
            browser.screenshot("tutor-calendar-feed");
            Http.given().get(first).then().statusCode(404);
            Http.given().get(second).then().statusCode(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTutorKeepsAPrivateNoteOnAStudentFromTheLessonPage() throws IOException {
        Browser.assumeChromium();
        RequestSpecification priya = demoUser(PRIYA);
        List<Map<String, Object>> bookings = priya.get("/api/v1/bookings?size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("content");
        Map<String, Object> taught = bookings.stream()
                .filter(b -> "COMPLETED".equals(b.get("state")))
                .findFirst()
                .orElseThrow();
        String studentId = (String) taught.get("studentId");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(PRIYA, DEMO_PASSWORD);
            browser.go("/lessons/" + taught.get("id"));
            browser.type("#note-body", "Prefers worked examples before theory; revise quadratics.");
            browser.clickToLoad("#save-note");
            assertThat(browser.text(".notice")).isEqualTo("Your note is saved.");
            assertThat(browser.find("#note-body").getDomProperty("value"))
                    .isEqualTo("Prefers worked examples before theory; revise quadratics.");
            browser.assertAccessible();
            assertThat((String) priya.get("/api/v1/tutor/student-notes/" + studentId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("body"))
                    .isEqualTo("Prefers worked examples before theory; revise quadratics.");

            browser.clickToLoad("#delete-note");
            assertThat(browser.text(".notice")).isEqualTo("Your note is deleted.");
            browser.screenshot("tutor-student-note");
        }
        priya.get("/api/v1/tutor/student-notes/" + studentId)
                .then()
                .statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("note.not_found"));
    }

    private static RequestSpecification demoUser(String email) {
        String token = Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", email, "password", DEMO_PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        return Accounts.request(null).header("Authorization", "Bearer " + token);
    }
}
