package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.reviews.Lessons;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reviews pages in a real browser: a student reviews a completed lesson (blind at first), the tutor rates the
 * student privately, the review appears on the tutor's profile (loaded by htmx) with the distribution, the tutor
 * replies once from there, and the tutor reads their credibility score's breakdown. Skipped without Chromium.
 */
class ReviewPagesBrowserTests extends ApiTestBase {

    @Test
    void aStudentReviewsTheTutorRatesAndRepliesAndReadsTheScore() throws IOException {
        Browser.assumeChromium();
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        UUID booking = Lessons.completed(jdbc, tutor.id(), student.userId(), testClock.instant());

        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/lessons/" + booking + "/review");
            browser.find("#rating-5").click();
            browser.type("#body", "Fractions finally make sense.");
            browser.clickToLoad("#submit-review");
            assertThat(browser.text("#review-notice")).isEqualTo("Thank you: your review is saved.");
            assertThat(browser.text("#review-visibility")).startsWith("Only you can read it");
            assertThat(browser.path()).doesNotContain("rate-student");
            browser.screenshot("reviews-lesson");
            browser.assertAccessible();

            // blind: the profile shows no review yet
            browser.go("/tutors/" + tutor.id());
            browser.waitForText("#reviews-empty", "No reviews yet.");
            browser.clickToLoad("#signout");

            browser.signIn(tutor.tutor());
            browser.go("/lessons/" + booking + "/review");
            assertThat(browser.text("h1")).isEqualTo("Review your lesson");
            browser.find("#student-rating-4").click();
            browser.clickToLoad("#submit-student-rating");
            assertThat(browser.text("#rated-notice")).isEqualTo("Your rating of the student is saved.");
            // both sides have reviewed: the tutor reads the review now
            assertThat(browser.text("#my-review p:nth-of-type(2)")).isEqualTo("Fractions finally make sense.");

            browser.go("/tutors/" + tutor.id());
            browser.waitForText("#reviews-summary", "5.0 out of 5 from 1 reviews");
            assertThat(browser.text("#stars-5")).isEqualTo("1");
            assertThat(browser.text("#stars-1")).isEqualTo("0");
            browser.type("#reviews textarea[name=body]", "Thank you, well done!");
            browser.clickToLoad("#reviews form button[type=submit]");
            assertThat(browser.path()).contains("/reviews?replied");
            assertThat(browser.text("blockquote.reply p:nth-of-type(2)")).isEqualTo("Thank you, well done!");
            // replied once: no second reply form
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#reviews form")))
                    .isEmpty();
            browser.screenshot("reviews-tutor");
            browser.assertAccessible();

            browser.go("/trust");
            assertThat(browser.text("#trust-score")).endsWith("/ 100");
            assertThat(browser.text("#component-reviews th")).isEqualTo("Reviews");
            browser.screenshot("reviews-trust");
            browser.assertAccessible();
        }
    }
}
