package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The course pages in a real browser: a tutor pastes a transcript, watches the job's progress (htmx polling), edits the
 * outline (impacts shown before saving; an edit made elsewhere meanwhile is refused as stale), publishes it; a student
 * opens the course, answers a section's quizzes and sees the score and progress the API computed. Skipped without
 * Chromium.
 */
class CoursePagesBrowserTests extends ApiTestBase {

    @Test
    void aTutorMakesACourseFromATranscriptEditsItAndAStudentLearnsFromIt() throws IOException {
        Browser.assumeChromium();
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        // a one-off variant, so no cached outline answers at once and the progress page has a job to follow
        String transcript = sample("photosynthesis.vtt") + "\n\n00:11:25.000 --> 00:11:28.000\nThank you, "
                + UUID.randomUUID() + ".\n";

        try (Browser browser = Browser.open(port)) {
            browser.signIn(tutor);
            browser.go("/courses");
            assertThat(browser.text("h1")).isEqualTo("Courses");
            browser.clickToLoad("#new-course");
            assertThat(browser.path()).isEqualTo("/courses/new");
            browser.assertAccessible();
            // set, not typed: 2,000 words of keystrokes would only slow the test
            ((JavascriptExecutor) browser.driver)
                    .executeScript("arguments[0].value = arguments[1]", browser.find("#transcript"), transcript);
            browser.clickToLoad("#generate");

            // the progress page: a bar and a status that refresh themselves until the job has finished
            assertThat(browser.path()).matches("/courses/[0-9a-f-]{36}/generating");
            UUID courseId = UUID.fromString(browser.path().split("/")[2]);
            assertThat(browser.text("h1")).isEqualTo("Making your course");
            assertThat(browser.find("#generation-progress").getDomProperty("max"))
                    .isEqualTo("100");
            new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#generation[data-status='completed']")));
            assertThat(browser.text("#percent")).isEqualTo("100 %");
            assertThat(browser.text("#done")).isEqualTo("Your course is ready.");
            assertThat(browser.find("#generation").getDomAttribute("hx-get"))
                    .as("a finished job stops polling")
                    .isNull();
            browser.assertAccessible();
            browser.screenshot("course-generated");

            // the outline editor
            browser.clickToLoad("#open-editor");
            assertThat(browser.path()).isEqualTo("/courses/" + courseId + "/edit");
            browser.assertAccessible();
            JsonPath generated = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
            int sectionCount = generated.getList("sections").size();
            assertThat(sectionCount).isGreaterThanOrEqualTo(3);
            String secondTitle = generated.getString("sections[1].title");
            String lastId = generated.getString("sections[" + (sectionCount - 1) + "].id");

            editOutline(browser, sectionCount);
            browser.clickToLoad("#preview");
            // the impacts come first, nothing is saved yet
            assertThat(browser.text("#impacts h2")).isEqualTo("What these changes would do (nothing is saved yet)");
            assertThat(browser.find("#impacts li[data-code='section.removed_with_quizzes']")
                            .getText())
                    .startsWith("A section is removed with its quizzes");
            assertThat(tutor.api().get("/api/v1/courses/" + courseId).jsonPath().getInt("version"))
                    .isEqualTo(generated.getInt("version"));
            assertThat(browser.find("#s0-title").getDomProperty("value")).isEqualTo(secondTitle);
            browser.screenshot("course-outline-impacts");

            // meanwhile the course is changed elsewhere: saving the previewed edit is refused as stale
            tutor.api()
                    .contentType("application/json")
                    .header("If-Match", "\"" + generated.getInt("version") + "\"")
                    .body(Map.of("sections", editable(generated), "title", "Changed in another tab"))
                    .put("/api/v1/courses/outline/" + courseId)
                    .then()
                    .statusCode(200);
            browser.clickToLoad("#save");
            assertThat(browser.text("#stale")).contains("Someone else changed this course since you opened it");
            assertThat(browser.find("#title").getDomProperty("value")).isEqualTo("Changed in another tab");

            // again on the current version, then saved
            editOutline(browser, sectionCount);
            browser.clickToLoad("#preview");
            browser.clickToLoad("#save");
            assertThat(browser.text(".notice")).isEqualTo("The outline is saved.");
            assertThat(browser.text("#impacts h2")).isEqualTo("What the saved changes did");
            assertThat(browser.find("#s1-title").getDomProperty("value")).isEqualTo("Light and the leaf");
            assertThat(browser.text("#history li[data-action='OUTLINE_EDITED']"))
                    .contains("Outline edited")
                    .contains("by you");
            browser.assertAccessible();
            browser.screenshot("course-outline-saved");

            browser.go("/courses");
            assertThat(browser.text("#my-courses tr[data-course='" + courseId + "'] td:nth-child(2)"))
                    .isEqualTo("Published");
            browser.assertAccessible();

            JsonPath course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
            assertThat(course.getString("publication")).isEqualTo("PUBLISHED");
            assertThat(course.getString("visibility")).isEqualTo("PUBLIC");
            assertThat(course.getList("sections")).hasSize(sectionCount - 1);
            assertThat(course.getString("sections[0].title")).isEqualTo(secondTitle);
            assertThat(course.getString("sections[1].title")).isEqualTo("Light and the leaf");
            assertThat(course.getList("sections.id")).doesNotContain(lastId);
            assertThat(tutor.api()
                            .get("/api/v1/courses/" + courseId + "/history")
                            .jsonPath()
                            .getList("content.details.action"))
                    .containsExactly("GENERATION_REQUESTED", "GENERATED", "OUTLINE_EDITED", "OUTLINE_EDITED");

            // the student learns: a section with quizzes, all answered right but the last
            browser.clickToLoad("#signout");
            browser.signIn(student);
            int sectionIndex = 0;
            while (course.getList("sections[" + sectionIndex + "].quizzes").size() < 2) {
                sectionIndex++;
            }
            String sectionId = course.getString("sections[" + sectionIndex + "].id");
            browser.go("/courses/" + courseId + "/learn?section=" + sectionId);
            assertThat(browser.text("h1")).isEqualTo(course.getString("title"));
            assertThat(browser.text("#progress-percent")).isEqualTo("0 %");
            browser.assertAccessible();
            List<Map<String, Object>> quizzes = course.getList("sections[" + sectionIndex + "].quizzes");
            for (int q = 0; q < quizzes.size(); q++) {
                Map<String, Object> quiz = quizzes.get(q);
                boolean right = q < quizzes.size() - 1;
                String answer = (String) quiz.get("answer");
                String name = "answer." + quiz.get("id");
                if (quiz.get("type").equals("MULTIPLE_CHOICE")) {
                    WebElement choice = browser.driver.findElements(By.name(name)).stream()
                            .filter(o -> right == o.getDomProperty("value").equals(answer))
                            .findFirst()
                            .orElseThrow();
                    choice.click();
                } else {
                    browser.type("input[name='" + name + "']", right ? answer : "not the answer");
                }
            }
            browser.clickToLoad("#complete-section");

            int expectedScore = (int) Math.round(100.0 * (quizzes.size() - 1) / quizzes.size());
            int expectedProgress = (int) Math.round(100.0 / (sectionCount - 1));
            assertThat(browser.text("#score")).isEqualTo("You scored " + expectedScore + " %.");
            assertThat(browser.text("#updated-progress")).isEqualTo(expectedProgress + " % done");
            assertThat(browser.text("#progress-percent")).isEqualTo(expectedProgress + " %");
            assertThat(browser.driver.findElements(By.cssSelector("#section .result[data-correct='true']")))
                    .hasSize(quizzes.size() - 1);
            String lastQuiz = (String) quizzes.getLast().get("id");
            assertThat(browser.text("fieldset[data-quiz='" + lastQuiz + "'] .result p"))
                    .isEqualTo("Not quite: the answer is \u201c"
                            + quizzes.getLast().get("answer") + "\u201d.");
            assertThat(browser.find("#section-list li[data-section='" + sectionId + "']")
                            .getDomAttribute("data-done"))
                    .isEqualTo("true");
            browser.assertAccessible();
            browser.screenshot("course-learner-score");

            student.api()
                    .get("/api/v1/user/progress")
                    .then()
                    .statusCode(200)
                    .body("content[0].courseId", equalTo(courseId.toString()))
                    .body("content[0].progress", equalTo(expectedProgress))
                    .body("content[0].completedSections", equalTo(List.of(sectionId)));
            browser.go("/courses");
            assertThat(browser.text("#learning li[data-course='" + courseId + "'] .meta"))
                    .isEqualTo(expectedProgress + " % done");

            // a guardian linked to the student follows their progress from the family page
            SignedIn guardian = Accounts.newUser("GUARDIAN");
            io.lyceum.testsupport.Accounts.linkGuardian(guardian, student);
            browser.clickToLoad("#signout");
            browser.signIn(guardian);
            browser.go("/family");
            browser.clickToLoad("#children li[data-student='" + student.userId() + "'] a.course-progress");
            assertThat(browser.text("h1")).isEqualTo("Course progress of Test student");
            assertThat(browser.text("#student-courses tr[data-course='" + courseId + "'] .meta"))
                    .isEqualTo(expectedProgress + " % done");
            browser.assertAccessible();

            // the tutor once they have taught the student (a lesson done), from that lesson's page; before, a 404
            browser.clickToLoad("#signout");
            browser.signIn(tutor);
            browser.go("/courses/progress/" + student.userId());
            assertThat(browser.driver.findElements(By.id("student-courses"))).isEmpty();
            UUID lesson = io.lyceum.scheduling.SqlBookings.insert(
                    jdbc,
                    tutor.userId(),
                    student.userId(),
                    io.lyceum.scheduling.BookingState.COMPLETED,
                    java.time.Instant.now().minus(java.time.Duration.ofDays(2)),
                    java.time.Duration.ofHours(1));
            browser.go("/lessons/" + lesson);
            browser.clickToLoad("#student-course-progress");
            assertThat(browser.text("#student-courses tr[data-course='" + courseId + "'] .meta"))
                    .isEqualTo(expectedProgress + " % done");
            browser.screenshot("course-student-progress");
        }
    }

    /**
     * The second section goes first (position 1) and the first second (position 2) with a new title; the last section
     * is removed; the course is published for everyone.
     */
    private static void editOutline(Browser browser, int sectionCount) {
        browser.type("#s0-position", "2");
        browser.type("#s0-title", "Light and the leaf");
        browser.type("#s1-position", "1");
        browser.find("#s" + (sectionCount - 1) + "-remove").click();
        new org.openqa.selenium.support.ui.Select(browser.find("#publication")).selectByValue("PUBLISHED");
        new org.openqa.selenium.support.ui.Select(browser.find("#visibility")).selectByValue("PUBLIC");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> editable(JsonPath course) {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Map<String, Object> section : course.<Map<String, Object>>getList("sections")) {
            Map<String, Object> s = new HashMap<>();
            s.put("id", section.get("id"));
            s.put("title", section.get("title"));
            s.put(
                    "lessons",
                    ((List<Map<String, Object>>) section.get("lessons"))
                            .stream()
                                    .map(l -> Map.of("id", l.get("id"), "title", l.get("title")))
                                    .toList());
            s.put(
                    "quizzes",
                    ((List<Map<String, Object>>) section.get("quizzes"))
                            .stream().map(q -> Map.of("id", q.get("id"))).toList());
            sections.add(s);
        }
        return sections;
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = CoursePagesBrowserTests.class.getResourceAsStream("/learning/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
