package io.lyceum.messaging;

import static io.lyceum.messaging.MessagingClusterTests.messageSeqs;
import static io.lyceum.messaging.MessagingClusterTests.sendMany;
import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ExternalInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The kill test for the hub: the second instance is a separate JVM on the test's database, killed with SIGKILL
 * while both sides are streaming messages. The client that was on it reconnects to the surviving instance, resumes
 * from the last sequence it saw, and ends up with every committed message (the rows in chat_messages) exactly once and
 * in order; the client on the survivor saw every one of them once too.
 *
 * <p>Runs in the normal build ({@code *Test}): the start of the second JVM dominates its time.
 */
class MessagingCrashTest extends MessagingTestBase {

    /** Sent by the student through the surviving instance, spread over the kill. */
    private static final int STUDENT_MESSAGES = 20;
    /** At most this many sent by the tutor through the instance that is killed (the kill cuts the stream short). */
    private static final int TUTOR_MESSAGES = 14;
    /** The tutor's sends after which the second JVM is killed. */
    private static final int KILL_AFTER = 8;
    /** Sent by the tutor after resuming on the survivor. */
    private static final int AFTER_RESUME = 3;

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void killingAnInstanceMidStreamLosesAndDoublesNothingForItsResumingClient() throws Exception {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);

        Path log = Files.createTempFile("lyceum-hub-crash-", ".log");
        ExternalInstance beta = new ExternalInstance(postgres, "hub-crash", ExternalInstance.freePort(), log, Map.of());
        long bootStarted = System.nanoTime();
        beta.start();
        double bootSeconds = (System.nanoTime() - bootStarted) / 1e9;

        AtomicInteger tutorSent = new AtomicInteger();
        long killedAt;
        List<Long> tutorSeenBeforeKill = new ArrayList<>();
        Set<String> tutorAcked = new HashSet<>();
        int closeCode;
        try (var onAlpha = HubClient.authenticated(port, student.accessToken());
                var onBeta = HubClient.authenticated(beta.port(), tutor.accessToken())) {
            onAlpha.join(room);
            onBeta.join(room);

            try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
                // the student streams through the survivor, acknowledged one by one, across the kill
                Future<?> studentStream = senders.submit(() -> {
                    for (int i = 0; i < STUDENT_MESSAGES; i++) {
                        sendMany(onAlpha, room, "student-" + i, 1);
                        pause(60);
                    }
                });
                // the tutor streams through beta without waiting for acks: sends in flight die with the process
                Future<?> tutorStream = senders.submit(() -> {
                    for (int i = 0; i < TUTOR_MESSAGES && onBeta.isOpen(); i++) {
                        try {
                            onBeta.send(Map.of(
                                    "type",
                                    "send",
                                    "roomId",
                                    room.toString(),
                                    "clientId",
                                    "tutor-" + i,
                                    "content",
                                    Map.of("body", "tutor " + i)));
                        } catch (RuntimeException e) {
                            return; // the socket died under the send
                        }
                        tutorSent.incrementAndGet();
                        pause(40);
                    }
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (tutorSent.get() < KILL_AFTER && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(tutorSent.get()).as("the tutor's stream got going").isGreaterThanOrEqualTo(KILL_AFTER);
                beta.kill();
                killedAt = System.nanoTime();
                tutorStream.get(30, TimeUnit.SECONDS);
                studentStream.get(60, TimeUnit.SECONDS);
            }
            closeCode = onBeta.awaitClose();
            // what the tutor's client had received before its instance died
            onBeta.frames.drainTo(onBeta.skipped);
            for (JsonNode frame : onBeta.skipped) {
                switch (frame.path("type").asString()) {
                    case "message" ->
                        tutorSeenBeforeKill.add(
                                frame.path("message").path("seq").asLong());
                    case "ack" -> tutorAcked.add(frame.path("clientId").asString());
                    default -> {}
                }
            }
            assertThat(tutorSeenBeforeKill)
                    .as("before the kill, in order, once")
                    .isSorted()
                    .doesNotHaveDuplicates();

            // the tutor's client reconnects to the survivor and resumes from the last sequence it saw
            long lastSeen = tutorSeenBeforeKill.isEmpty() ? 0 : tutorSeenBeforeKill.getLast();
            List<Long> tutorSeen = new ArrayList<>(tutorSeenBeforeKill);
            try (var again = HubClient.authenticated(port, tutor.accessToken())) {
                again.send(Map.of("type", "join", "roomId", room.toString(), "lastSeq", lastSeen));
                JsonNode history = again.await("history");
                history.path("messages")
                        .forEach(m -> tutorSeen.add(m.path("seq").asLong()));
                sendMany(again, room, "tutor-resumed", AFTER_RESUME);
                List<Long> committed = committedSeqs(room);
                tutorSeen.addAll(messageSeqs(again, committed.size() - tutorSeen.size()));

                assertThat(tutorSeen)
                        .as("the resumed client: every committed message once, in order")
                        .isEqualTo(committed);
                assertThat(messageSeqs(onAlpha, committed.size()))
                        .as("the client on the survivor: every committed message once, in order")
                        .isEqualTo(committed);
                assertThat(again.frames).as("no message arrives twice").noneMatch(f -> "message"
                        .equals(f.path("type").asString()));

                // acknowledged means committed; what the kill cut off is either committed or gone, never doubled
                List<String> committedClientIds = committedClientIds(room);
                assertThat(committedClientIds).doesNotHaveDuplicates().containsAll(tutorAcked);
                long tutorCommitted = committedClientIds.stream()
                        .filter(id -> id.startsWith("tutor-") && !id.startsWith("tutor-resumed"))
                        .count();
                assertThat(committedClientIds.stream().filter(id -> id.startsWith("student-")))
                        .hasSize(STUDENT_MESSAGES);
                assertThat(tutorCommitted).isBetween((long) tutorAcked.size(), (long) tutorSent.get());
                System.out.printf(
                        "hub crash: second JVM up in %.1f s; killed (SIGKILL, close code %d) after %d tutor sends;"
                                + " %d acked, %d committed; tutor saw %d before the kill, resumed after seq %d;"
                                + " %d messages in all, %.1f s from the kill to the end; log: %s%n",
                        bootSeconds,
                        closeCode,
                        tutorSent.get(),
                        tutorAcked.size(),
                        tutorCommitted,
                        tutorSeenBeforeKill.size(),
                        lastSeen,
                        committed.size(),
                        (System.nanoTime() - killedAt) / 1e9,
                        log);
            }
        } finally {
            beta.kill();
        }
        assertThat(closeCode).as("an abnormal close, not a goodbye").isNotEqualTo(1000);
    }

    private List<Long> committedSeqs(UUID room) {
        return TenantContext.callAs(
                tenant(), () -> jdbc.sql("SELECT seq FROM chat_messages WHERE conversation_id = :c ORDER BY seq")
                        .param("c", room)
                        .query(Long.class)
                        .list());
    }

    private List<String> committedClientIds(UUID room) {
        return TenantContext.callAs(
                tenant(),
                () -> jdbc.sql("""
                        SELECT client_id FROM chat_messages WHERE conversation_id = :c ORDER BY seq
                        """).param("c", room).query(String.class).list());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
