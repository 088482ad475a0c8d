package io.lyceum.web;

import java.util.List;
import java.util.Map;

/** Reading the API's JSON answers (maps from {@link Api}): a field its document says every answer has. */
final class ApiFields {

    private ApiFields() {}

    /**
     * A field the route's answer always holds (such as an id): its absence would be a broken API, not a value to
     * show, so it fails here by name rather than later as a bare null.
     */
    static Object required(Map<?, ?> answer, String field) {
        Object value = answer.get(field);
        if (value == null) {
            throw new IllegalStateException("The API's answer has no " + field);
        }
        return value;
    }

    static String text(Map<?, ?> answer, String field) {
        return (String) required(answer, field);
    }

    static Number number(Map<?, ?> answer, String field) {
        return (Number) required(answer, field);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<?, ?> answer, String field) {
        return (Map<String, Object>) required(answer, field);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<?, ?> answer, String field) {
        return (List<Map<String, Object>>) required(answer, field);
    }
}
