package io.lyceum.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A notification (or a digest) on its way to one address on one channel. */
record Delivery(
        UUID id,
        UUID notificationId,
        UUID recipientId,
        NotificationChannel channel,
        String address,
        String subject,
        String textBody,
        String htmlBody,
        List<AttachmentRef> attachments,
        String unsubscribeUrl,
        DeliveryStatus status,
        int attempts,
        int maxAttempts,
        @Nullable Instant nextAttemptAt,
        String providerId,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** A file fetched from its owning module when the email leaves: {@code CALENDAR_INVITE} of a booking. */
    record AttachmentRef(String kind, UUID bookingId, UUID userId) {}

    /** What a channel reports for one attempt. */
    record Outcome(
            Result result,
            @Nullable String providerId,
            @Nullable String error) {

        enum Result {
            /** the provider accepted it */
            SENT,
            /** the provider confirmed arrival */
            DELIVERED,
            /** a passing failure (outage, timeout, rate limit): try again later */
            RETRY,
            /** refused for good (bad number, opted out): no retry */
            FAILED
        }

        static Outcome sent(@Nullable String providerId) {
            return new Outcome(Result.SENT, providerId, null);
        }

        static Outcome retry(@Nullable String error) {
            return new Outcome(Result.RETRY, null, error);
        }

        static Outcome failed(@Nullable String error) {
            return new Outcome(Result.FAILED, null, error);
        }
    }
}
