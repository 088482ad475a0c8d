package io.lyceum.web;

import static io.lyceum.web.AccountPagesBrowserTests.confirmAndLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.lyceum.reviews.Lessons;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The account's security settings in a real browser, each journey ending in what the API then answers: codes by email
 * as the second sign-in factor (turned on from the page, asked for by the sign-in page, turned off with an emailed
 * code), the mobile number (added, verified with the texted code from the SMS sandbox's outbox, changed, removed),
 * changing the password (other sessions signed out, the new one signs in), a review reported from the tutor's profile
 * and seen by the admin desk, and the account pages in French with no English left on them. Skipped without Chromium.
 */
class AccountSecurityPagesBrowserTests extends ApiTestBase {

    private static final Pattern SIGN_IN_CODE = Pattern.compile("sign-in code is (\\d{6})");
    private static final Pattern SECURITY_CODE = Pattern.compile("security code is (\\d{6})");
    private static final Pattern SMS_CODE = Pattern.compile("verification code is (\\d{6})");
    /** Just past the accounts module's resend interval (a code goes out at most once a minute). */
    private static final Duration RESEND_INTERVAL = Duration.ofSeconds(61);

    @Test
    void codesByEmailTurnOnTheSignInAsksForOneAndTheyTurnOff() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/account/security");
            assertThat(browser.text("#email-codes-hint"))
                    .isEqualTo("Each time you sign in, we email a code to " + student.email() + ".");
            browser.clickToLoad("#email-codes-on");
            assertThat(browser.text(".notice"))
                    .isEqualTo("Two-step sign-in is on: signing in now asks for a code we email you.");
            assertThat(browser.text("#twofactor-status")).startsWith("On:");
            assertThat(browser.driver.findElements(By.id("email-codes-on"))).isEmpty();
            student.api()
                    .get("/api/v1/auth/2fa")
                    .then()
                    .body("emailEnabled", equalTo(true))
                    .body("totpEnabled", equalTo(false));

            // signing in now: the password, then the code the sign-in page had emailed
            browser.clickToLoad("#signout");
            browser.signIn(student);
            assertThat(browser.path()).isEqualTo("/signin");
            assertThat(browser.text(".notice")).isEqualTo("We emailed you a sign-in code.");
            assertThat(browser.find("#method-EMAIL").isSelected()).isTrue();
            assertThat(browser.driver.findElements(By.cssSelector("input[name=method]")))
                    .as("email and recovery code, each once")
                    .hasSize(2);
            browser.assertAccessible();
            String code = latestCode(student.email(), SIGN_IN_CODE);
            browser.type("#code", code.equals("000000") ? "111111" : "000000");
            browser.clickToLoad("#second-factor-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("The code is wrong or has expired.");
            assertThat(browser.find("#method-EMAIL").isSelected()).isTrue();
            assertThat(browser.driver.findElements(By.id("signout"))).isEmpty();
            browser.type("#code", code);
            browser.clickToLoad("#second-factor-form button[type=submit]");
            assertThat(browser.path()).isEqualTo("/lessons");
            assertThat(browser.driver.findElements(By.id("signout"))).hasSize(1);
            browser.screenshot("account-email-codes-signed-in");

            // turning them off: the password and a security code emailed from the page
            browser.go("/account/security");
            assertThat(browser.text("#twofactor-status")).startsWith("On:");
            // (the sign-in code went out within the minute, and codes go out at most once a minute)
            allowNextCode();
            browser.clickToLoad("form[action$='/2fa/email-code'] button");
            assertThat(browser.text(".notice")).isEqualTo("A security code is on its way to your email.");
            browser.type("#disable-password", Accounts.PASSWORD);
            browser.type("#disable-code", latestCode(student.email(), SECURITY_CODE));
            browser.clickToLoad("#disable-2fa button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Two-step sign-in is off.");
            student.api().get("/api/v1/auth/2fa").then().body("emailEnabled", equalTo(false));

            // and the password alone signs in again
            browser.clickToLoad("#signout");
            browser.signIn(student);
            assertThat(browser.path()).isEqualTo("/lessons");
        }
    }

    @Test
    void withAnAppAndEmailCodesTheSignInPageEmailsACodeOnlyWhenAsked() throws Exception {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        String secret = student.api()
                .post("/api/v1/auth/2fa/totp/setup")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        String appCode = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
                .generate(secret, System.currentTimeMillis() / 30_000);
        student.api()
                .contentType("application/json")
                .body(Map.of("code", appCode))
                .post("/api/v1/auth/2fa/totp/confirm")
                .then()
                .statusCode(200);
        student.api().post("/api/v1/auth/2fa/email/enable").then().statusCode(200);

        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            // the app comes first and nothing is emailed yet
            assertThat(browser.find("#method-TOTP").isSelected()).isTrue();
            assertThat(browser.driver.findElements(By.cssSelector("input[name=method]")))
                    .hasSize(3);
            assertThat(browser.driver.findElements(By.cssSelector(".notice"))).isEmpty();
            assertThat(browser.text("#email-code")).isEqualTo("Email me a code");
            assertThat(codes(student.email(), SIGN_IN_CODE)).isZero();

            browser.clickToLoad("#email-code");
            assertThat(browser.text(".notice")).isEqualTo("We emailed you a sign-in code.");
            assertThat(browser.find("#method-EMAIL").isSelected()).isTrue();
            assertThat(browser.text("#email-code")).isEqualTo("Email me a new code");
            // at most one a minute: asking again at once is refused in words, the first code still works
            browser.clickToLoad("#email-code");
            assertThat(browser.text("#error"))
                    .isEqualTo("A code went out less than a minute ago. Wait a moment, then ask again.");
            assertThat(codes(student.email(), SIGN_IN_CODE)).isEqualTo(1);
            browser.type("#code", latestCode(student.email(), SIGN_IN_CODE));
            browser.clickToLoad("#second-factor-form button[type=submit]");
            assertThat(browser.path()).isEqualTo("/lessons");
            assertThat(browser.driver.findElements(By.id("signout"))).hasSize(1);
        }
    }

    @Test
    void aUserAddsVerifiesChangesAndRemovesTheirMobileNumber() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        String first = uniqueMobile();
        String second = uniqueMobile();
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/account/security");
            assertThat(browser.driver.findElements(By.id("mobile-number"))).isEmpty();
            assertThat(browser.text("label[for=mobile]")).isEqualTo("Your mobile number");

            // typed the way people write it: the page sends E.164
            browser.type("#mobile", first.substring(0, 3) + " " + first.substring(3, 7) + " " + first.substring(7));
            browser.clickToLoad("#mobile-form button[type=submit]");
            assertThat(browser.text(".notice"))
                    .isEqualTo("We texted a six-digit code to the number. Type it below to verify the number.");
            assertThat(browser.text("#mobile-number")).isEqualTo(first);
            assertThat(browser.text("#mobile-state")).isEqualTo("Not verified yet: type the code we texted you.");
            student.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .body("mobile", equalTo(first))
                    .body("mobileVerified", equalTo(false));
            browser.assertAccessible();

            String code = latestCode(first, SMS_CODE);
            browser.type("#mobile-code", code.equals("000000") ? "111111" : "000000");
            browser.clickToLoad("#mobile-verify-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("The code is not valid. Check it and try again.");
            student.api().get("/api/v1/auth/me").then().body("mobileVerified", equalTo(false));
            browser.type("#mobile-code", code);
            browser.clickToLoad("#mobile-verify-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Your mobile number is verified.");
            assertThat(browser.text("#mobile-state")).isEqualTo("Verified");
            assertThat(browser.driver.findElements(By.id("mobile-verify-form"))).isEmpty();
            student.api().get("/api/v1/auth/me").then().body("mobileVerified", equalTo(true));
            browser.screenshot("account-mobile-verified");
            browser.assertAccessible();

            // a new number within the minute: the API's limit in words, the verified number stays
            assertThat(browser.text("label[for=mobile]")).isEqualTo("A new mobile number");
            browser.type("#mobile", second);
            browser.clickToLoad("#mobile-form button[type=submit]");
            assertThat(browser.text("#error"))
                    .isEqualTo("A code went out less than a minute ago. Wait a moment, then ask again.");
            student.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .body("mobile", equalTo(first))
                    .body("mobileVerified", equalTo(true));

            allowNextCode();
            browser.type("#mobile", second);
            browser.clickToLoad("#mobile-form button[type=submit]");
            assertThat(browser.text("#mobile-number")).isEqualTo(second);
            assertThat(browser.text("#mobile-state")).isEqualTo("Not verified yet: type the code we texted you.");
            student.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .body("mobile", equalTo(second))
                    .body("mobileVerified", equalTo(false));
            browser.type("#mobile-code", latestCode(second, SMS_CODE));
            browser.clickToLoad("#mobile-verify-form button[type=submit]");
            assertThat(browser.text("#mobile-state")).isEqualTo("Verified");
            AccountPagesBrowserTests.assertFitsAPhone(browser, "account-mobile-phone");

            confirmAndLoad(browser, "#mobile-remove-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Your mobile number is removed.");
            assertThat(browser.driver.findElements(By.id("mobile-number"))).isEmpty();
            student.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .body("mobile", nullValue())
                    .body("mobileVerified", equalTo(false));
        }
    }

    @Test
    void changingThePasswordSignsOtherSessionsOutAndTheNewOneSignsIn() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        String newPassword = "A brand new passphrase 2027";
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/account/security");

            browser.type("#oldPassword", "not my password at all");
            browser.type("#newPassword", newPassword);
            browser.clickToLoad("#password-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("The current password is wrong.");
            // nothing changed: the other session still works
            student.api().get("/api/v1/auth/me").then().statusCode(200);

            browser.type("#oldPassword", Accounts.PASSWORD);
            browser.type("#newPassword", newPassword);
            browser.clickToLoad("#password-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Your password is changed. Other devices are signed out.");
            // the API client's session was another device: signed out, its refresh token too
            student.api().get("/api/v1/auth/me").then().statusCode(401);
            Accounts.request(null)
                    .contentType("application/json")
                    .body(Map.of("refreshToken", student.refreshToken()))
                    .post("/api/v1/auth/refresh")
                    .then()
                    .statusCode(401);
            // this browser stays signed in
            assertThat(browser.driver.findElements(By.cssSelector("#sessions tbody tr")))
                    .hasSize(1);
            browser.go("/account");
            assertThat(browser.text("#email")).isEqualTo(student.email());

            // the old password no longer signs in; the new one does
            browser.clickToLoad("#signout");
            browser.signIn(student);
            assertThat(browser.text("#error")).isEqualTo("The email or password is wrong.");
            browser.type("#email", student.email());
            browser.type("#password", newPassword);
            browser.clickToLoad("form.stack button[type=submit]");
            assertThat(browser.path()).isEqualTo("/lessons");
            browser.screenshot("account-password-changed");
        }
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", student.email(), "password", newPassword))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .body("user.id", equalTo(student.userId().toString()));
    }

    @Test
    void aStudentReportsAReviewFromTheTutorsProfileAndTheAdminDeskHasIt() throws IOException {
        Browser.assumeChromium();
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn author = Accounts.newUser("STUDENT");
        UUID booking = Lessons.completed(jdbc, tutor.id(), author.userId(), testClock.instant());
        String reviewId = author.api()
                .contentType("application/json")
                .body(Map.of("bookingId", booking, "rating", 1, "body", "Rude and useless, never again"))
                .post("/api/v1/reviews")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // both sides have reviewed: the review is public
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("bookingId", booking, "rating", 3))
                .post("/api/v1/reviews/student-ratings")
                .then()
                .statusCode(201);
        SignedIn reporter = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);

        try (Browser browser = Browser.open(port)) {
            browser.signIn(reporter);
            browser.go("/tutors/" + tutor.id());
            browser.waitFor("#review-" + reviewId);
            browser.clickToLoad("#review-" + reviewId + " a.report-link");
            assertThat(browser.path()).startsWith("/report?");
            assertThat(browser.text("main")).contains("Rude and useless");
            browser.assertAccessible();
            browser.type("#description", "Shares a phone number to take students off the platform");
            browser.clickToLoad("#report-form button[type=submit]");
            assertThat(browser.path()).isEqualTo("/my-reports");
            assertThat(browser.text("p.notice")).isEqualTo("Thank you. Your report was sent; you can follow it here.");
            assertThat(browser.text("table.my-reports tbody tr:first-child")).contains("Review");
            browser.screenshot("account-review-reported");
        }

        String reportId = reporter.api()
                .get("/api/v1/my-reports")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(1))
                .body("content[0].targetType", equalTo("REVIEW"))
                .body("content[0].targetId", equalTo(reviewId))
                .extract()
                .path("content[0].id");
        admin.api()
                .get("/api/v1/admin/reports/" + reportId)
                .then()
                .statusCode(200)
                .body("report.targetType", equalTo("REVIEW"))
                .body("report.targetUserId", equalTo(author.userId().toString()))
                .body("report.description", equalTo("Shares a phone number to take students off the platform"));

        try (Browser browser = Browser.open(port)) {
            browser.signIn(admin);
            browser.go("/admin/reports");
            browser.clickToLoad("tr[data-report='" + reportId + "'] a");
            assertThat(browser.text("h1")).startsWith("Report about Review: Rude and useless");
            assertThat(browser.text("dd.description"))
                    .isEqualTo("Shares a phone number to take students off the platform");
            browser.assertAccessible();
        }
    }

    /**
     * The security page (with every section showing: email codes on, a number waiting for its code), the second sign-in
     * step, the data page and the saved cards page in French: the French texts, and no element left showing an English
     * text of the bundles.
     */
    @Test
    void theAccountPagesAndTheSignInCodeStepSpeakFrench() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        student.api().post("/api/v1/auth/2fa/email/enable").then().statusCode(200);
        student.api()
                .contentType("application/json")
                .body(Map.of("mobile", uniqueMobile()))
                .put("/api/v1/users/me/mobile")
                .then()
                .statusCode(200);
        Map<String, String> english = englishOnly();
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin");
            browser.find("#lang option[value='fr']").click();
            browser.clickToLoad(".site-footer button[type=submit]");
            browser.type("#email", student.email());
            browser.type("#password", Accounts.PASSWORD);
            browser.clickToLoad("form.stack button[type=submit]");
            assertThat(browser.text("h1")).isEqualTo("Saisissez votre code de connexion");
            assertThat(browser.text(".notice")).isEqualTo("Nous vous avons envoyé un code de connexion par e-mail.");
            assertThat(browser.text("#email-code")).isEqualTo("M'envoyer un nouveau code par e-mail");
            assertNoEnglish(browser, english);
            browser.type("#code", latestCode(student.email(), SIGN_IN_CODE));
            browser.clickToLoad("#second-factor-form button[type=submit]");

            browser.go("/account/security");
            assertThat(browser.text("#mobile-heading")).isEqualTo("Numéro de mobile");
            assertThat(browser.text("#mobile-state")).isEqualTo("Pas encore vérifié : saisissez le code reçu par SMS.");
            assertThat(browser.text("#twofactor-status"))
                    .isEqualTo("Activée : la connexion demande un code en plus du mot de passe.");
            assertThat(browser.text("#password-heading")).isEqualTo("Mot de passe");
            assertNoEnglish(browser, english);
            browser.screenshot("account-security-fr");
            browser.assertAccessible();

            browser.go("/account/data");
            assertThat(browser.text("#export-heading")).isEqualTo("Télécharger vos données");
            assertNoEnglish(browser, english);

            browser.go("/account/payment-methods");
            assertThat(browser.text("#no-methods")).isEqualTo("Aucune carte enregistrée.");
            assertNoEnglish(browser, english);
            browser.screenshot("account-payment-methods-fr");
        }
    }

    /** The account pages' costs, this class's loads included (the file AccountPagesBrowserTests writes). */
    @AfterAll
    static void reportPageCosts() throws IOException {
        AccountPagesBrowserTests.reportPageCosts();
    }

    // ---- helpers

    /** A number no other test uses (UK drama range +44 7700 900xxx widened with random digits). */
    private static String uniqueMobile() {
        return "+447700" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /**
     * The newest code of this kind in the development outbox for an address or number: other mail (a new sign-in
     * notice) may arrive after it, so the newest matching message counts, not the newest message.
     */
    private static String latestCode(String recipient, Pattern pattern) {
        List<String> bodies = Accounts.request(null)
                .queryParam("recipient", recipient)
                .queryParam("size", 20)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content.body");
        for (String body : bodies) {
            Matcher matcher = pattern.matcher(body);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no code like " + pattern + " for " + recipient + " in " + bodies);
    }

    /** How many messages in the development outbox for this recipient carry a code of this kind. */
    private static long codes(String recipient, Pattern pattern) {
        List<String> bodies = Accounts.request(null)
                .queryParam("recipient", recipient)
                .queryParam("size", 50)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content.body");
        return bodies.stream().filter(b -> pattern.matcher(b).find()).count();
    }

    /** Lets the resend interval pass, so the next code (SMS or email) may go out (at most one a minute). */
    private void allowNextCode() {
        testClock.advance(RESEND_INTERVAL);
    }

    /**
     * The texts of the account and general bundles whose French differs from the English (argument-free ones, as
     * MessageFormat shows them), keyed by the English text.
     */
    private static Map<String, String> englishOnly() throws IOException {
        var english = new java.util.HashMap<String, String>();
        for (String bundle : List.of("account", "web")) {
            Properties en = load("messages/" + bundle + ".properties");
            Properties fr = load("messages/" + bundle + "_fr.properties");
            for (String key : en.stringPropertyNames()) {
                String text = en.getProperty(key);
                if (text.contains("{") || text.equals(fr.getProperty(key)) || text.length() < 4) {
                    continue;
                }
                english.put(text.replace("''", "'"), key);
            }
        }
        return english;
    }

    private static Properties load(String resource) throws IOException {
        var properties = new Properties();
        try (InputStream in =
                AccountSecurityPagesBrowserTests.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** No element's own text, label or alternative text on the page is one of the bundles' English texts. */
    @SuppressWarnings("unchecked")
    private static void assertNoEnglish(Browser browser, Map<String, String> english) {
        List<String> texts = (List<String>) ((JavascriptExecutor) browser.driver).executeScript("""
                const texts = [document.title];
                for (const e of document.querySelectorAll('body *')) {
                    const own = Array.from(e.childNodes).filter(n => n.nodeType === 3)
                        .map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();
                    if (own) texts.push(own);
                    for (const a of ['aria-label', 'alt', 'placeholder', 'title', 'data-confirm']) {
                        if (e.getAttribute(a)) texts.push(e.getAttribute(a).trim());
                    }
                }
                return texts;
                """);
        var left = new ArrayList<String>();
        for (String text : texts) {
            if (english.containsKey(text)) {
                left.add(english.get(text) + " = " + text);
            }
        }
        assertThat(left).as("English left on " + browser.path()).isEmpty();
    }
}
