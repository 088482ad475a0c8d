package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account settings pages in a real browser, for a new user each: profile and preferences (a refused zone shown in
 * words, the change in French), two-step sign-in with the API's QR code and recovery codes, signing other devices out,
 * the data export and closing the account; and a student's saved cards through the sandbox's tokenization. Each step
 * ends with what the API then answers. Skipped without Chromium.
 */
class AccountPagesBrowserTests extends ApiTestBase {

    @Test
    void aUserEditsTheirProfileTurnsTwoStepSignInOnAndOffAndSignsOutOtherDevices() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);

            browser.go("/account");
            assertThat(browser.text("h1")).isEqualTo("Your account");
            assertThat(browser.text("#email")).isEqualTo(student.email());
            assertThat(browser.text("#role")).isEqualTo("Student");
            browser.assertAccessible();

            // a zone the API does not know: refused in words, nothing changed (one request: name and preferences)
            browser.type("#fullName", "Ada Lovelace");
            browser.type("#timeZone", "Mars/Olympus_Mons");
            new Select(browser.find("#displayCurrency")).selectByValue("USD");
            browser.clickToLoad("#profile-form button[type=submit]");
            assertThat(browser.path()).isEqualTo("/account");
            assertThat(browser.text("#error")).contains("timeZone");
            student.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .body("fullName", equalTo("Test student"))
                    .body("timeZone", equalTo("Europe/London"))
                    .body("displayCurrency", org.hamcrest.Matchers.nullValue());

            browser.type("#fullName", "Ada Lovelace");
            browser.type("#timeZone", "America/New_York");
            new Select(browser.find("#language")).selectByValue("fr");
            new Select(browser.find("#displayCurrency")).selectByValue("EUR");
            browser.clickToLoad("#profile-form button[type=submit]");
            // the pages now speak the chosen language
            assertThat(browser.text(".notice")).isEqualTo("Votre profil et vos préférences sont enregistrés.");
            assertThat(browser.find("#timeZone").getDomProperty("value")).isEqualTo("America/New_York");
            student.api()
                    .get("/api/v1/users/preferences")
                    .then()
                    .body("timeZone", equalTo("America/New_York"))
                    .body("language", equalTo("fr"))
                    .body("displayCurrency", equalTo("EUR"));
            student.api().get("/api/v1/auth/me").then().body("fullName", equalTo("Ada Lovelace"));
            browser.screenshot("account-profile-fr");
            browser.assertAccessible();

            // back to English with the footer's switch
            new Select(browser.find("#lang")).selectByValue("en");
            browser.clickToLoad(".site-footer button[type=submit]");

            // two-step sign-in: the API's QR code and key, a wrong code refused, the right one turns it on
            browser.go("/account/security");
            assertThat(browser.text("#twofactor-status")).isEqualTo("Off: your password alone signs you in.");
            browser.assertAccessible();
            browser.clickToLoad("#totp-setup");
            assertThat(browser.find("#totp-qr").getDomAttribute("src")).startsWith("data:image/png;base64,");
            String secret = browser.text("#totp-secret");
            browser.assertAccessible();
            browser.type("#totp-code", wrongCode(secret));
            browser.clickToLoad("main form.stack button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("The code is wrong or has expired.");
            assertThat(browser.text("#totp-secret")).isEqualTo(secret);
            student.api().get("/api/v1/auth/2fa").then().body("totpEnabled", equalTo(false));

            browser.type("#totp-code", code(secret, System.currentTimeMillis() / 30_000));
            browser.clickToLoad("main form.stack button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Two-step sign-in is on.");
            List<String> recoveryCodes = browser.driver.findElements(By.cssSelector("#recovery-codes code")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
            browser.screenshot("account-recovery-codes");
            browser.assertAccessible();
            student.api()
                    .get("/api/v1/auth/2fa")
                    .then()
                    .body("totpEnabled", equalTo(true))
                    .body("recoveryCodesLeft", equalTo(10));

            // turning it off needs the password and a second factor: a recovery code shown above
            browser.go("/account/security");
            assertThat(browser.text("#recovery-left")).isEqualTo("10 recovery codes left");
            browser.type("#disable-password", "not the password");
            browser.type("#disable-code", recoveryCodes.get(0));
            browser.clickToLoad("#disable-2fa button[type=submit]");
            assertThat(browser.find("#error").getText()).isNotBlank();
            student.api().get("/api/v1/auth/2fa").then().body("totpEnabled", equalTo(true));
            browser.type("#disable-password", Accounts.PASSWORD);
            browser.type("#disable-code", recoveryCodes.get(1));
            browser.clickToLoad("#disable-2fa button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Two-step sign-in is off.");
            student.api().get("/api/v1/auth/2fa").then().body("totpEnabled", equalTo(false));

            // the API client's session is another device: listed, then signed out from the page
            assertThat(browser.driver.findElements(By.cssSelector("#sessions tbody tr")))
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(browser.driver.findElements(
                            By.cssSelector("#sessions tr[data-session='" + student.sessionId() + "']")))
                    .hasSize(1);
            confirmAndLoad(browser, "#end-others");
            assertThat(browser.text(".notice")).isEqualTo("Every other device is signed out.");
            assertThat(browser.driver.findElements(By.cssSelector("#sessions tbody tr")))
                    .hasSize(1);
            assertThat(browser.text("#sessions .current")).isEqualTo("(this device)");
            browser.screenshot("account-security");
            assertFitsAPhone(browser, "account-security-phone");
            browser.assertAccessible();
            student.api().get("/api/v1/auth/me").then().statusCode(401);
        }
    }

    @Test
    void aUserDownloadsTheirDataAndClosesTheirAccount() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/account/data");
            assertThat(browser.text("#export-heading")).isEqualTo("Download your data");
            browser.assertAccessible();

            // the export is the API's JSON document, as an attachment
            String export = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/account/data/export').then(r => r.text().then(t =>
                        done(r.status + ' ' + r.headers.get('content-disposition') + ' ' + t)));
                    """);
            assertThat(export).startsWith("200 attachment").contains(student.email());

            // a confirmation that is not the API's phrase is refused; the account stays open
            browser.type("#archive-password", Accounts.PASSWORD);
            browser.type("#confirmation", "archive please");
            confirmAndLoad(browser, "#archive-form button[type=submit]");
            assertThat(browser.text("#error")).isEqualTo("Type ARCHIVE MY ACCOUNT exactly to confirm.");
            student.api().get("/api/v1/auth/me").then().statusCode(200);

            browser.type("#archive-password", Accounts.PASSWORD);
            browser.type("#confirmation", "ARCHIVE MY ACCOUNT");
            confirmAndLoad(browser, "#archive-form button[type=submit]");
            assertThat(browser.path()).startsWith("/signin");
            assertThat(browser.text(".notice"))
                    .isEqualTo("Your account is closed. Sign in within 30 days to restore it.");
            assertThat(browser.driver.findElements(By.id("signout"))).isEmpty();
            browser.screenshot("account-archived");
            // every session of the account is signed out, the API client's too
            student.api().get("/api/v1/auth/me").then().statusCode(401);
        }
    }

    @Test
    void aStudentSavesACardThroughTheSandboxAndRemovesOne() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/account/payment-methods");
            assertThat(browser.text("#no-methods")).isEqualTo("No saved cards yet.");
            browser.assertAccessible();

            // a number the provider does not know: its words, from the sandbox, and nothing saved
            String year = String.valueOf(Year.now().getValue() + 3);
            browser.type("#card-number", "4242 4242 4242 4241");
            browser.type("#card-month", "12");
            browser.type("#card-year", year);
            browser.type("#card-cvc", "123");
            browser.find("#save-card").click();
            browser.waitForText("#card-error", "Your card number is incorrect.");
            student.api().get("/api/v1/payments/methods").then().body("content.size()", equalTo(0));

            browser.type("#card-number", "4242 4242 4242 4242");
            browser.clickToLoad("#save-card");
            assertThat(browser.text(".notice")).isEqualTo("The card is saved.");
            assertThat(browser.text(".method .brand-last4")).isEqualTo("Visa ending 4242");
            assertThat(browser.text(".method .meta")).isEqualTo("Expires 12/" + year);
            student.api()
                    .get("/api/v1/payments/methods")
                    .then()
                    .body("content.size()", equalTo(1))
                    .body("content[0].last4", equalTo("4242"));

            // one of the provider's test cards
            browser.find("#test-card-pm_card_chargeDeclined").click();
            browser.clickToLoad("#test-card-form button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The card is saved.");
            assertThat(browser.driver.findElements(By.cssSelector(".method"))).hasSize(2);
            browser.screenshot("account-payment-methods");
            assertFitsAPhone(browser, "account-payment-methods-phone");
            browser.assertAccessible();

            String visa = student.api()
                    .get("/api/v1/payments/methods")
                    .then()
                    .extract()
                    .path("content.find { it.last4 == '4242' }.id");
            confirmAndLoad(browser, ".method[data-method='" + visa + "'] button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("The card is removed.");
            student.api()
                    .get("/api/v1/payments/methods")
                    .then()
                    .body("content.size()", equalTo(1))
                    .body("content[0].last4", equalTo("0002"));
        }
    }

    /**
     * Server time (p50, p99) and weight of the account, onboarding and course pack pages loaded so far in this JVM, in
     * {@code target/browser-journeys/account-page-costs.txt} (each of the three classes writes it after its tests).
     */
    @AfterAll
    static void reportPageCosts() throws IOException {
        var byPage = new TreeMap<String, List<Browser.PageLoad>>(Browser.LOADS.stream()
                .filter(l -> l.page().startsWith("/account")
                        || l.page().startsWith("/teach/onboarding")
                        || l.page().startsWith("/teach/course-packs"))
                .collect(Collectors.groupingBy(Browser.PageLoad::page)));
        if (byPage.isEmpty()) {
            return;
        }
        var lines = new ArrayList<String>();
        lines.add(String.format(
                "%-36s %5s %8s %8s %9s %8s %8s", "page", "loads", "p50 ms", "p99 ms", "HTML B", "CSS B", "JS B"));
        byPage.forEach((page, loads) -> {
            List<Double> times =
                    loads.stream().map(Browser.PageLoad::serverMillis).sorted().toList();
            Browser.PageLoad last = loads.getLast();
            lines.add(String.format(
                    "%-36s %5d %8.1f %8.1f %9d %8d %8d",
                    page,
                    loads.size(),
                    percentile(times, 50),
                    percentile(times, 99),
                    last.htmlBytes(),
                    last.cssBytes(),
                    last.jsBytes()));
        });
        Files.createDirectories(Browser.OUTPUT);
        Files.write(Browser.OUTPUT.resolve("account-page-costs.txt"), lines);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * The current page on a phone-sized screen (390 by 844): nothing wider than the screen, so no sideways scrolling;
     * a screenshot at that size, then back to the desktop size.
     */
    static void assertFitsAPhone(Browser browser, String screenshot) throws IOException {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            Object overflow = ((JavascriptExecutor) browser.driver)
                    .executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Object widest = ((JavascriptExecutor) browser.driver).executeScript("""
                    const w = document.documentElement.clientWidth;
                    return Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll'))
                        .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ');
                    """);
            assertThat(((Number) overflow).longValue())
                    .as("sideways overflow on a phone at " + browser.path() + ": " + widest)
                    .isLessThanOrEqualTo(0);
            browser.screenshot(screenshot);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    /** Clicks a button whose form asks first ({@code data-confirm}), says yes, and waits for the next page. */
    static void confirmAndLoad(Browser browser, String css) {
        WebElement button = browser.find(css);
        button.click();
        var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.stalenessOf(button));
        browser.waitForReady();
        browser.measure();
    }

    private static String code(String secret, long step) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Six digits that are no valid code around now. */
    private static String wrongCode(String secret) {
        long now = System.currentTimeMillis() / 30_000;
        var valid = new java.util.HashSet<String>();
        for (long step = now - 2; step <= now + 2; step++) {
            valid.add(code(secret, step));
        }
        int candidate = 0;
        while (valid.contains(String.format("%06d", candidate))) {
            candidate++;
        }
        return String.format("%06d", candidate);
    }
}
