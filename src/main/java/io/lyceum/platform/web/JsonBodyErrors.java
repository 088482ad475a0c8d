package io.lyceum.platform.web;

import io.lyceum.shared.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The field a JSON body's value could not be read into, named by its path ({@code price.currency},
 * {@code lessons[2].startsAt}) with what it must be, in words a user reads: never a Java type name.
 */
final class JsonBodyErrors {

    private JsonBodyErrors() {}

    /** The field errors for an unreadable body; empty when the body is not even JSON (no field to name). */
    static List<FieldError> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidNullException nullElement
                    && !nullElement.getPath().isEmpty()) {
                return List.of(new FieldError(path(nullElement.getPath()), "must not be null"));
            }
            if (t instanceof MismatchedInputException mismatch
                    && !mismatch.getPath().isEmpty()) {
                return List.of(new FieldError(path(mismatch.getPath()), expectation(mismatch.getTargetType())));
            }
            if (t instanceof JacksonException jackson
                    && !jackson.getPath().isEmpty()
                    && t.getCause() instanceof IllegalArgumentException) {
                // a value the type's own constructor refused (Currency.getInstance, UUID.fromString)
                return List.of(new FieldError(path(jackson.getPath()), "has an invalid value"));
            }
        }
        return List.of();
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expectation(Class<?> type) {
        if (type == null) return "has the wrong type";
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .toList();
        }
        if (type == UUID.class) return "must be a UUID such as 0193a5b2-7c1e-7d2a-9f00-3c4d5e6f7a8b";
        if (type == Currency.class) return "must be an ISO 4217 currency code such as GBP";
        if (type == Instant.class) return "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z";
        if (type == LocalDate.class) return "must be a date such as 2026-12-01";
        if (type == LocalTime.class) return "must be a time such as 09:30";
        if (type == Boolean.class || type == boolean.class) return "must be true or false";
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "must be a number";
        if (type == String.class) return "must be a text";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "must be a list";
        return "must be an object";
    }
}
