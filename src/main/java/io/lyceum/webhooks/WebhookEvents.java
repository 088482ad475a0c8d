package io.lyceum.webhooks;

import io.lyceum.accounts.UserRegistered;
import io.lyceum.billing.EnrollmentStarted;
import io.lyceum.billing.PaymentSucceeded;
import io.lyceum.billing.PayoutCompleted;
import io.lyceum.billing.RefundSettled;
import io.lyceum.platform.AfterTransaction;
import io.lyceum.reviews.ReviewPosted;
import io.lyceum.scheduling.BookingCancelled;
import io.lyceum.scheduling.BookingCompleted;
import io.lyceum.scheduling.BookingConfirmed;
import io.lyceum.scheduling.BookingPlaced;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns other modules' events into webhook messages: one per subscription that wants the event's type, queued in
 * the listener's transaction (the event publication registry redelivers an event whose listener did not finish, and
 * a message is queued once per event and subscription, so nothing is lost or doubled). The payload is
 * {@code {"type", "timestamp", "data"}} with the API's shapes (ids, ISO-8601 instants, money as amount and currency).
 */
@Component
class WebhookEvents {

    private final WebhookSubscriptionStore subscriptions;
    private final WebhookMessageStore messages;
    private final WebhookDispatcher dispatcher;
    private final WebhooksProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    WebhookEvents(
            WebhookSubscriptionStore subscriptions,
            WebhookMessageStore messages,
            WebhookDispatcher dispatcher,
            WebhooksProperties properties,
            JsonMapper json,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(BookingPlaced e) {
        Map<String, Object> data = booking(
                e.bookingId().value(), e.tutorId().value(), e.studentId().value(), e.startsAt(), e.endsAt());
        data.put("bookedBy", e.bookedBy());
        data.put("state", e.state().name());
        data.put("price", e.price());
        data.put("trial", e.trial());
        data.put("coursePackId", e.coursePackId());
        queue(EventType.BOOKING_CREATED, e.bookingId().value(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(BookingConfirmed e) {
        Map<String, Object> data = booking(
                e.bookingId().value(), e.tutorId().value(), e.studentId().value(), e.startsAt(), e.endsAt());
        data.put("bookedBy", e.bookedBy());
        queue(EventType.BOOKING_CONFIRMED, e.bookingId().value(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(BookingCancelled e) {
        Map<String, Object> data = booking(
                e.bookingId().value(), e.tutorId().value(), e.studentId().value(), e.startsAt(), null);
        data.put("cancelledBy", e.actorId());
        data.put("cancelledByRole", e.actorRole());
        data.put("reason", e.reason());
        if (e.decision() != null) {
            data.put("refund", e.decision().refund());
            data.put("fee", e.decision().fee());
        }
        queue(EventType.BOOKING_CANCELLED, e.bookingId().value(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(BookingCompleted e) {
        Map<String, Object> data = booking(
                e.bookingId().value(), e.tutorId().value(), e.studentId().value(), e.startsAt(), e.endsAt());
        data.put("price", e.price());
        data.put("disputableUntil", e.disputableUntil());
        queue(EventType.BOOKING_COMPLETED, e.bookingId().value(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(PaymentSucceeded e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", e.orderId().value());
        data.put("orderKind", e.orderKind());
        data.put("referenceId", e.referenceId());
        data.put("payerId", e.payerId());
        data.put("studentId", e.studentId());
        data.put("tutorId", e.tutorId());
        data.put("amount", e.amount());
        queue(EventType.PAYMENT_SUCCEEDED, e.orderId().value(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(RefundSettled e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("refundId", e.refundId());
        data.put("orderId", e.orderId().value());
        data.put("orderKind", e.orderKind());
        data.put("referenceId", e.referenceId());
        data.put("payerId", e.payerId());
        data.put("amount", e.amount());
        data.put("reason", e.reason());
        queue(EventType.PAYMENT_REFUNDED, e.refundId(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(PayoutCompleted e) {
        if (!e.paid()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("withdrawalId", e.withdrawalId());
        data.put("tutorId", e.tutorId().value());
        data.put("amount", e.amount());
        queue(EventType.PAYOUT_PAID, e.withdrawalId(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(EnrollmentStarted e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", e.enrollmentId());
        data.put("coursePackId", e.coursePackId().value());
        data.put("tutorId", e.tutorId().value());
        data.put("studentId", e.studentId().value());
        data.put("enrolledBy", e.enrolledBy());
        data.put("price", e.price());
        data.put("lessons", e.lessons());
        queue(EventType.ENROLLMENT_STARTED, e.enrollmentId(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(ReviewPosted e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", e.reviewId());
        data.put("bookingId", e.bookingId());
        data.put("tutorId", e.tutorId());
        data.put("studentId", e.studentId());
        data.put("authorId", e.authorId());
        data.put("rating", e.rating());
        data.put("visibleFrom", e.visibleFrom());
        queue(EventType.REVIEW_CREATED, e.reviewId(), data, e.occurredAt());
    }

    @ApplicationModuleListener
    void on(UserRegistered e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", e.userId().value());
        data.put("role", e.role().name());
        data.put("email", e.email());
        queue(EventType.USER_REGISTERED, e.userId().value(), data, clock.instant());
    }

    private static Map<String, Object> booking(
            UUID bookingId, UUID tutorId, UUID studentId, Instant startsAt, @Nullable Instant endsAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", bookingId);
        data.put("tutorId", tutorId);
        data.put("studentId", studentId);
        data.put("startsAt", startsAt);
        if (endsAt != null) {
            data.put("endsAt", endsAt);
        }
        return data;
    }

    /** Queues the event for every enabled subscription of the current tenant that wants its type. */
    void queue(EventType type, UUID subjectId, Map<String, Object> data, Instant occurredAt) {
        var subscribed = subscriptions.subscribedTo(type.wireName());
        if (subscribed.isEmpty()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.wireName());
        payload.put("timestamp", occurredAt);
        payload.put("data", data);
        String body = json.writeValueAsString(payload);
        Instant now = clock.instant();
        boolean queued = false;
        for (UUID subscription : subscribed) {
            queued |= messages.enqueue(
                    subscription,
                    type.wireName(),
                    type.wireName() + ":" + subjectId,
                    body,
                    now,
                    now.plus(properties.retryFor()));
        }
        if (queued) {
            TenantId tenant = TenantContext.require();
            AfterTransaction.run(() -> dispatcher.due(tenant, now));
        }
    }
}
