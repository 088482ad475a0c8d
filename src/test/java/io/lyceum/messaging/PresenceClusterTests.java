package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Presence across instances: a user whose only socket is on another instance counts as online here, so a message to
 * them notifies nobody (they see it arrive); once that socket closes they are offline everywhere and the next message
 * notifies them. The row of an instance that died without cleaning up lapses.
 */
class PresenceClusterTests extends MessagingTestBase {

    @Autowired
    EmbeddedPostgres postgres;

    private boolean online(SignedIn user) {
        return TenantContext.callAs(tenant(), () -> messagingApi.connected(UserId.of(user.userId())));
    }

    private List<String> notificationKinds(SignedIn user) {
        return user.api().get("/api/v1/notifications").path("content.kind");
    }

    @Test
    void aUserConnectedToAnotherInstanceIsOnlineHereUntilTheirSocketCloses() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        var beta = SecondInstance.start(postgres, "beta-presence", Map.of());
        try {
            assertThat(online(tutor)).isFalse();
            try (var onBeta = HubClient.authenticated(SecondInstance.port(beta), tutor.accessToken())) {
                // alpha has no socket of the tutor's, yet knows they are online
                assertThat(online(tutor)).isTrue();
                send(student, room, "Are you there?").then().statusCode(201);
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
                assertThat(notificationKinds(tutor)).doesNotContain("message.received");
            }
            // the socket closed: offline everywhere at once, and the next message notifies
            await().atMost(Duration.ofSeconds(10)).until(() -> !online(tutor));
            send(student, room, "Call me back").then().statusCode(201);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> notificationKinds(tutor).contains("message.received"));
            assertThat(notificationKinds(tutor).stream()
                            .filter("message.received"::equals)
                            .count())
                    .isOne();
        } finally {
            beta.close();
        }

        // an instance that died left a row it no longer refreshes: after the TTL it counts for nothing
        SignedIn stranded = tutor();
        TenantContext.runAs(tenant(), () -> jdbc.sql("""
                        INSERT INTO messaging_presence (tenant_id, user_id, instance_id, seen_at)
                        VALUES (:t, :u, :i, now() - interval '36 seconds')
                        """)
                .param("t", tenant().value())
                .param("u", stranded.userId())
                .param("i", UUID.randomUUID())
                .update());
        assertThat(online(stranded)).isFalse();
        TenantContext.runAs(tenant(), () -> jdbc.sql("UPDATE messaging_presence SET seen_at = now() WHERE user_id = :u")
                .param("u", stranded.userId())
                .update());
        assertThat(online(stranded)).isTrue();
    }
}
