package io.lyceum.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Adds tutor and subject names to bookings for display, asking the public API once per tutor and once for subjects. */
public final class Names {

    private final Api api;
    private final Map<String, String> tutors = new HashMap<>();
    private @Nullable Map<String, String> subjects;

    Names(Api api) {
        this.api = api;
    }

    List<Map<String, Object>> decorate(List<Map<String, Object>> bookings) {
        for (Map<String, Object> booking : bookings) {
            booking.put("tutorName", tutor(String.valueOf(booking.get("tutorId"))));
            booking.put("subjectName", subject(String.valueOf(booking.get("subjectId"))));
        }
        return bookings;
    }

    String tutor(String id) {
        return tutors.computeIfAbsent(id, key -> {
            try {
                return String.valueOf(
                        api.get("/api/v1/tutors/" + key + "/public").get("fullName"));
            } catch (ApiProblem gone) {
                return "";
            }
        });
    }

    @SuppressWarnings("unchecked")
    public String subject(String id) {
        Map<String, String> named = subjects;
        if (named == null) {
            named = new HashMap<>();
            subjects = named;
            for (Map<String, Object> subject : api.all("/api/v1/subjects", 1000)) {
                named.put(String.valueOf(subject.get("id")), String.valueOf(subject.get("name")));
            }
        }

        return named.getOrDefault(id, "");
    }
}
