package io.lyceum.agents;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tool call's arguments after the schema check: typed reads that refuse a value the schema could not rule out (a
 * malformed instant) with the same 422 {@code agents.invalid_arguments} the schema's errors get.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    ToolArguments(@Nullable Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    Map<String, Object> asMap() {
        return values;
    }

    @Nullable
    String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    /** An argument the input schema requires: present once the schema check has passed. */
    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    /** An id the input schema requires: present once the schema check has passed. */
    UUID requiredUuid(String name) {
        UUID value = uuid(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    /** An instant the input schema requires: present once the schema check has passed. */
    Instant requiredInstant(String name) {
        Instant value = instant(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    /** An integer the input schema requires: present once the schema check has passed. */
    int requiredInteger(String name) {
        Integer value = integer(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    @Nullable
    UUID uuid(String name) {

        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be a UUID");
        }
    }

    @Nullable
    Instant instant(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-12-08T17:00:00Z");
        }
    }

    @Nullable
    Integer integer(String name) {
        Object value = values.get(name);
        return value == null ? null : ((Number) value).intValue();
    }

    @Nullable
    Long longValue(String name) {
        Object value = values.get(name);
        return value == null ? null : ((Number) value).longValue();
    }

    @Nullable
    BigDecimal decimal(String name) {
        Object value = values.get(name);
        return value == null ? null : new BigDecimal(value.toString());
    }

    @Nullable
    Boolean bool(String name) {
        Object value = values.get(name);
        return value == null ? null : (Boolean) value;
    }

    @SuppressWarnings("unchecked")
    @Nullable
    List<String> strings(String name) {
        Object value = values.get(name);
        return value == null
                ? null
                : ((List<Object>) value).stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    @Nullable
    List<Map<String, Object>> objects(String name) {
        Object value = values.get(name);
        return value == null ? null : (List<Map<String, Object>>) value;
    }

    PageQuery page() {
        Integer page = integer("page");
        Integer size = integer("size");
        return new PageQuery(page == null ? 0 : page, size == null ? PageQuery.DEFAULT_SIZE : size, List.of());
    }

    static LyceumException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    static LyceumException invalid(List<FieldError> errors) {
        return LyceumException.invalid(
                "agents.invalid_arguments", "The tool's arguments do not match its input schema.", errors);
    }
}
