package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.accounts.GuardianLinked;
import io.lyceum.messaging.MessagePosted;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** A new notification reaches the recipient's open socket at once; a message to someone connected notifies nobody. */
class NotificationLiveTests extends ApiTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    /** A socket of the hub, authenticated, keeping every frame it receives. */
    private WebSocket socket(SignedIn user, List<String> frames) {
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .join();
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + user.accessToken() + "\"}", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream().anyMatch(f -> f.contains("authenticated")));
        return socket;
    }

    private void publish(Object event) {
        TenantContext.runAs(TenantId.DEFAULT, () -> transactions.executeWithoutResult(s -> events.publishEvent(event)));
    }

    @Test
    void aNewNotificationIsPushedToTheRecipientsSocket() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = socket(student, frames);
        try {
            publish(new GuardianLinked(
                    UUID.randomUUID(),
                    TenantId.DEFAULT,
                    UserId.of(guardian.userId()),
                    UserId.of(student.userId()),
                    Instant.now()));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> frames.stream().anyMatch(f -> f.contains("\"type\":\"notification\"")));
            String id = student.api().get("/api/v1/notifications").path("content[0].id");
            assertThat(frames).anyMatch(f -> f.contains("\"type\":\"notification\"") && f.contains(id));

            // reading it tells the other open tabs
            student.api().patch("/api/v1/notifications/" + id + "/read").then().statusCode(200);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> frames.stream().anyMatch(f -> f.contains("\"type\":\"notification.read\"")));
        } finally {
            socket.abort();
        }
    }

    @Test
    void aMessageNotifiesOnlyARecipientWithNoSocketOpen() {
        SignedIn online = Accounts.newUser("STUDENT");
        SignedIn offline = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        WebSocket socket = socket(online, new CopyOnWriteArrayList<>());
        try {
            publish(new MessagePosted(
                    TenantId.DEFAULT,
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    tutor.userId(),
                    "Tess",
                    online.userId(),
                    "Hi",
                    Instant.now()));
            publish(new MessagePosted(
                    TenantId.DEFAULT,
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    tutor.userId(),
                    "Tess",
                    offline.userId(),
                    "Hi",
                    Instant.now()));
            await().atMost(Duration.ofSeconds(15)).until(() -> List.of("message.received")
                    .equals(offline.api().get("/api/v1/notifications").path("content.kind")));
            assertThat(offline.api().get("/api/v1/notifications").<String>path("content[0].title"))
                    .isEqualTo("New message from Tess");
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            assertThat(online.api().get("/api/v1/notifications").<List<String>>path("content.kind"))
                    .isEmpty();
        } finally {
            socket.abort();
        }
    }
}
