package io.lyceum.web;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Users' names for an admin's page, from the admin users route once per user; empty when the API will not say (a user
 * gone, or a viewer who is not an admin).
 */
final class UserNames {

    private final Api api;
    private final Map<String, String> names = new HashMap<>();

    UserNames(Api api) {
        this.api = api;
    }

    String of(@Nullable Object userId) {
        if (userId == null) {
            return "";
        }
        return names.computeIfAbsent(userId.toString(), id -> {
            try {
                Object name = api.get("/api/v1/admin/users/" + id).get("fullName");
                return name == null ? "" : name.toString();
            } catch (ApiProblem refused) {
                if (refused.status() == 401) {
                    throw refused;
                }
                return "";
            }
        });
    }
}
