package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.messaging.ConversationType;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inbox and a conversation page in a real browser: unread badge, history, a message from the other side arriving
 * live over the WebSocket, sending from the page over the socket, and the read receipt. Skipped without Chromium.
 */
class MessagePagesBrowserTests extends ApiTestBase {

    @Autowired
    MessagingApi messaging;

    @Test
    void aStudentReadsAndAnswersLive() throws IOException {
        Browser.assumeChromium();
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID room = TenantContext.callAs(
                TenantId.DEFAULT,
                () -> messaging.openConversation(
                        ConversationType.STUDENT_TUTOR, student.userId(), tutor.userId(), "TEST"));
        say(tutor, room, "Welcome! What would you like to work on?");

        try (Browser browser = Browser.open(port)) {
            browser.go("/signin");
            browser.type("#email", student.email());
            browser.type("#password", Accounts.PASSWORD);
            browser.clickToLoad("form.stack button[type=submit]");

            browser.go("/messages");
            assertThat(browser.text(".threads li.unread .badge")).isEqualTo("1 new");
            browser.clickToLoad(".threads a[href='/messages/" + room + "']");
            assertThat(browser.text("ol.messages li[data-seq='1'] p"))
                    .isEqualTo("Welcome! What would you like to work on?");

            // the tutor writes while the page is open: it appears without a reload
            say(tutor, room, "Shall we start with fractions?");
            assertThat(browser.text("ol.messages li[data-seq='2'] p")).isEqualTo("Shall we start with fractions?");

            // the student answers from the page, over the socket
            browser.type("#body", "Yes please, fractions!");
            browser.find("form.compose button[type=submit]").click();
            assertThat(browser.text("ol.messages li[data-seq='3'] p")).isEqualTo("Yes please, fractions!");
            await().atMost(Duration.ofSeconds(15)).until(() -> "Yes please, fractions!"
                    .equals(tutor.api()
                            .get("/api/v1/messages/threads/" + room + "?limit=1")
                            .path("messages[0].body")));

            // the tutor reads it: the receipt shows
            tutor.api()
                    .patch("/api/v1/messages/threads/" + room + "/read-all")
                    .then()
                    .statusCode(200);
            browser.waitFor(".receipt");
            browser.screenshot("messages-conversation");
            browser.assertAccessible();
        }
    }

    private static void say(SignedIn sender, UUID room, String body) {
        sender.api()
                .contentType("application/json")
                .body(Map.of("conversationId", room.toString(), "body", body))
                .post("/api/v1/messages")
                .then()
                .statusCode(201);
    }
}
