package io.lyceum.scheduling;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Lesson rooms ({@code lyceum.scheduling.rooms.*}); see {@code docs/lesson-rooms-and-calendar.md}.
 *
 * @param provider {@code jitsi} (the default, no account needed), {@code lessonspace} or {@code zoom}
 * @param launchLeadTime how long before a lesson starts its room opens ({@code POST /bookings/{id}/launch})
 * @param jitsi the Jitsi Meet server
 * @param lessonspace the Lessonspace API and its webhook
 * @param zoom the Zoom API (a Server-to-Server OAuth app)
 */
@ConfigurationProperties("lyceum.scheduling.rooms")
record RoomsProperties(String provider, Duration launchLeadTime, Jitsi jitsi, Lessonspace lessonspace, Zoom zoom) {

    static final String JITSI = "jitsi";
    static final String LESSONSPACE = "lessonspace";
    static final String ZOOM = "zoom";

    @SuppressWarnings("NullAway") // binding passes null for absent properties: replaced here before any use
    RoomsProperties {
        provider = blank(provider) ? JITSI : provider.trim().toLowerCase(Locale.ROOT);
        if (!provider.equals(JITSI) && !provider.equals(LESSONSPACE) && !provider.equals(ZOOM)) {
            throw new IllegalArgumentException(
                    "lyceum.scheduling.rooms.provider must be jitsi, lessonspace or zoom, not " + provider);
        }
        launchLeadTime = launchLeadTime == null ? Duration.ofMinutes(15) : launchLeadTime;
        if (launchLeadTime.isNegative() || launchLeadTime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("lyceum.scheduling.rooms.launch-lead-time must be between 0 and 24h");
        }
        jitsi = jitsi == null ? new Jitsi(null, null, null, null) : jitsi;
        lessonspace = lessonspace == null ? new Lessonspace(null, null, null, null) : lessonspace;
        zoom = zoom == null ? new Zoom(null, null, null, null, null) : zoom;
    }

    /**
     * @param baseUrl the server, {@code https://meet.jit.si} by default
     * @param appId with {@code appSecret}: rooms on a self-hosted Jitsi with token authentication get a signed JWT
     *     (HS256) in each join URL; empty for an open server
     * @param appSecret the shared secret of that app, at least 32 characters
     * @param tokenTtl how long a join token stays valid
     */
    record Jitsi(
            String baseUrl,
            @Nullable String appId,
            @Nullable String appSecret,
            Duration tokenTtl) {

        Jitsi {
            baseUrl = blank(baseUrl) ? "https://meet.jit.si" : stripSlash(baseUrl.trim());
            appId = appId == null || appId.isBlank() ? null : appId.trim();
            appSecret = blank(appSecret) ? null : appSecret;
            tokenTtl = tokenTtl == null ? Duration.ofHours(4) : tokenTtl;
            if ((appId == null) != (appSecret == null)) {
                throw new IllegalArgumentException(
                        "lyceum.scheduling.rooms.jitsi.app-id and app-secret go together: set both or neither");
            }
            if (appSecret != null && appSecret.length() < 32) {
                throw new IllegalArgumentException(
                        "lyceum.scheduling.rooms.jitsi.app-secret needs at least 32 characters");
            }
        }

        boolean signed() {
            return appId != null;
        }
    }

    /**
     * @param baseUrl the API, {@code https://api.thelessonspace.com} by default
     * @param apiKey the organisation's API key (sent as {@code Authorization: Organisation <key>})
     * @param webhookSecret the shared secret that signs webhook deliveries; empty turns the webhook off (404)
     * @param webhookTolerance how far a delivery's signed timestamp may be from now
     */
    record Lessonspace(
            String baseUrl,
            @Nullable String apiKey,
            @Nullable String webhookSecret,
            Duration webhookTolerance) {

        Lessonspace {
            baseUrl = blank(baseUrl) ? "https://api.thelessonspace.com" : stripSlash(baseUrl.trim());
            apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
            webhookSecret = blank(webhookSecret) ? null : webhookSecret;
            webhookTolerance = webhookTolerance == null ? Duration.ofMinutes(5) : webhookTolerance;
        }
    }

    /**
     * @param oauthUrl where access tokens come from, {@code https://zoom.us} by default
     * @param apiUrl the API, {@code https://api.zoom.us} by default
     * @param accountId the Server-to-Server OAuth app's account id
     * @param clientId its client id
     * @param clientSecret its client secret
     */
    record Zoom(
            String oauthUrl,
            String apiUrl,
            @Nullable String accountId,
            @Nullable String clientId,
            @Nullable String clientSecret) {

        Zoom {
            oauthUrl = blank(oauthUrl) ? "https://zoom.us" : stripSlash(oauthUrl.trim());
            apiUrl = blank(apiUrl) ? "https://api.zoom.us" : stripSlash(apiUrl.trim());
            accountId = accountId == null || accountId.isBlank() ? null : accountId.trim();
            clientId = clientId == null || clientId.isBlank() ? null : clientId.trim();
            clientSecret = blank(clientSecret) ? null : clientSecret;
        }

        boolean configured() {
            return accountId != null && clientId != null && clientSecret != null;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
