package io.lyceum.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.ApiTestBase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMS sandbox behaves like Twilio: Message resources with {@code SM...} sids, Twilio's magic test numbers refused
 * with Twilio's error codes, status callbacks delivered to our own endpoint signed with {@code X-Twilio-Signature}
 * (so each one passes the real verification), statuses published as {@link SmsStatusChanged}, opted-out numbers
 * never reaching the provider, and every message readable at {@code /api/v1/dev/sms}.
 */
class SandboxSmsTests extends ApiTestBase {

    static final UUID TENANT = TenantId.DEFAULT.value();

    @Autowired
    TelephonyApi telephony;

    @Autowired
    RecordedTelephonyEvents events;

    static String freshNumber() {
        return "+4477009" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    }

    @Test
    void aMessageIsQueuedThenSentAndDeliveredThroughSignedStatusCallbacks() {
        String to = freshNumber();
        String reference = "ref-" + UUID.randomUUID();
        SmsResult result =
                telephony.sendSms(new OutgoingSms(TENANT, null, to, "Your lesson starts at 10:00.", reference));

        assertThat(result.status()).isEqualTo(DeliveryStatus.queued);
        assertThat(result.providerId()).matches("SM[0-9a-f]{32}");
        assertThat(result.errorCode()).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.sms(reference))
                .extracting(SmsStatusChanged::status)
                .containsExactly(DeliveryStatus.sent, DeliveryStatus.delivered));
        assertThat(events.sms(reference)).allSatisfy(e -> {
            assertThat(e.providerId()).isEqualTo(result.providerId());
            assertThat(e.tenantId()).isEqualTo(TENANT);
        });
        assertThat(status(reference)).isEqualTo("delivered");

        api().queryParam("to", to)
                .get("/api/v1/dev/sms")
                .then()
                .statusCode(200)
                .body("content[0].sid", equalTo(result.providerId()))
                .body("content[0].kind", equalTo("SMS"))
                .body("content[0].body", equalTo("Your lesson starts at 10:00."))
                .body("content[0].status", equalTo("delivered"));
    }

    @Test
    void twiliosMagicNumbersAreRefusedWithTwiliosErrorCodes() {
        assertRefused("+15005550001", "21211");
        assertRefused("+15005550002", "21612");
        assertRefused("+15005550003", "21408");
        assertRefused("+15005550009", "21614");
        api().queryParam("to", "+15005550009")
                .get("/api/v1/dev/sms")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(0));
    }

    @Test
    void aNumberTwilioReportsUnsubscribedIsOptedOutAndNeverSentToAgain() {
        String blocked = "+15005550004";
        assertRefused(blocked, "21610");
        assertThat(telephony.optedOut(TENANT, blocked)).isTrue();

        SmsResult again = telephony.sendSms(new OutgoingSms(TENANT, null, blocked, "Hello again", "ref-again"));
        assertThat(again.status()).isEqualTo(DeliveryStatus.refused_opted_out);
        assertThat(again.providerId()).isNull();
        assertThat(again.errorCode()).isEqualTo("opted_out");
    }

    @Test
    void anUnreachableHandsetEndsUndelivered() {
        String reference = "ref-" + UUID.randomUUID();
        SmsResult result =
                telephony.sendSms(new OutgoingSms(TENANT, null, SandboxSmsProvider.UNDELIVERABLE, "Hi", reference));
        assertThat(result.status()).isEqualTo(DeliveryStatus.queued);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.sms(reference))
                .extracting(SmsStatusChanged::status)
                .contains(DeliveryStatus.undelivered));
        assertThat(events.sms(reference).getLast().errorCode()).isEqualTo("30003");
        assertThat(status(reference)).isEqualTo("undelivered");
    }

    @Test
    void aNumberThatIsNotE164IsRefusedWithoutCallingTheProvider() {
        SmsResult result = telephony.sendSms(new OutgoingSms(TENANT, null, "07700 900123", "Hi", "ref-bad"));
        assertThat(result.status()).isEqualTo(DeliveryStatus.failed);
        assertThat(result.errorCode()).isEqualTo("invalid_number");
    }

    private void assertRefused(String to, String code) {
        SmsResult result = telephony.sendSms(new OutgoingSms(TENANT, null, to, "Hi", "ref-" + code));
        assertThat(result.status()).as(to).isEqualTo(DeliveryStatus.failed);
        assertThat(result.errorCode()).as(to).isEqualTo(code);
        assertThat(result.providerId()).as(to).isNull();
    }

    private String status(String reference) {
        return TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT status FROM sms_messages WHERE reference = :r")
                        .param("r", reference)
                        .query(String.class)
                        .single());
    }
}
