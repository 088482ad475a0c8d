package io.lyceum.telephony;

import static org.awaitility.Awaitility.await;

import io.lyceum.scheduling.BookingPaymentSucceeded;
import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures for telephony tests: users with a verified mobile (set and verified through the API with the code texted
 * to it), tutors with open schedules, bookings through the API, and webhook requests signed as Twilio and the Vapi
 * sandbox sign them.
 */
abstract class TelephonyTestBase extends ApiTestBase {

    private static final AtomicInteger NEXT_DAY = new AtomicInteger();

    @Autowired
    SandboxSecrets sandboxSecrets;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    static String freshNumber() {
        return "+4477009" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    }

    /** Sets and verifies the user's mobile through the API; returns the number. */
    static String verifiedMobile(SignedIn user) {
        String number = freshNumber();
        user.api()
                .contentType("application/json")
                .body(Map.of("mobile", number))
                .put("/api/v1/users/me/mobile")
                .then()
                .statusCode(200);
        user.api()
                .contentType("application/json")
                .body(Map.of("code", Accounts.latestCode(number, null)))
                .post("/api/v1/users/me/mobile/verify")
                .then()
                .statusCode(200);
        return number;
    }

    Tutors.Approved tutor(boolean requiresConfirmation) {
        Tutors.Approved approved = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, tenant(), approved.id(), requiresConfirmation, 0, 60);
        return approved;
    }

    /** A whole hour (UTC) some days ahead; each call a different day. */
    static Instant slot() {
        int days = 2 + NEXT_DAY.getAndIncrement() % 50;
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    Instant soon() {
        return testClock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    }

    static UUID book(SignedIn student, Tutors.Approved tutor, Instant start, boolean trial) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tutorId", tutor.id().toString());
        body.put("subjectId", tutor.subjectId().toString());
        body.put("startsAt", start.toString());
        body.put("durationMinutes", 60);
        body.put("trial", trial);
        return UUID.fromString(student.api()
                .contentType("application/json")
                .body(body)
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    /** A paid lesson whose payment billing reported: CONFIRMED with a tutor who does not confirm by hand. */
    UUID paid(SignedIn student, Tutors.Approved tutor, Instant start) {
        UUID id = book(student, tutor, start, false);
        TenantId tenant = tenant();
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> events.publishEvent(
                        new BookingPaymentSucceeded(tenant, BookingId.of(id), "pay-" + id, Instant.now()))));
        await().atMost(Duration.ofSeconds(15)).until(() -> state(id).equals("CONFIRMED"));
        return id;
    }

    String state(UUID bookingId) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql("SELECT state FROM bookings WHERE id = :id")
                .param("id", bookingId)
                .query(String.class)
                .single());
    }

    <T> T inTenant(java.util.function.Supplier<T> work) {
        return TenantContext.callAs(tenant(), work);
    }

    // ---- Twilio

    String twilioUrl(String path) {
        return "http://localhost:" + port + path;
    }

    /** Posts Twilio's form to a path, signed with the sandbox account's auth token as Twilio signs. */
    Response twilio(String path, Map<String, String> params) {
        return twilio(path, params, sign(path, params));
    }

    Response twilio(String path, Map<String, String> params, String signature) {
        var request = Http.given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .accept("text/xml, application/problem+json")
                .body(FormBody.encode(params));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(path);
    }

    String sign(String path, Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return TwilioSignature.sign(sandboxSecrets.get(SandboxSecrets.TWILIO_AUTH_TOKEN), twilioUrl(path), multi);
    }

    /** An inbound message to the tenant's number, as Twilio posts it. */
    Response sms(String from, String body) {
        return sms("SM" + UUID.randomUUID().toString().replace("-", ""), from, body);
    }

    Response sms(String messageSid, String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", SandboxSmsProvider.ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", from);
        params.put("MessageSid", messageSid);
        params.put("NumMedia", "0");
        params.put("SmsSid", messageSid);
        params.put("To", "+15005550006");
        return twilio("/api/v1/telephony/twilio/" + tenant().value() + "/inbound", params);
    }

    // ---- Vapi

    String vapiPath() {
        return "/api/v1/telephony/vapi/" + tenant().value() + "/events";
    }

    /** Posts a Vapi server message signed as the sandbox signs (HMAC-SHA256 of timestamp.body). */
    Response vapi(String body) {
        long timestamp = Instant.now().getEpochSecond();
        return vapi(
                body,
                Long.toString(timestamp),
                VapiSignature.sign(sandboxSecrets.get(SandboxSecrets.VAPI_WEBHOOK_SECRET), timestamp, body));
    }

    Response vapi(String body, String timestamp, String signature) {
        var request = Http.given()
                .contentType("application/json")
                .accept("application/json, application/problem+json")
                .body(body);
        if (timestamp != null) {
            request.header("x-vapi-timestamp", timestamp);
        }
        if (signature != null) {
            request.header("x-vapi-signature", signature);
        }
        return request.post(vapiPath());
    }
}
