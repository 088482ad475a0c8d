package io.lyceum.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Twilio's webhooks into Lyceum: forged and replayed requests are refused before anything changes; a tutor's
 * {@code YES} confirms their oldest requested lesson through the booking rules; {@code STOP}/{@code START} and the
 * carriers' synonyms opt a number out and in; unknown numbers and malformed replies get a polite TwiML answer and
 * change nothing.
 */
class InboundSmsTests extends TelephonyTestBase {

    @Autowired
    TelephonyApi telephony;

    @Autowired
    RecordedTelephonyEvents recorded;

    @Test
    void yesFromATutorsVerifiedMobileConfirmsTheirOldestRequestedLessonOnlyOnce() {
        Tutors.Approved tutor = tutor(true);
        String mobile = verifiedMobile(tutor.tutor());
        UUID later = book(Accounts.newUser("STUDENT"), tutor, slot(), true);
        UUID requestedFirstButLater = book(Accounts.newUser("STUDENT"), tutor, slot(), true);
        assertThat(state(later)).isEqualTo("REQUESTED");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        sms(sid, mobile, " yes! ")
                .then()
                .statusCode(200)
                .contentType(containsString("xml"))
                .body(containsString("<Response><Message>Confirmed: your lesson on "));
        assertThat(state(later)).isEqualTo("CONFIRMED");
        assertThat(state(requestedFirstButLater)).isEqualTo("REQUESTED");

        // the same request again (a replay) is refused and confirms nothing more
        sms(sid, mobile, "YES").then().statusCode(409).body("code", equalTo("webhook.replayed"));
        assertThat(state(requestedFirstButLater)).isEqualTo("REQUESTED");

        // a new YES confirms the next one; with none left it says so
        sms(mobile, "Yes").then().statusCode(200);
        assertThat(state(requestedFirstButLater)).isEqualTo("CONFIRMED");
        sms(mobile, "YES")
                .then()
                .statusCode(200)
                .body(containsString("You have no lesson request waiting for confirmation."));
        assertThat(inTenant(
                        () -> jdbc.sql("SELECT count(*) FROM sms_messages WHERE direction = 'INBOUND' AND user_id = :u")
                                .param("u", tutor.id())
                                .query(Long.class)
                                .single()))
                .isEqualTo(3L);
    }

    @Test
    void unknownNumbersAndMalformedRepliesGetAPoliteAnswerAndChangeNothing() {
        Tutors.Approved tutor = tutor(true);
        String mobile = verifiedMobile(tutor.tutor());
        UUID requested = book(Accounts.newUser("STUDENT"), tutor, slot(), true);

        sms(freshNumber(), "YES").then().statusCode(200).body(containsString("recognise this number"));
        sms(mobile, "yes please, tomorrow").then().statusCode(200).body(containsString("didn't understand"));
        sms(mobile, "").then().statusCode(200).body(containsString("didn't understand"));
        sms("not-a-number", "YES").then().statusCode(200).body(containsString("didn't understand"));
        assertThat(state(requested)).isEqualTo("REQUESTED");

        // a student's YES confirms nothing either: only tutors confirm
        SignedIn student = Accounts.newUser("STUDENT");
        sms(verifiedMobile(student), "YES").then().statusCode(200).body(containsString("Only tutors"));
        assertThat(state(requested)).isEqualTo("REQUESTED");

        // an unverified number is unknown, even when a user has set it
        SignedIn unverified = Accounts.newUser("TUTOR");
        String pending = freshNumber();
        unverified
                .api()
                .contentType("application/json")
                .body(Map.of("mobile", pending))
                .put("/api/v1/users/me/mobile")
                .then()
                .statusCode(200);
        sms(pending, "YES").then().statusCode(200).body(containsString("recognise this number"));
    }

    @Test
    void stopAndItsSynonymsOptOutStartOptsBackIn() {
        String number = freshNumber();
        sms(number, "Stop.").then().statusCode(200).body(containsString("unsubscribed"));
        assertThat(telephony.optedOut(tenant().value(), number)).isTrue();
        SmsResult refused =
                telephony.sendSms(new OutgoingSms(tenant().value(), null, number, "Reminder", "ref-" + number));
        assertThat(refused.status()).isEqualTo(DeliveryStatus.refused_opted_out);

        sms(number, "start").then().statusCode(200).body(containsString("subscribed to Lyceum text messages again"));
        assertThat(telephony.optedOut(tenant().value(), number)).isFalse();

        for (String synonym : new String[] {"UNSUBSCRIBE", "cancel", "End", "QUIT", "stopall", "OPTOUT", "revoke"}) {
            sms(number, synonym).then().statusCode(200).body(containsString("unsubscribed"));
            assertThat(telephony.optedOut(tenant().value(), number)).as(synonym).isTrue();
            sms(number, "UNSTOP").then().statusCode(200);
            assertThat(telephony.optedOut(tenant().value(), number)).as(synonym).isFalse();
        }
        sms(number, "HELP").then().statusCode(200).body(containsString("Reply STOP"));
    }

    @Test
    void forgedInboundMessagesAreRefusedBeforeTheyAreRead() {
        Tutors.Approved tutor = tutor(true);
        String mobile = verifiedMobile(tutor.tutor());
        UUID requested = book(Accounts.newUser("STUDENT"), tutor, slot(), true);
        String path = "/api/v1/telephony/twilio/" + tenant().value() + "/inbound";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Body", "YES");
        params.put("From", mobile);
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));

        // no signature, a wrong one, one made with another key, one for other parameters, one for another URL
        twilio(path, params, null).then().statusCode(401).body("code", equalTo("webhook.invalid_signature"));
        twilio(path, params, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.invalid_signature"));
        Map<String, java.util.List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, java.util.List.of(v)));
        twilio(path, params, TwilioSignature.sign("guessed-token", twilioUrl(path), multi))
                .then()
                .statusCode(401);
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("From", freshNumber());
        twilio(path, tampered, sign(path, params)).then().statusCode(401);
        String otherTenant = "/api/v1/telephony/twilio/" + UUID.randomUUID() + "/inbound";
        twilio(path, params, sign(otherTenant, params)).then().statusCode(401);
        // a body that is not even form encoding is refused the same way
        io.lyceum.testsupport.http.Http.given()
                .contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", sign(path, params))
                .body("Body=%ZZ")
                .post(path)
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.invalid_signature"));

        assertThat(state(requested)).isEqualTo("REQUESTED");
        assertThat(inTenant(() -> jdbc.sql("SELECT count(*) FROM sms_messages WHERE from_number = :n")
                        .param("n", mobile)
                        .query(Long.class)
                        .single()))
                .isZero();
    }

    @Test
    void statusCallbacksAreVerifiedAndAReplayIsRefused() {
        String to = freshNumber();
        String reference = "ref-" + UUID.randomUUID();
        SmsResult sent = telephony.sendSms(new OutgoingSms(tenant().value(), null, to, "Hello", reference));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> recorded.sms(reference).size() == 2);
        UUID messageId = inTenant(() -> jdbc.sql("SELECT id FROM sms_messages WHERE reference = :r")
                .param("r", reference)
                .query(UUID.class)
                .single());
        String path = "/api/v1/telephony/twilio/" + tenant().value() + "/status/" + messageId;
        Map<String, String> delivered = new LinkedHashMap<>();
        delivered.put("MessageSid", sent.providerId());
        delivered.put("MessageStatus", "delivered");
        delivered.put("To", to);

        // the sandbox's own "delivered" was accepted: the same callback again is a replay
        twilio(path, delivered).then().statusCode(409).body("code", equalTo("webhook.replayed"));

        // a forged "failed" changes nothing
        Map<String, String> failed = new LinkedHashMap<>(delivered);
        failed.put("MessageStatus", "failed");
        failed.put("ErrorCode", "30008");
        twilio(path, failed, sign(path, delivered))
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.invalid_signature"));
        // a genuine, later "read" moves it forward; an unknown message is 404
        Map<String, String> read = new LinkedHashMap<>(delivered);
        read.put("MessageStatus", "read");
        twilio(path, read).then().statusCode(204);
        String unknown = "/api/v1/telephony/twilio/" + tenant().value() + "/status/" + UUID.randomUUID();
        twilio(unknown, read).then().statusCode(404).body("code", equalTo("sms.not_found"));
        Map<String, String> nonsense = new LinkedHashMap<>(delivered);
        nonsense.put("MessageStatus", "teleported");
        twilio(path, nonsense).then().statusCode(400).body("code", equalTo("webhook.malformed"));

        assertThat(inTenant(() -> jdbc.sql("SELECT status FROM sms_messages WHERE id = :id")
                        .param("id", messageId)
                        .query(String.class)
                        .single()))
                .isEqualTo("read");
        assertThat(recorded.sms(reference))
                .extracting(SmsStatusChanged::status)
                .containsExactly(DeliveryStatus.sent, DeliveryStatus.delivered, DeliveryStatus.read);
    }
}
