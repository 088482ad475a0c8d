package io.lyceum.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifier of a billing order (what a payment pays for).
 *
 * <p>Orders belong to billing; other modules see them in billing's events and facades. A typed id at a module boundary lets the compiler refuse an id of another aggregate passed in its place
 * (a booking id where an order id belongs), which a raw {@code UUID} parameter accepts silently. It is the bare UUID on
 * the wire and in stored event publications ({@code @JsonValue}), so events keep the JSON shape they had with UUIDs.
 */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    /** Serialized as the bare UUID. */
    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderId of(UUID value) {
        return new OrderId(value);
    }

    /** The UUID's text, so logs and messages read as they did with raw UUIDs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
