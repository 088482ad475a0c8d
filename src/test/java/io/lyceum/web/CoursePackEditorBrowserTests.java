package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An approved tutor makes a course pack in a real browser: creates it, adds a link, a second link moved above it and an
 * uploaded document (a file type the API refuses is shown in words), is refused an edit when the pack changed
 * elsewhere meanwhile, publishes it and a student reports it from its public page. Each step ends with what the API then
 * answers. Skipped without Chromium.
 */
class CoursePackEditorBrowserTests extends ApiTestBase {

    @Test
    void aTutorCreatesFillsPublishesAndUnpublishesACoursePackWhichAStudentCanReport() throws IOException {
        Browser.assumeChromium();
        var approved = Tutors.approved(jdbc);
        SignedIn tutor = approved.tutor();
        try (Browser browser = Browser.open(port)) {
            browser.signIn(tutor);
            browser.go("/teach/course-packs");
            assertThat(browser.text("#no-packs")).isEqualTo("No course packs yet.");
            browser.assertAccessible();

            browser.type("#title", "GCSE fractions in four weeks");
            browser.type("#description", "Four lessons, one worksheet each.");
            new Select(browser.find("#pack-level")).selectByValue("GCSE");
            browser.type("#numberOfLessons", "4");
            browser.type("#lessonMinutes", "60");
            browser.type("#pack-price", "120");
            new Select(browser.find("#pack-currency")).selectByValue("GBP");
            browser.type("#maxCompletionDays", "30");
            browser.clickToLoad("#pack-form button[type=submit]");
            assertThat(browser.text(".notice"))
                    .isEqualTo("The course pack is created. Add its materials, then publish it.");
            String packId = browser.path().substring("/teach/course-packs/".length());
            JsonPath pack = tutor.api()
                    .get("/api/v1/tutors/me/course-packs/" + packId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(pack.getString("title")).isEqualTo("GCSE fractions in four weeks");
            assertThat(pack.getLong("price.amount")).isEqualTo(12000);
            assertThat(pack.getBoolean("published")).isFalse();

            // materials: two links, the second moved first, and an uploaded document
            addLink(browser, "Worksheet 1", "https://example.com/worksheet-1");
            addLink(browser, "Introduction", "https://example.com/intro");
            browser.clickToLoad("#materials li:nth-child(2) .move-up");
            assertThat(browser.text(".notice")).isEqualTo("The order is saved.");
            assertThat(titles(browser)).containsExactly("Introduction", "Worksheet 1");

            Path notes = Files.createTempFile("fractions-", ".txt");
            Files.writeString(notes, "Fractions: halves, thirds and quarters.\n");
            browser.type("#file-title", "Notes");
            browser.find("#file").sendKeys(notes.toAbsolutePath().toString());
            new Select(browser.find("#file-kind")).selectByValue("DOCUMENT");
            browser.clickToLoad("#file-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The material is added.");
            Path image = Files.createTempFile("photo-", ".png");
            Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
            browser.type("#file-title", "A photo");
            browser.find("#file").sendKeys(image.toAbsolutePath().toString());
            new Select(browser.find("#file-kind")).selectByValue("VIDEO");
            browser.clickToLoad("#file-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("This kind of file is not accepted.");
            List<Map<String, Object>> materials = tutor.api()
                    .get("/api/v1/tutors/me/course-packs/" + packId + "/materials")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertThat(materials)
                    .extracting(m -> m.get("title"))
                    .containsExactly("Introduction", "Worksheet 1", "Notes");
            assertThat(materials.get(2).get("fileName").toString()).startsWith("fractions-");
            Files.delete(notes);
            Files.delete(image);

            // someone (another tab, the API) changes the pack after this page was loaded: the page's edit is refused
            browser.go("/teach/course-packs/" + packId);
            tutor.api()
                    .contentType("application/json")
                    .body(Map.of(
                            "title",
                            "GCSE fractions, four weeks",
                            "categoryId",
                            pack.getString("categoryId"),
                            "level",
                            "GCSE",
                            "numberOfLessons",
                            4,
                            "lessonMinutes",
                            60,
                            "price",
                            Map.of("amount", 12000, "currency", "GBP"),
                            "schedulingType",
                            "FLEXIBLE"))
                    .put("/api/v1/tutors/me/course-packs/" + packId)
                    .then()
                    .statusCode(200);
            browser.type("#title", "Fractions made easy");
            browser.clickToLoad("#pack-form button[type=submit]");
            assertThat(browser.text("#error"))
                    .isEqualTo("The pack changed elsewhere since you opened this page. Reload it and try again.");
            tutor.api()
                    .get("/api/v1/tutors/me/course-packs/" + packId)
                    .then()
                    .body("title", equalTo("GCSE fractions, four weeks"));
            browser.type("#title", "Fractions made easy");
            // the reloaded form holds the pack as the API answers it (no completion limit: an empty field, valid)
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver)
                            .executeScript("return document.getElementById('pack-form').checkValidity()"))
                    .isEqualTo(true);
            browser.clickToLoad("#pack-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The course pack is saved.");
            assertThat(browser.text("h1")).isEqualTo("Fractions made easy");

            browser.clickToLoad("#publish");
            assertThat(browser.text(".notice")).isEqualTo("The course pack is published.");
            assertThat(browser.find("#pack-state").getDomAttribute("data-published"))
                    .isEqualTo("true");
            browser.screenshot("course-pack-editor");
            AccountPagesBrowserTests.assertFitsAPhone(browser, "course-pack-editor-phone");
            browser.assertAccessible();
            tutor.api()
                    .get("/api/v1/course-packs/" + packId)
                    .then()
                    .statusCode(200)
                    .body("title", equalTo("Fractions made easy"));
        }

        // a student reports the published pack from its page
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            String packId = tutor.api()
                    .get("/api/v1/tutors/me/course-packs")
                    .then()
                    .extract()
                    .path("content[0].id");
            browser.go("/course-packs/" + packId);
            browser.clickToLoad("a.report-link");
            assertThat(browser.text("main p")).isEqualTo("You are reporting the course pack “Fractions made easy”.");
            browser.type("#description", "The worksheet links are broken.");
            browser.clickToLoad("#report-form button[type=submit]");
            student.api()
                    .get("/api/v1/my-reports")
                    .then()
                    .body("content[0].targetType", equalTo("COURSE_PACK"))
                    .body("content[0].targetId", equalTo(packId));
        }

        // the tutor unpublishes it: gone from the public
        try (Browser browser = Browser.open(port)) {
            browser.signIn(tutor);
            browser.go("/teach/course-packs");
            browser.clickToLoad("#packs a");
            browser.clickToLoad("#unpublish");
            assertThat(browser.text(".notice")).isEqualTo("The course pack is no longer published.");
            String packId = browser.path().substring("/teach/course-packs/".length());
            tutor.api().get("/api/v1/course-packs/" + packId).then().statusCode(404);
        }
    }

    private static void addLink(Browser browser, String title, String url) {
        browser.type("#link-title", title);
        browser.type("#link-url", url);
        browser.clickToLoad("#link-form button[type=submit]");
        assertThat(browser.text(".notice")).isEqualTo("The material is added.");
    }

    private static List<String> titles(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#materials .material-title")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @AfterAll
    static void reportPageCosts() throws IOException {
        AccountPagesBrowserTests.reportPageCosts();
    }
}
