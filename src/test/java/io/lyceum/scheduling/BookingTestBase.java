package io.lyceum.scheduling;

import static org.awaitility.Awaitility.await;

import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.SetupRequests;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures for booking tests: approved tutors with a schedule open around the clock (inserted with SQL, tenant bound,
 * since availability routes live elsewhere), students and guardians, booking through the API, moving bookings in time
 * with SQL and billing's answers published as events.
 */
abstract class BookingTestBase extends ApiTestBase {

    static final String BOOKINGS = "/api/v1/bookings";
    private static final AtomicInteger NEXT_DAY = new AtomicInteger();

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    /** A tutor with a schedule, the tenant it lives in. */
    record Tutor(Tutors.Approved approved, TenantId tenant) {
        UUID id() {
            return approved.id();
        }

        SignedIn user() {
            return approved.tutor();
        }

        SignedIn admin() {
            return approved.admin();
        }

        UUID subjectId() {
            return approved.subjectId();
        }
    }

    TenantId defaultTenant() {
        return Tenants.idOf(jdbc, null);
    }

    /** An approved tutor of the default tenant whose schedule is open all week, lessons of 30 or 60 minutes. */
    Tutor tutor(boolean requiresConfirmation, int bufferMinutes) {
        Tutors.Approved approved = Tutors.approved(jdbc);
        TenantId tenant = defaultTenant();
        openAllWeek(tenant, approved.id(), requiresConfirmation, bufferMinutes, 60);
        return new Tutor(approved, tenant);
    }

    Tutor tutor() {
        return tutor(false, 0);
    }

    void openAllWeek(
            TenantId tenant, UUID tutorId, boolean requiresConfirmation, int bufferMinutes, int noticeMinutes) {
        OpenSchedules.openAllWeek(jdbc, tenant, tutorId, requiresConfirmation, bufferMinutes, noticeMinutes);
    }

    /** A whole hour (UTC) some days ahead; each call a different day, so tests never share a start time. */
    static Instant slot() {
        int days = 2 + NEXT_DAY.getAndIncrement() % 50;
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /**
     * A whole hour a few hours ahead: bookable now (the tutors' notice is an hour), and reached within the test by
     * moving {@link #testClock} rather than by moving the booking with SQL.
     */
    Instant soon() {
        return testClock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    }

    static Map<String, Object> body(Tutor tutor, Instant start, int minutes, boolean trial) {
        Map<String, Object> body = new HashMap<>();
        body.put("tutorId", tutor.id().toString());
        body.put("subjectId", tutor.subjectId().toString());
        body.put("startsAt", start.toString());
        body.put("durationMinutes", minutes);
        body.put("trial", trial);
        return body;
    }

    static Response book(SignedIn who, Map<String, Object> body) {
        return who.api().contentType("application/json").body(body).post(BOOKINGS);
    }

    static Response book(SignedIn who, Tutor tutor, Instant start, int minutes, boolean trial) {
        return book(who, body(tutor, start, minutes, trial));
    }

    /** Books and returns the new booking's id (the answer must be 201). */
    static UUID booked(SignedIn who, Tutor tutor, Instant start, int minutes, boolean trial) {
        return UUID.fromString(SetupRequests.send(who, "POST", BOOKINGS, body(tutor, start, minutes, trial), 201)
                .path("id")
                .asString());
    }

    /** A free trial lesson of 60 minutes: REQUESTED or CONFIRMED straight away, no payment. */
    static UUID trial(SignedIn student, Tutor tutor, Instant start) {
        return booked(student, tutor, start, 60, true);
    }

    /** A paid lesson whose payment billing confirmed: CONFIRMED (or REQUESTED when the tutor confirms). */
    UUID paid(SignedIn student, Tutor tutor, Instant start) {
        UUID id = booked(student, tutor, start, 60, false);
        pay(tutor.tenant(), id, "pay-" + id);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !state(tutor.tenant(), id).equals("PENDING_PAYMENT"));
        return id;
    }

    void pay(TenantId tenant, UUID bookingId, String reference) {
        publish(tenant, new BookingPaymentSucceeded(tenant, BookingId.of(bookingId), reference, Instant.now()));
    }

    /** Publishes an event as billing would, inside a transaction so that module listeners receive it. */
    void publish(TenantId tenant, Object event) {
        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(status -> events.publishEvent(event)));
    }

    String state(TenantId tenant, UUID bookingId) {
        return TenantContext.callAs(tenant, () -> jdbc.sql("SELECT state FROM bookings WHERE id = :id")
                .param("id", bookingId)
                .query(String.class)
                .single());
    }

    void awaitState(TenantId tenant, UUID bookingId, String expected) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> state(tenant, bookingId).equals(expected));
    }

    void sql(TenantId tenant, String statement, Map<String, Object> params) {
        TenantContext.runAs(tenant, () -> jdbc.sql(statement).params(params).update());
    }

    long count(TenantId tenant, String query, Map<String, Object> params) {
        return TenantContext.callAs(
                tenant, () -> jdbc.sql(query).params(params).query(Long.class).single());
    }

    List<String> historyStates(TenantId tenant, UUID bookingId) {
        return TenantContext.callAs(tenant, () -> jdbc.sql(
                        "SELECT to_state FROM booking_history WHERE booking_id = :id ORDER BY occurred_at, id")
                .param("id", bookingId)
                .query(String.class)
                .list());
    }

    static SignedIn student() {
        return Accounts.newUser("STUDENT");
    }

    /** A guardian linked to the given students (each pairs with a code, the guardian redeems it). */
    static SignedIn guardianOf(SignedIn... students) {
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        for (SignedIn student : students) {
            io.lyceum.testsupport.Accounts.linkGuardian(guardian, student);
        }
        return guardian;
    }

    static Response post(SignedIn who, String path, Object body) {
        var spec = who.api().contentType("application/json");
        return body == null ? spec.post(path) : spec.body(body).post(path);
    }
}
