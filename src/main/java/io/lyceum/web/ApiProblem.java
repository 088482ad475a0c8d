package io.lyceum.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A problem+json answer of the API, carried to the page that made the call. */
class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> body;

    ApiProblem(int status, String code, @Nullable String detail, @Nullable Map<String, Object> body) {
        super(detail != null ? detail : "HTTP " + status);
        this.status = status;
        this.code = code;
        this.body = body == null ? Map.of() : body;
    }

    int status() {
        return status;
    }

    /** The API's stable machine code, such as {@code booking.slot_unavailable}; the message key is {@code problem.<code>}. */
    String code() {
        return code;
    }

    String detail() {
        // the constructor always gives a message
        return Objects.requireNonNull(getMessage());
    }

    @Nullable
    Object field(String name) {

        return body.get(name);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> fieldErrors() {
        Object errors = body.get("errors");
        return errors instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
