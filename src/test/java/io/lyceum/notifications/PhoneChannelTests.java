package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.scheduling.BookingReminderDue;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS and calls through the telephony module's sandboxes (Twilio's and Vapi's shapes and test numbers): the provider's
 * later reports land on the delivery (its id is the reference), a refused number fails at once without retries.
 */
class PhoneChannelTests extends ApiTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    /** A student with this verified mobile number who wants calls for reminders. */
    private SignedIn studentWithMobile(String number) {
        SignedIn student = Accounts.newUser("STUDENT");
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql(
                        "UPDATE users SET mobile = :m, mobile_verified_at = now() WHERE id = :id")
                .param("m", number)
                .param("id", student.userId())
                .update());
        student.api()
                .contentType("application/json")
                .body(Map.of("categories", List.of(Map.of("category", "LESSON_REMINDERS", "voice", true))))
                .put("/api/v1/notifications/preferences")
                .then()
                .statusCode(200);
        return student;
    }

    private void remind(SignedIn student) {
        Instant start = Instant.now().plus(Duration.ofHours(1));
        TenantContext.runAs(
                TenantId.DEFAULT,
                () -> transactions.executeWithoutResult(s -> events.publishEvent(new BookingReminderDue(
                        TenantId.DEFAULT,
                        BookingId.of(UUID.randomUUID()),
                        TutorId.of(UUID.randomUUID()),
                        UserId.of(student.userId()),
                        student.userId(),
                        BookingReminderDue.HOUR_BEFORE,
                        start,
                        start.plus(Duration.ofHours(1)),
                        Instant.now()))));
    }

    private Map<String, Object> delivery(SignedIn student, String channel) {
        return TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        SELECT status, attempts, last_error, provider_id FROM notification_deliveries
                         WHERE recipient_id = :r AND channel = :c
                        """)
                .param("r", student.userId())
                .param("c", channel)
                .query()
                .singleRow());
    }

    private List<String> statuses(SignedIn student) {
        return TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        SELECT channel || ':' || status FROM notification_deliveries
                         WHERE recipient_id = :r AND channel IN ('SMS', 'VOICE') ORDER BY channel
                        """)
                .param("r", student.userId())
                .query(String.class)
                .list());
    }

    /** Every delivery and attempt of the student, for a failure's message. */
    private String snapshot(SignedIn student) {
        return TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        SELECT d.channel, d.status, d.attempts, d.last_error, a.number, a.status AS attempt,
                               a.error
                          FROM notification_deliveries d
                          LEFT JOIN notification_attempts a ON a.delivery_id = d.id
                         WHERE d.recipient_id = :r ORDER BY d.channel, a.number
                        """)
                .param("r", student.userId())
                .query()
                .listOfRows()
                .toString());
    }

    @Test
    void aReminderIsTextedAndCalledAndTheSmsProvidersReportMarksItDelivered() {
        String number = "+4477009" + (10_000 + (int) (Math.random() * 89_999));
        SignedIn student = studentWithMobile(number);
        remind(student);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses(student))
                .as(() -> snapshot(student))
                .containsExactly("SMS:DELIVERED", "VOICE:DELIVERED"));
        assertThat(delivery(student, "SMS").get("provider_id")).asString().startsWith("SM");
        // the call was placed (the provider's id kept); its end arrived as CallCompleted with our reference
        assertThat(delivery(student, "VOICE").get("provider_id")).isNotNull();
        assertThat(delivery(student, "VOICE").get("attempts")).isEqualTo(1);
        String sms = TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                        "SELECT body FROM sms_messages WHERE to_number = :n AND direction = 'OUTBOUND'")
                .param("n", number)
                .query(String.class)
                .single());
        assertThat(sms).startsWith("Lyceum: your lesson with");
    }

    @Test
    void anSmsTheHandsetNeverReceivesIsRecordedAsFailedWithTheProvidersCode() {
        // the telephony sandbox accepts this number and then reports it undelivered (30003)
        SignedIn student = studentWithMobile("+15005550010");
        remind(student);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses(student))
                .as(() -> snapshot(student))
                .contains("SMS:FAILED"));
        assertThat(delivery(student, "SMS").get("attempts")).isEqualTo(1);
        assertThat((String) delivery(student, "SMS").get("last_error")).startsWith("sms.undelivered");
    }
}
