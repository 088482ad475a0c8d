package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Two application instances on one database with a client on each: messages sent on either arrive on both, in
 * sequence order, exactly once; when one instance goes away its client reconnects to the other and resumes from the
 * last sequence it saw without losing anything.
 */
class MessagingClusterTests extends MessagingTestBase {

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void twoInstancesBehaveAsOneAndAReconnectLosesNothing() throws Exception {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        int perSide = 15;

        var beta = SecondInstance.start(postgres, "beta", Map.of());
        int betaPort = SecondInstance.port(beta);
        HubClient onBeta = null;
        try (var onAlpha = HubClient.authenticated(port, student.accessToken())) {
            onBeta = HubClient.authenticated(betaPort, tutor.accessToken());
            onAlpha.join(room);
            onBeta.join(room);

            // both sides send at once, each through its own instance
            try (var pool = Executors.newFixedThreadPool(2)) {
                HubClient b = onBeta;
                pool.submit(() -> sendMany(onAlpha, room, "alpha", perSide));
                pool.submit(() -> sendMany(b, room, "beta", perSide));
            }
            List<Long> seenOnAlpha = messageSeqs(onAlpha, 2 * perSide);
            List<Long> seenOnBeta = messageSeqs(onBeta, 2 * perSide);
            List<Long> expected = new ArrayList<>();
            for (long seq = 1; seq <= 2 * perSide; seq++) {
                expected.add(seq);
            }
            assertThat(seenOnAlpha).as("in order, exactly once, on alpha").isEqualTo(expected);
            assertThat(seenOnBeta).as("in order, exactly once, on beta").isEqualTo(expected);
            assertThat(beta.getBean(MessagingHealth.class).health().getDetails().get("listening"))
                    .isEqualTo(true);

            // beta goes away; alpha keeps taking messages meanwhile
            long lastSeenByTutor = seenOnBeta.getLast();
            beta.close();
            assertThat(onBeta.awaitClose()).isNotEqualTo(1000);
            sendMany(onAlpha, room, "while-away", 5);

            // the tutor's client reconnects to alpha and resumes
            try (var again = HubClient.authenticated(port, tutor.accessToken())) {
                again.send(Map.of("type", "join", "roomId", room.toString(), "lastSeq", lastSeenByTutor));
                JsonNode history = again.await("history");
                List<Long> resumed = new ArrayList<>();
                history.path("messages").forEach(m -> resumed.add(m.path("seq").asLong()));
                assertThat(resumed).containsExactly(31L, 32L, 33L, 34L, 35L);
                sendMany(onAlpha, room, "after", 1);
                assertThat(again.await("message").path("message").path("seq").asLong())
                        .isEqualTo(36);
            }
            assertThat(messageSeqs(onAlpha, 6))
                    .as("alpha's client, still exactly once and in order")
                    .containsExactly(31L, 32L, 33L, 34L, 35L, 36L);
        } finally {
            if (onBeta != null) {
                onBeta.close();
            }
            beta.close();
        }
    }

    static void sendMany(HubClient client, UUID room, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.send(Map.of(
                    "type",
                    "send",
                    "roomId",
                    room.toString(),
                    "clientId",
                    prefix + "-" + i,
                    "content",
                    Map.of("body", prefix + " " + i)));
            client.await("ack");
        }
    }

    /** The sequences of the next {@code count} message frames. */
    static List<Long> messageSeqs(HubClient client, int count) {
        List<Long> seqs = new ArrayList<>();
        client.skipped.stream()
                .filter(f -> "message".equals(f.path("type").asString()))
                .forEach(f -> seqs.add(f.path("message").path("seq").asLong()));
        client.skipped.removeIf(f -> "message".equals(f.path("type").asString()));
        while (seqs.size() < count) {
            seqs.add(client.await("message").path("message").path("seq").asLong());
        }
        return seqs;
    }
}
