package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.DemoApiTestBase;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The tutor's wallet page in a real browser, on the demo marketplace: Priya's balances and payout account, a
 * withdrawal the API refuses shown in words, an unreadable amount caught before the API, and replacing the payout
 * account. Skipped without Chromium.
 */
class WalletPagesBrowserTests extends DemoApiTestBase {

    @Test
    void aTutorReadsTheirWalletAndIsToldWhyAWithdrawalIsRefused() throws IOException {
        Browser.assumeChromium();
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin");
            browser.type("#email", "priya.raman@lyceum.local");
            browser.type("#password", "demo-password-2026");
            browser.clickToLoad("form.stack button[type=submit]");

            browser.go("/teach/wallet");
            assertThat(browser.text("h1")).isEqualTo("Your wallet");
            assertThat(browser.text(".balance[data-currency='GBP'] h3")).isEqualTo("GBP");
            assertThat(browser.text("#payout-account")).startsWith("Bank account ending ");
            browser.assertAccessible();

            // more than anyone has available: the API's refusal, in words, on the same page
            browser.type("#amount-GBP", "999999.00");
            browser.clickToLoad(".balance[data-currency='GBP'] form.withdraw button[type=submit]");
            assertThat(browser.path()).isEqualTo("/teach/wallet");
            assertThat(browser.text("#error")).isEqualTo("That is more than your available balance.");

            // letters never reach the API: the field's pattern stops the browser from sending them
            browser.type("#amount-GBP", "12abc");
            assertThat(browser.find("#amount-GBP").getDomProperty("validationMessage"))
                    .isNotEmpty();

            browser.type("#bankAccountNumber", "00012345678");
            browser.type("#country", "gb");
            browser.clickToLoad("form.stack:not(.withdraw) button[type=submit]");
            assertThat(browser.text(".notice")).isEqualTo("Your payout account is saved.");
            assertThat(browser.text("#payout-account")).isEqualTo("Bank account ending 5678 (GB)");
        }
    }
}
