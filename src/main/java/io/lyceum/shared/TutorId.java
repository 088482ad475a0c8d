package io.lyceum.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifier of a tutor: the user id of a user with a tutor profile.
 *
 * <p>It is the same UUID as the tutor's {@link UserId}; {@link #asUser()} gives that, and code that knows a user is a tutor takes {@link UserId#asTutor()}. A typed id at a module boundary lets the compiler refuse an id of another aggregate passed in its place
 * (a booking id where an order id belongs), which a raw {@code UUID} parameter accepts silently. It is the bare UUID on
 * the wire and in stored event publications ({@code @JsonValue}), so events keep the JSON shape they had with UUIDs.
 */
public record TutorId(UUID value) {

    public TutorId {
        Objects.requireNonNull(value, "value");
    }

    /** Serialized as the bare UUID. */
    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TutorId of(UUID value) {
        return new TutorId(value);
    }

    /** The tutor as a user (the same UUID): for what every user has, such as their contact or messages. */
    public UserId asUser() {
        return new UserId(value);
    }

    /** The UUID's text, so logs and messages read as they did with raw UUIDs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
