package io.lyceum.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifier of a user account (a student, a tutor, a guardian, an admin...).
 *
 * <p>Every person in Lyceum is a user; a tutor is a user with a tutor profile, see {@link TutorId}. A typed id at a module boundary lets the compiler refuse an id of another aggregate passed in its place
 * (a booking id where an order id belongs), which a raw {@code UUID} parameter accepts silently. It is the bare UUID on
 * the wire and in stored event publications ({@code @JsonValue}), so events keep the JSON shape they had with UUIDs.
 */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Serialized as the bare UUID. */
    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UserId of(UUID value) {
        return new UserId(value);
    }

    /**
     * The user as a tutor (the same UUID), where the code knows the user is one: the signed-in caller of a tutor-only
     * route, for one. The mirror of {@link TutorId#asUser()}.
     */
    public TutorId asTutor() {
        return new TutorId(value);
    }

    /**
     * The UUIDs of several users, for a module's own queries and stores (a guardian's linked students in a SQL
     * {@code IN} list, for one), which keep raw UUIDs.
     */
    public static List<UUID> valuesOf(Collection<UserId> ids) {
        return ids.stream().map(UserId::value).toList();
    }

    /** The UUID's text, so logs and messages read as they did with raw UUIDs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
