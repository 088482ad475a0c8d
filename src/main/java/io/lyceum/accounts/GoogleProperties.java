package io.lyceum.accounts;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Google sign-in (OpenID Connect). Off unless both {@code client-id} and {@code redirect-uri} are set.
 *
 * @param clientId the OAuth client id from the Google Cloud console
 * @param clientSecret its secret (sent to the token endpoint); may be empty for a public client using PKCE only
 * @param redirectUri where Google sends the browser back with {@code code} and {@code state}: this API's
 *     {@code /api/v1/auth/google/callback}, or a front-end page that passes them on to it. Must be registered at
 *     Google exactly as written here
 * @param issuer the OpenID provider; its endpoints are discovered from {@code {issuer}/.well-known/openid-configuration}
 * @param frontendRedirectUri optional: in cookie mode the callback answers with a redirect here (errors add
 *     {@code ?error=<code>}) instead of JSON
 */
@ConfigurationProperties("lyceum.auth.google")
record GoogleProperties(
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String redirectUri,
        String issuer,
        @Nullable String frontendRedirectUri) {

    static final String GOOGLE_ISSUER = "https://accounts.google.com";

    GoogleProperties {
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        redirectUri = blankToNull(redirectUri);
        issuer = blankToNull(issuer) == null ? GOOGLE_ISSUER : stripTrailingSlash(issuer.trim());
        frontendRedirectUri = blankToNull(frontendRedirectUri);
    }

    boolean enabled() {
        return clientId != null && redirectUri != null;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
