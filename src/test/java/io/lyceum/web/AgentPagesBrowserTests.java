package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.agents.ModelTestBase;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tutors;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The assistant panel streaming a WireMock model's answer with a tool card, and the API-keys page (a key shown once
 * in the MCP connection card, then revoked) in a real browser. Skipped without Chromium.
 */
class AgentPagesBrowserTests extends ModelTestBase {

    @Test
    void theAssistantPanelStreamsTextAndToolCards() throws IOException {
        Browser.assumeChromium();
        Tutors.approved(jdbc);
        onFirstTurn("PANELMARK", "search_tutors", Map.of("size", 3));
        afterTool("PANELMARK", "Here are ", "three tutors.");
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/assistant");
            browser.type("#assistant-message", "PANELMARK who teaches near me?");
            browser.find("form.assistant-ask button[type=submit]").click();
            browser.waitForText(".bubble.assistant .segment.text", "Here are three tutors.");
            assertThat(browser.text(".bubble.assistant details.tool.complete summary"))
                    .isEqualTo("search_tutors");
            assertThat(browser.text(".bubble.user .segment.text")).isEqualTo("PANELMARK who teaches near me?");
            browser.waitForText(".assistant-status", "Answered.");
            assertThat(browser.path()).startsWith("/assistant?conversation=");
            browser.screenshot("agents-assistant");
            browser.assertAccessible();

            // the conversation is kept: a reload shows it
            browser.go(browser.path());
            assertThat(browser.text(".bubble.assistant .segment.text")).isEqualTo("Here are three tutors.");
        }
    }

    @Test
    void aKeyIsShownOnceWithTheConnectionCardAndCanBeRevoked() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        try (Browser browser = Browser.open(port)) {
            browser.signIn(student);
            browser.go("/account/api-keys");
            assertThat(browser.text(".mcp-card #mcp-endpoint")).endsWith("/mcp");
            browser.type("#key-name", "My Claude");
            browser.clickToLoad("form.create-key button[type=submit]");
            String key = browser.text("#new-key");
            assertThat(key).startsWith("lyk_");
            assertThat(browser.text("#cursor-config")).contains("Bearer " + key).contains("/mcp");
            assertThat(browser.text("#claude-config")).contains("mcp-remote");
            assertThat(browser.text("table.keys tbody tr td")).isEqualTo("My Claude");
            browser.screenshot("agents-api-keys");
            browser.assertAccessible();

            // shown once: the page does not show it again
            browser.go("/account/api-keys");
            assertThat(browser.driver.getPageSource()).doesNotContain(key);
            browser.clickToLoad("table.keys button.revoke");
            assertThat(browser.text("table.keys tbody tr")).contains("Revoked");
        }
    }
}
