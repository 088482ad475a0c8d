package io.lyceum.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lyceum.accounts.GuardianLinked;
import io.lyceum.billing.PaymentSucceeded;
import io.lyceum.scheduling.BookingPlaced;
import io.lyceum.scheduling.BookingState;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.ApiTestBase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * Events are stored as JSON in the event publication registry until every listener has handled them: the typed ids
 * must keep the JSON an event had with raw UUIDs, so a publication written before the ids were typed still reads back.
 * Uses the application's own {@link EventSerializer}, the one the registry uses.
 */
class TypedIdsJsonTests extends ApiTestBase {

    /** A BookingPlaced as the registry stored it when its ids were raw UUIDs. */
    static final String STORED_WITH_RAW_UUIDS = "{\"tenantId\":{\"value\":\"00000000-0000-7000-8000-000000000001\"}"
            + ",\"bookingId\":\"0190a000-0000-7000-8000-0000000000b0\""
            + ",\"tutorId\":\"0190a000-0000-7000-8000-0000000000a1\""
            + ",\"studentId\":\"0190a000-0000-7000-8000-0000000000a2\""
            + ",\"bookedBy\":\"0190a000-0000-7000-8000-0000000000a2\""
            + ",\"startsAt\":\"2026-12-07T10:00:00Z\""
            + ",\"endsAt\":\"2026-12-07T11:00:00Z\""
            + ",\"price\":{\"amount\":4500"
            + ",\"currency\":\"EUR\"}"
            + ",\"trial\":false"
            + ",\"state\":\"PENDING_PAYMENT\""
            + ",\"holdExpiresAt\":\"2026-12-06T10:15:00Z\""
            + ",\"occurredAt\":\"2026-12-06T10:00:00Z\""
            + ",\"coursePackId\":\"0190a000-0000-7000-8000-0000000000c0\"}";

    @Autowired
    EventSerializer serializer;

    static BookingPlaced event() {
        return new BookingPlaced(
                new TenantId(UUID.fromString("00000000-0000-7000-8000-000000000001")),
                BookingId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000b0")),
                TutorId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000a1")),
                UserId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000a2")),
                UUID.fromString("0190a000-0000-7000-8000-0000000000a2"),
                Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T11:00:00Z"),
                Money.of(4500, "EUR"),
                false,
                BookingState.PENDING_PAYMENT,
                Instant.parse("2026-12-06T10:15:00Z"),
                Instant.parse("2026-12-06T10:00:00Z"),
                CoursePackId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000c0")));
    }

    @Test
    void anEventWithTypedIdsIsStoredAsItWasWithRawUuids() {
        assertThat(serializer.serialize(event()).toString()).isEqualTo(STORED_WITH_RAW_UUIDS);
    }

    @Test
    void anEventStoredWithRawUuidsReadsBack() {
        assertThat(serializer.deserialize(STORED_WITH_RAW_UUIDS, BookingPlaced.class))
                .isEqualTo(event());
    }

    /** A PaymentSucceeded without a tutor: the absent id is left out of the JSON, as a null UUID was. */
    static final String PAYMENT_STORED_WITH_RAW_UUIDS =
            "{\"tenantId\":{\"value\":\"00000000-0000-7000-8000-000000000001\"}"
                    + ",\"orderId\":\"0190a000-0000-7000-8000-0000000000d0\""
                    + ",\"orderKind\":\"PACKAGE\""
                    + ",\"referenceId\":\"0190a000-0000-7000-8000-0000000000d1\""
                    + ",\"payerId\":\"0190a000-0000-7000-8000-0000000000a3\""
                    + ",\"studentId\":\"0190a000-0000-7000-8000-0000000000a2\""
                    + ",\"description\":\"5 lessons\""
                    + ",\"amount\":{\"amount\":20000"
                    + ",\"currency\":\"EUR\"}"
                    + ",\"occurredAt\":\"2026-12-06T10:00:00Z\"}";

    static PaymentSucceeded payment() {
        return new PaymentSucceeded(
                new TenantId(UUID.fromString("00000000-0000-7000-8000-000000000001")),
                OrderId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000d0")),
                "PACKAGE",
                UUID.fromString("0190a000-0000-7000-8000-0000000000d1"),
                UUID.fromString("0190a000-0000-7000-8000-0000000000a3"),
                UserId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000a2")),
                null,
                "5 lessons",
                Money.of(20000, "EUR"),
                Instant.parse("2026-12-06T10:00:00Z"));
    }

    @Test
    void anEventWithAnAbsentTypedIdKeepsItsJson() {
        assertThat(serializer.serialize(payment()).toString()).isEqualTo(PAYMENT_STORED_WITH_RAW_UUIDS);
        assertThat(serializer.deserialize(PAYMENT_STORED_WITH_RAW_UUIDS, PaymentSucceeded.class))
                .isEqualTo(payment());
    }

    @Test
    void anAccountsEventKeepsItsJson() {
        // accounts' events carry UserIds since they were typed: the guardian and the student here
        String stored = "{\"linkId\":\"0190a000-0000-7000-8000-0000000000d0\""
                + ",\"tenantId\":{\"value\":\"00000000-0000-7000-8000-000000000001\"}"
                + ",\"guardianId\":\"0190a000-0000-7000-8000-0000000000a3\""
                + ",\"studentId\":\"0190a000-0000-7000-8000-0000000000a2\""
                + ",\"linkedAt\":\"2026-12-06T10:00:00Z\"}";
        var linked = new GuardianLinked(
                UUID.fromString("0190a000-0000-7000-8000-0000000000d0"),
                new TenantId(UUID.fromString("00000000-0000-7000-8000-000000000001")),
                UserId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000a3")),
                UserId.of(UUID.fromString("0190a000-0000-7000-8000-0000000000a2")),
                Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(serializer.serialize(linked).toString()).isEqualTo(stored);
        assertThat(serializer.deserialize(stored, GuardianLinked.class)).isEqualTo(linked);
    }

    @Test
    void anIdIsItsUuidAndNeverNull() {
        UUID uuid = UUID.fromString("0190a000-0000-7000-8000-0000000000a1");
        assertThat(TutorId.of(uuid).toString()).isEqualTo(uuid.toString());
        assertThat(TutorId.of(uuid).asUser()).isEqualTo(UserId.of(uuid));
        assertThatNullPointerException().isThrownBy(() -> BookingId.of(null));
    }
}
