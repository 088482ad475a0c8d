package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email through a real SMTP server inside the test (GreenMail): multipart text and HTML, the lesson's invite attached,
 * List-Unsubscribe; and an SMTP outage that delays the email (each failed attempt recorded) but never loses it.
 */
class NotificationEmailSmtpTests extends ApiTestBase {

    private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static volatile GreenMail smtp = started();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("lyceum.notifications.email-transport", () -> "smtp");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::getPort);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
        // notifications carry the invite themselves (scheduling's own invite emails off)
        registry.add("lyceum.scheduling.calendar.invites", () -> "false");
        registry.add("lyceum.notifications.first-retry-delay", () -> "PT0.3S");
        registry.add("lyceum.notifications.max-retry-delay", () -> "PT1S");
        registry.add("lyceum.notifications.delivery-interval", () -> "PT0.3S");
    }

    private static GreenMail started() {
        GreenMail server = new GreenMail(SMTP);
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    private static List<MimeMessage> received(String address) {
        List<MimeMessage> result = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                    result.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    private static Optional<MimeMessage> withSubject(String address, String start) {
        return received(address).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith(start);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst();
    }

    /** Every part of a message, depth first, as content type and content. */
    private static void parts(Multipart multipart, List<BodyPart> into) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                parts(nested, into);
            } else {
                into.add(part);
            }
        }
    }

    @Test
    void aConfirmedLessonsEmailIsMultipartWithTheInviteAndAnUnsubscribeLink() throws Exception {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        TenantId tenant = Tenants.idOf(jdbc, null);
        OpenSchedules.openAllWeek(jdbc, tenant, tutor.id(), false, 0, 60);
        SignedIn student = Accounts.newUser("STUDENT");
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(5).atTime(9, 0).toInstant(ZoneOffset.UTC);
        student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId", tutor.id().toString(),
                        "subjectId", tutor.subjectId().toString(),
                        "startsAt", start.toString(),
                        "durationMinutes", 60,
                        "trial", true))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> withSubject(student.email(), "Lesson confirmed").isPresent());
        MimeMessage mail = withSubject(student.email(), "Lesson confirmed").orElseThrow();
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/api/v1/notifications/unsubscribe?");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        List<BodyPart> parts = new ArrayList<>();
        parts((Multipart) mail.getContent(), parts);
        BodyPart text =
                parts.stream().filter(p -> is(p, "text/plain")).findFirst().orElseThrow();
        BodyPart html =
                parts.stream().filter(p -> is(p, "text/html")).findFirst().orElseThrow();
        BodyPart invite =
                parts.stream().filter(p -> is(p, "text/calendar")).findFirst().orElseThrow();
        assertThat((String) text.getContent()).contains("Hello Test student,").contains("is confirmed");
        assertThat((String) html.getContent()).contains("<h1").contains("Lesson confirmed");
        assertThat(invite.getFileName()).isEqualTo("invite.ics");
        assertThat(new String(invite.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("BEGIN:VCALENDAR")
                .contains("METHOD:REQUEST");
        // the tutor, whose bookings confirm themselves, hears of it too
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        withSubject(tutor.tutor().email(), "Lesson confirmed").isPresent());
    }

    private static boolean is(BodyPart part, String type) {
        try {
            return part.getContentType().toLowerCase().startsWith(type);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    @Test
    void anSmtpOutageDelaysTheEmailWithEveryAttemptRecordedAndLosesNothing() {
        smtp.stop();
        Tutors.Approved tutor;
        try {
            tutor = Tutors.approved(jdbc);
            TenantId tenant = Tenants.idOf(jdbc, null);
            UUID tutorId = tutor.id();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TenantContext.callAs(tenant, () -> jdbc.sql("""
                                    SELECT count(*) FROM notification_attempts a
                                      JOIN notification_deliveries d ON d.id = a.delivery_id
                                     WHERE d.recipient_id = :r AND a.status = 'RETRY'
                                    """)
                                    .param("r", tutorId)
                                    .query(Long.class)
                                    .single())
                            >= 2);
            String error = TenantContext.callAs(
                    tenant,
                    () -> jdbc.sql("""
                            SELECT last_error FROM notification_deliveries WHERE recipient_id = :r AND channel = 'EMAIL'
                            """).param("r", tutorId).query(String.class).single());
            assertThat(error).startsWith("smtp.unavailable");
            assertThat(withSubject(tutor.tutor().email(), "Your tutor profile is approved"))
                    .isEmpty();
        } finally {
            smtp = started();
        }
        SignedIn tutorUser = tutor.tutor();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> withSubject(tutorUser.email(), "Your tutor profile is approved")
                        .isPresent());
        // the server has the email the moment SMTP accepts it; the worker records the attempt just after
        await().atMost(Duration.ofSeconds(10))
                .until(() -> attempts(tutorUser).getLast().equals("SENT"));
        List<String> log = attempts(tutorUser);
        assertThat(log.subList(0, log.size() - 1)).isNotEmpty().allMatch("RETRY"::equals);
        assertThat(received(tutorUser.email()).stream()
                        .filter(m -> {
                            try {
                                return m.getSubject().startsWith("Your tutor profile is approved");
                            } catch (jakarta.mail.MessagingException e) {
                                return false;
                            }
                        })
                        .count())
                .isEqualTo(1);
    }

    private List<String> attempts(SignedIn user) {
        return TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql("""
                        SELECT a.status FROM notification_attempts a
                          JOIN notification_deliveries d ON d.id = a.delivery_id
                         WHERE d.recipient_id = :r ORDER BY a.number
                        """)
                .param("r", user.userId())
                .query(String.class)
                .list());
    }
}
