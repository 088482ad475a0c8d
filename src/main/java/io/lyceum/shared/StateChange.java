package io.lyceum.shared;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an object's state history, the same shape for bookings, orders, withdrawals and tutor profiles.
 * Absent fields are omitted from JSON: {@code from} on the first entry, {@code actorId} for system actions,
 * {@code actorRole} where the history does not record it (tutor profiles), {@code details} when there are none.
 */
@Schema(description = "One state change of an object, oldest first in a history")
public record StateChange(
        @Schema(description = "State before the change; absent on the entry that created the object") @Nullable
        String from,

        @Schema(description = "State after the change") String to,
        @Schema(description = "When the change happened") Instant at,

        @Schema(description = "Who made the change; absent for the system") @Nullable
        UUID actorId,

        @Schema(description = "The actor's role: a user role, or SYSTEM, BILLING, PROVIDER for automatic changes")
        String actorRole,

        @Schema(description = "Why, as given by the actor") @Nullable
        String reason,

        @Schema(description = "Extra facts about the change (e.g. old and new times of a reschedule)") @Nullable
        Map<String, Object> details) {

    /** Renders an enum or string state by name; {@code null} stays absent. */
    public static @Nullable String name(@Nullable Object state) {
        if (state == null) {
            return null;
        }
        return state instanceof Enum<?> e ? e.name() : state.toString();
    }
}
