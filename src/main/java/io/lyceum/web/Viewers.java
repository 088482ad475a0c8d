package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Finds the viewer of the current page once per request (one {@code GET /api/v1/auth/me} when signed in). */
@Component
class Viewers {

    /** Set by /js/app.js from the browser's {@code Intl} zone, so anonymous visitors see their own times. */
    static final String ZONE_COOKIE = "lyceum_tz";

    private static final String ATTRIBUTE = Viewers.class.getName();

    private final Api api;

    Viewers(Api api) {
        this.api = api;
    }

    Viewer current(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Viewer known) {
            return known;
        }
        ZoneId browserZone = browserZone(request);
        Viewer viewer = Viewer.anonymous(browserZone);
        if (Api.cookie(request, Api.ACCESS_COOKIE) != null) {
            try {
                viewer = Viewer.of(api.get("/api/v1/auth/me"), browserZone);
            } catch (ApiProblem expiredOrRevoked) {
                // the page treats the visitor as signed out; the sign-in page offers to start again
            }
        }
        request.setAttribute(ATTRIBUTE, viewer);
        return viewer;
    }

    private static ZoneId browserZone(HttpServletRequest request) {
        String zone = Api.cookie(request, ZONE_COOKIE);
        if (zone != null) {
            try {
                return ZoneId.of(zone.replace("%2F", "/"));
            } catch (DateTimeException e) {
                // ignore a cookie we cannot read
            }
        }
        return ZoneId.of("UTC");
    }
}
