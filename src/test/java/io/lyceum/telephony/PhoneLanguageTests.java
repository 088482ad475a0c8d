package io.lyceum.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tutors;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies by text and the phone assistant speak the user's language: French to a user whose account is in French
 * (times in their zone, written the French way, money with a decimal comma), English to an English user and to a
 * number no user verified.
 */
class PhoneLanguageTests extends TelephonyTestBase {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEE d MMM 'à' HH:mm", Locale.FRENCH);

    private final JsonMapper json = JsonMapper.builder().build();

    private void inFrench(SignedIn user) {
        inTenant(() -> jdbc.sql("UPDATE users SET locale = 'fr', time_zone = 'Europe/Paris' WHERE id = :id")
                .param("id", user.userId())
                .update());
    }

    private static String french(Instant when) {
        return FRENCH.format(when.atZone(PARIS)) + " (Europe/Paris)";
    }

    @Test
    void aFrenchTutorIsAnsweredInFrenchByText() {
        Tutors.Approved tutor = tutor(true);
        inFrench(tutor.tutor());
        String mobile = verifiedMobile(tutor.tutor());
        Instant start = slot();
        UUID requested = book(Accounts.newUser("STUDENT"), tutor, start, true);

        sms(mobile, "Oui !")
                .then()
                .statusCode(200)
                .contentType(containsString("xml"))
                .body(containsString("<Message>Confirmé : votre cours du " + french(start) + ".</Message>"));
        assertThat(state(requested)).isEqualTo("CONFIRMED");
        sms(mobile, "oui")
                .then()
                .body(containsString("Vous n’avez aucune demande de cours en attente de confirmation."));
        sms(mobile, "AIDE").then().body(containsString("les professeurs répondent OUI (ou YES)"));
        sms(mobile, "bonjour").then().body(containsString("Désolé, nous n’avons pas compris."));
        sms(mobile, "STOP").then().body(containsString("Vous êtes désabonné·e des SMS de Lyceum"));
        assertThat(telephonyOptedOut(mobile)).isTrue();
        sms(mobile, "START").then().body(containsString("Vous êtes de nouveau abonné·e"));

        // a number no user verified: English, and nothing confirmed
        sms(freshNumber(), "OUI").then().statusCode(200).body(containsString("we don't recognise this number"));
        // an English tutor: English
        Tutors.Approved english = tutor(true);
        String englishMobile = verifiedMobile(english.tutor());
        sms(englishMobile, "YES").then().body(containsString("You have no lesson request waiting for confirmation."));
    }

    @Test
    void aFrenchCallerHearsTheAssistantAndItsToolsInFrench() {
        Tutors.Approved tutor = tutor(false);
        SignedIn caller = Accounts.newUser("STUDENT");
        inFrench(caller);
        String mobile = verifiedMobile(caller);
        Instant start = soon();
        UUID lesson = paid(caller, tutor, start);
        Map<String, Object> call = Map.of(
                "id", "inbound-" + UUID.randomUUID(), "type", "inboundPhoneCall", "customer", Map.of("number", mobile));

        vapi(message("assistant-request", call, null))
                .then()
                .statusCode(200)
                .body(
                        "assistant.firstMessage",
                        equalTo("Bonjour Test, ici Lyceum. Je peux vous dire quel est votre"
                                + " prochain cours ou l’annuler. Que puis-je faire pour vous ?"))
                .body("assistant.model.messages[0].content", containsString("Parle français."))
                .body("assistant.model.messages[0].content", containsString(", élève, identifié·e"))
                .body("assistant.transcriber.language", equalTo("fr"))
                .body(
                        "assistant.model.tools.function.name",
                        org.hamcrest.Matchers.contains("next_lesson", "cancel_next_lesson"));

        vapi(message("tool-calls", call, List.of(tool("t1", "next_lesson"))))
                .then()
                .statusCode(200)
                .body("results[0].result", equalTo("Votre prochain cours est le " + french(start) + " (confirmé)."));

        // within the free window? the lesson starts in about three hours: late, so a fee (15,00 GBP) applies
        vapi(message("tool-calls", call, List.of(tool("t2", "cancel_next_lesson"))))
                .then()
                .statusCode(200)
                .body(
                        "results[0].result",
                        equalTo("Votre cours du " + french(start) + " est annulé. C’était une"
                                + " annulation tardive : des frais de 15,00 GBP s’appliquent et 15,00 GBP vous est"
                                + " remboursé."));
        assertThat(state(lesson)).isEqualTo("CANCELLED");
        vapi(message("tool-calls", call, List.of(tool("t3", "next_lesson"))))
                .then()
                .body("results[0].result", equalTo("Vous n’avez aucun cours à venir."));

        // an unknown caller: English, no tools, no transcriber override
        Map<String, Object> stranger = Map.of(
                "id",
                "inbound-" + UUID.randomUUID(),
                "type",
                "inboundPhoneCall",
                "customer",
                Map.of("number", freshNumber()));
        vapi(message("assistant-request", stranger, null))
                .then()
                .statusCode(200)
                .body("assistant.firstMessage", containsString("don't recognise this number"))
                .body("assistant.transcriber", nullValue())
                .body("assistant.model.tools", nullValue());
    }

    @org.springframework.beans.factory.annotation.Autowired
    TelephonyApi telephony;

    private boolean telephonyOptedOut(String number) {
        return telephony.optedOut(tenant().value(), number);
    }

    private String message(String type, Map<String, Object> call, List<Map<String, Object>> tools) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("type", type);
        message.put("timestamp", Instant.now().toEpochMilli());
        message.put("call", call);
        if (tools != null) {
            message.put("toolCallList", tools);
        }
        return json.writeValueAsString(Map.of("message", message));
    }

    private static Map<String, Object> tool(String id, String name) {
        return Map.of("id", id, "type", "function", "function", Map.of("name", name, "arguments", Map.of()));
    }
}
