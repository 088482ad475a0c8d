package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * A new tutor goes through the onboarding wizard in a real browser: submitting too early is refused with the missing
 * sections shown, then the profile sections, a subject with its price, pricing, weekly hours (an overlap refused), a
 * day off and the break between lessons; submitting shows the status, and an admin's approval shows on the page. Each
 * step ends with what the API then answers. Skipped without Chromium.
 */
class OnboardingPagesBrowserTests extends ApiTestBase {

    @Test
    void aNewTutorFillsInTheWizardSubmitsAndSeesTheApproval() throws IOException {
        Browser.assumeChromium();
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String subjectId = Tutors.subject(admin);
        SignedIn tutor = Accounts.newUser("TUTOR");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(tutor);

            browser.go("/teach/onboarding");
            assertThat(browser.text("#profile-status")).isEqualTo("Draft");
            assertThat(browser.find("#checklist li[data-section='about']").getDomAttribute("data-done"))
                    .isEqualTo("false");
            browser.assertAccessible();
            browser.clickToLoad("#submit-profile");
            assertThat(browser.text("#error")).isEqualTo("Some sections of your profile are still missing.");
            tutor.api().get("/api/v1/tutors/me/profile").then().body("status", equalTo("DRAFT"));

            // 1. the profile's sections
            browser.go("/teach/onboarding/profile");
            browser.type("#headline", "Patient maths tutor");
            browser.type("#bio", "Ten years of helping students enjoy numbers.");
            browser.clickToLoad("#about-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Saved.");
            browser.find("#mode-ONLINE").click();
            browser.type("#teaching-zone", "Europe/London");
            browser.clickToLoad("#teaching-form button[type=submit]");
            browser.type("#languages", "en, FR");
            browser.clickToLoad("#languages-form button[type=submit]");
            browser.type("#institution", "University of Leeds");
            browser.type("#degree", "BSc");
            browser.type("#endYear", "2015");
            browser.clickToLoad("#education-form button[type=submit]");
            assertThat(browser.text("#education li span")).isEqualTo("University of Leeds, BSc (2015)");
            // a photo: a text file is refused in words, a PNG is taken
            Path notAnImage = Files.createTempFile("photo-", ".png");
            Files.writeString(notAnImage, "not an image");
            browser.find("#photo").sendKeys(notAnImage.toAbsolutePath().toString());
            browser.clickToLoad("#photo-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("Choose a PNG, JPEG or WebP image.");
            Path photo = Files.createTempFile("photo-", ".png");
            ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
            browser.find("#photo").sendKeys(photo.toAbsolutePath().toString());
            browser.clickToLoad("#photo-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Your photo is saved.");
            Files.delete(notAnImage);
            Files.delete(photo);

            // an intro video that is not https: the API's refusal with the field named
            browser.type("#introVideoUrl", "http://example.com/me.mp4");
            browser.clickToLoad("#teaching-form button[type=submit]");
            assertThat(browser.text("#error")).contains("introVideoUrl");
            browser.screenshot("onboarding-profile");
            browser.assertAccessible();
            tutor.api()
                    .get("/api/v1/tutors/me/profile")
                    .then()
                    .body("profile.about.headline", equalTo("Patient maths tutor"))
                    .body("profile.languages", equalTo(List.of("en", "fr")))
                    .body("profile.teaching.teachingMode", equalTo("ONLINE"))
                    .body("profile.teaching.introVideoUrl", equalTo(null))
                    .body("profile.education[0].institution", equalTo("University of Leeds"));

            // 2. subjects and prices
            browser.go("/teach/onboarding/subjects");
            new Select(browser.find("#pricing-currency")).selectByValue("GBP");
            browser.find("#pricing-length-30").click();
            browser.type("#trialPrice", "10");
            browser.clickToLoad("#pricing-form button[type=submit]");
            new Select(browser.find("#subjectId")).selectByValue(subjectId);
            new Select(browser.find("#level")).selectByValue("GCSE");
            browser.type("#price", "42.50");
            new Select(browser.find("#offer-currency")).selectByValue("GBP");
            browser.clickToLoad("#subject-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Saved.");
            assertThat(browser.text("#offers tbody td.price")).isEqualTo("£42.50");
            browser.assertAccessible();
            tutor.api()
                    .get("/api/v1/tutors/me/profile")
                    .then()
                    .body("profile.subjects[0].subjectId", equalTo(subjectId))
                    .body("profile.subjects[0].price.amount", equalTo(4250))
                    .body("profile.pricing.lessonLengths", equalTo(List.of(30, 60)))
                    .body("profile.pricing.trialLessonPrice.amount", equalTo(1000));

            // 3. availability: hours, an overlap refused, a day off, the break after lessons
            browser.go("/teach/onboarding/availability");
            new Select(browser.find("#dayOfWeek")).selectByValue("MONDAY");
            setTime(browser, "#start", "09:00");
            setTime(browser, "#end", "12:00");
            browser.clickToLoad("#window-form button[type=submit]");
            assertThat(browser.text("#windows tr[data-day='MONDAY'] td:nth-child(2)"))
                    .isEqualTo("09:00");
            new Select(browser.find("#dayOfWeek")).selectByValue("MONDAY");
            setTime(browser, "#start", "11:00");
            setTime(browser, "#end", "13:00");
            browser.clickToLoad("#window-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("These hours overlap hours you have on that day.");
            String dayOff = LocalDate.now().plusDays(10).toString();
            ((JavascriptExecutor) browser.driver)
                    .executeScript("document.getElementById('override-date').value = arguments[0]", dayOff);
            browser.find("#kind-BLOCKED").click();
            browser.type("#override-note", "Exam board meeting");
            browser.clickToLoad("#override-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The change is added.");
            assertThat(browser.text("#overrides tr[data-date='" + dayOff + "'] td:nth-child(3)"))
                    .isEqualTo("the whole day");
            browser.type("#bufferMinutes", "15");
            browser.clickToLoad("#settings-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The settings are saved.");
            browser.screenshot("onboarding-availability");
            AccountPagesBrowserTests.assertFitsAPhone(browser, "onboarding-availability-phone");
            browser.assertAccessible();
            var availability = tutor.api().get("/api/v1/tutors/availability").then();
            availability.body("windows.size()", equalTo(1)).body("windows[0].start", equalTo("09:00"));
            availability
                    .body("overrides[0].date", equalTo(dayOff))
                    .body("overrides[0].kind", equalTo("BLOCKED"))
                    .body("settings.bufferMinutes", equalTo(15));

            // submit: the status shows, and the admin's approval shows next time
            browser.go("/teach/onboarding");
            assertThat(browser.driver.findElements(By.cssSelector("#checklist li[data-done='false']")))
                    .extracting(e -> e.getDomAttribute("data-section"))
                    .containsExactly("payout");
            browser.clickToLoad("#submit-profile");
            assertThat(browser.text(".notice")).isEqualTo("Your profile is submitted for approval.");
            assertThat(browser.text("#profile-status")).isEqualTo("Waiting for approval");
            assertThat(browser.driver.findElements(By.id("submit-profile"))).isEmpty();
            tutor.api().get("/api/v1/tutors/me/profile").then().body("status", equalTo("SUBMITTED"));

            admin.api()
                    .contentType("application/json")
                    .body(Map.of("comments", "Please add a certification."))
                    .post("/api/v1/admin/tutors/" + tutor.userId() + "/request-changes")
                    .then()
                    .statusCode(200);
            browser.go("/teach/onboarding");
            assertThat(browser.text("#profile-status")).isEqualTo("Changes requested");
            assertThat(browser.text("#status-reason q")).isEqualTo("Please add a certification.");
            browser.clickToLoad("#submit-profile");
            Tutors.approve(admin, tutor);
            browser.go("/teach/onboarding");
            assertThat(browser.text("#profile-status")).isEqualTo("Approved");
            // approved: the uploaded photo is public
            api().get("/api/v1/tutors/" + tutor.userId() + "/photo")
                    .then()
                    .statusCode(200)
                    .contentType("image/png");
            browser.screenshot("onboarding-approved");
            browser.assertAccessible();
        }
    }

    /** Types a time into an {@code <input type=time>} as the browser's own picker would set it. */
    static void setTime(Browser browser, String css, String value) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].value = arguments[1]", browser.find(css), value);
    }

    @AfterAll
    static void reportPageCosts() throws IOException {
        AccountPagesBrowserTests.reportPageCosts();
    }
}
