package io.lyceum.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifier of a course pack (a tutor's package of lessons on one subject).
 *
 * <p>Course packs belong to the catalog; scheduling books their lessons and billing sells enrollments in them. A typed id at a module boundary lets the compiler refuse an id of another aggregate passed in its place
 * (a booking id where an order id belongs), which a raw {@code UUID} parameter accepts silently. It is the bare UUID on
 * the wire and in stored event publications ({@code @JsonValue}), so events keep the JSON shape they had with UUIDs.
 */
public record CoursePackId(UUID value) {

    public CoursePackId {
        Objects.requireNonNull(value, "value");
    }

    /** Serialized as the bare UUID. */
    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CoursePackId of(UUID value) {
        return new CoursePackId(value);
    }

    /** The UUID's text, so logs and messages read as they did with raw UUIDs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
