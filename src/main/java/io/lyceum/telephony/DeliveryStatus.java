package io.lyceum.telephony;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a text message or call stands. The SMS values are Twilio's message statuses (lower case, as on the wire);
 * calls use {@code queued}, {@code ringing}, {@code in_progress} and then {@code completed}, {@code no_answer},
 * {@code busy}, {@code voicemail} or {@code failed}. {@code refused_opted_out} means nothing was sent because the
 * number opted out.
 */
public enum DeliveryStatus {
    accepted,
    scheduled,
    queued,
    sending,
    sent,
    delivered,
    undelivered,
    failed,
    canceled,
    read,
    received,
    ringing,
    in_progress,
    completed,
    no_answer,
    busy,
    voicemail,
    refused_opted_out;

    /** Whether nothing more will happen to the message or call. */
    public boolean isFinal() {
        return switch (this) {
            case delivered,
                    undelivered,
                    failed,
                    canceled,
                    read,
                    received,
                    completed,
                    no_answer,
                    busy,
                    voicemail,
                    refused_opted_out -> true;
            default -> false;
        };
    }

    /** Twilio's status ({@code queued}, {@code in-progress}); null for a value we do not know. */
    static @Nullable DeliveryStatus fromProvider(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return valueOf(status.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
