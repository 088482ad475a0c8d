package io.lyceum.web;

import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is looking at a page: the signed-in user as {@code GET /api/v1/auth/me} describes them, or an anonymous visitor.
 * Only drives what the page shows (navigation, zone, currency); every decision is the API's.
 */
public record Viewer(
        @Nullable UUID id,
        @Nullable String name,
        @Nullable String email,
        @Nullable String role,
        ZoneId zone,
        @Nullable String currency) {

    static Viewer anonymous(ZoneId zone) {
        return new Viewer(null, null, null, null, zone, null);
    }

    static Viewer of(Map<String, Object> me, ZoneId fallbackZone) {
        ZoneId zone = fallbackZone;
        Object tz = me.get("timeZone");
        if (tz != null) {
            try {
                zone = ZoneId.of(tz.toString());
            } catch (RuntimeException e) {
                // a zone this JVM does not know: keep the browser's
            }
        }
        Object currency = me.get("displayCurrency");
        return new Viewer(
                UUID.fromString(ApiFields.required(me, "id").toString()),
                (String) me.get("fullName"),
                (String) me.get("email"),
                (String) me.get("role"),
                zone,
                currency == null ? null : currency.toString());
    }

    public boolean signedIn() {
        return id != null;
    }

    public boolean is(String... roles) {
        for (String r : roles) {
            if (r.equals(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean isStudent() {
        return is("STUDENT");
    }

    public boolean isGuardian() {
        return is("GUARDIAN");
    }

    public boolean isTutor() {
        return is("TUTOR");
    }

    public boolean isAdmin() {
        return is("ADMIN", "OWNER");
    }

    /** Students and guardians book and pay. */
    public boolean books() {
        return is("STUDENT", "GUARDIAN");
    }
}
