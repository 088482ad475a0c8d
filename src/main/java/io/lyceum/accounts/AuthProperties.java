package io.lyceum.accounts;

import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param issuer the {@code iss} claim of access tokens
 * @param audience the {@code aud} claim of access tokens, required on every token this API accepts
 * @param accessTokenTtl life of an access token (15 minutes)
 * @param refreshTokenTtl life of a refresh token; each use rotates it (7 days)
 * @param signingKeyRotation how often a new signing key replaces the active one
 * @param cookieSecure mark auth cookies Secure (turn off only for plain-http local testing)
 * @param corsAllowedOrigins browser origins allowed to call the API with credentials
 * @param ownerEmail email of the first owner, created on first start
 * @param ownerPassword password of the first owner
 * @param sessionMaxLifetime a session ends this long after sign-in however actively it is used (30 days)
 * @param sessionIdleTimeout a session ends when it has not been refreshed for this long (7 days)
 */
@Validated
@ConfigurationProperties("lyceum.auth")
record AuthProperties(
        String issuer,
        String audience,
        @DurationMin(seconds = 1) @DurationMax(days = 1) Duration accessTokenTtl,
        @DurationMin(minutes = 1) Duration refreshTokenTtl,
        @DurationMin(hours = 1) Duration signingKeyRotation,
        boolean cookieSecure,
        List<String> corsAllowedOrigins,
        String ownerEmail,
        String ownerPassword,
        @DurationMin(minutes = 1) Duration sessionMaxLifetime,
        @DurationMin(minutes = 1) Duration sessionIdleTimeout) {

    AuthProperties {
        issuer = issuer == null || issuer.isBlank() ? "lyceum" : issuer;
        audience = audience == null || audience.isBlank() ? "lyceum-api" : audience;
        accessTokenTtl = accessTokenTtl != null ? accessTokenTtl : Duration.ofMinutes(15);
        refreshTokenTtl = refreshTokenTtl != null ? refreshTokenTtl : Duration.ofDays(7);
        signingKeyRotation = signingKeyRotation != null ? signingKeyRotation : Duration.ofDays(30);
        sessionMaxLifetime = sessionMaxLifetime != null ? sessionMaxLifetime : Duration.ofDays(30);
        sessionIdleTimeout = sessionIdleTimeout != null ? sessionIdleTimeout : Duration.ofDays(7);
        corsAllowedOrigins = corsAllowedOrigins == null
                ? List.of()
                : corsAllowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }
}
