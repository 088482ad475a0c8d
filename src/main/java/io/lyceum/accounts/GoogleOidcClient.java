package io.lyceum.accounts;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Talks to the OpenID provider (Google): discovers its endpoints, builds the authorization URL, exchanges an
 * authorization code (with its PKCE verifier) at the token endpoint and validates the returned ID token: signature
 * against the provider's JWKS, issuer, audience, authorized party and expiry. The nonce is checked by the caller,
 * which knows the one it sent. Discovery is cached for an hour; the JWKS by Nimbus.
 */
@Component
class GoogleOidcClient {

    private static final Logger log = LoggerFactory.getLogger(GoogleOidcClient.class);
    static final String SCOPES = "openid email profile";
    private static final Duration DISCOVERY_TTL = Duration.ofHours(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Google's ID tokens name their issuer with or without the scheme. */
    private static final String GOOGLE_BARE_ISSUER = "accounts.google.com";

    private final GoogleProperties properties;
    private final Clock clock;
    private final RestClient http;
    private volatile @Nullable Provider provider;

    GoogleOidcClient(GoogleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
        factory.setReadTimeout(TIMEOUT);
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** The provider's endpoints and an ID token decoder bound to its JWKS. */
    record Provider(
            String issuer,
            URI authorizationEndpoint,
            URI tokenEndpoint,
            URI jwksUri,
            JwtDecoder idTokens,
            Instant at) {}

    /** What the provider vouches for, from a validated ID token. */
    record Identity(
            String subject,
            @Nullable String email,
            boolean emailVerified,
            @Nullable String name,
            @Nullable String locale,
            @Nullable String nonce) {

        /** The email, once {@code GoogleSignInService} has checked that Google verified it (it refuses one without). */
        String verifiedEmail() {
            return java.util.Objects.requireNonNull(email, "checked when the ID token was redeemed");
        }
    }

    URI authorizationUrl(String state, String nonce, String codeChallenge) {
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", properties.clientId());
        params.put("redirect_uri", properties.redirectUri());
        params.put("scope", SCOPES);
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", codeChallenge);
        params.put("code_challenge_method", "S256");
        String endpoint = provider().authorizationEndpoint().toString();
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
    }

    /** Redeems an authorization code and returns the validated identity of its ID token. */
    Identity redeem(String code, String codeVerifier) {
        Provider current = provider();
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", properties.redirectUri());
        form.add("code_verifier", codeVerifier);
        form.add("client_id", properties.clientId());
        if (properties.clientSecret() != null) {
            form.add("client_secret", properties.clientSecret()); // client_secret_post, as Google documents
        }
        Map<String, Object> response;
        try {
            response = http.post()
                    .uri(current.tokenEndpoint())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().is4xxClientError()) {
                log.info("Google refused the authorization code: {}", e.getResponseBodyAsString());
                throw new LyceumException(
                        ErrorKind.UNPROCESSABLE,
                        "auth.google_code_invalid",
                        "Google did not accept the authorization code (expired, used or not issued for this sign-in). "
                                + "Start again.");
            }
            throw unavailable(e);
        } catch (RestClientException e) {
            throw unavailable(e);
        }
        Object idToken = response == null ? null : response.get("id_token");
        if (!(idToken instanceof String token) || token.isBlank()) {
            throw invalidToken("Google's token response carried no ID token.");
        }
        Jwt jwt;
        try {
            jwt = current.idTokens().decode(token);
        } catch (BadJwtException e) {
            log.warn("Rejected an ID token: {}", e.getMessage());
            throw invalidToken("Google's ID token did not validate.");
        } catch (JwtException e) {
            throw unavailable(e);
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            // an ID token always names its subject; without one there is no account to sign in to
            throw invalidToken("Google's ID token names no subject.");
        }
        return new Identity(
                subject,
                jwt.getClaimAsString("email"),
                isTrue(jwt.getClaims().get("email_verified")),
                name(jwt),
                jwt.getClaimAsString("locale"),
                jwt.getClaimAsString("nonce"));
    }

    private static @Nullable String name(Jwt jwt) {
        String name = jwt.getClaimAsString("name");
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        String given = jwt.getClaimAsString("given_name");
        String family = jwt.getClaimAsString("family_name");
        String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** Google has sent {@code email_verified} both as a boolean and as a string. */
    private static boolean isTrue(@Nullable Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    Provider provider() {
        Provider current = provider;
        if (current != null && current.at().plus(DISCOVERY_TTL).isAfter(clock.instant())) {
            return current;
        }
        synchronized (this) {
            current = provider;
            if (current != null && current.at().plus(DISCOVERY_TTL).isAfter(clock.instant())) {
                return current;
            }
            try {
                provider = discover();
            } catch (LyceumException e) {
                if (current == null) {
                    throw e;
                }
                log.warn("Refreshing the OpenID configuration failed; keeping the previous one: {}", e.getMessage());
                provider = new Provider(
                        current.issuer(),
                        current.authorizationEndpoint(),
                        current.tokenEndpoint(),
                        current.jwksUri(),
                        current.idTokens(),
                        clock.instant());
            }
            return provider;
        }
    }

    private Provider discover() {
        String location = properties.issuer() + "/.well-known/openid-configuration";
        Map<String, Object> metadata;
        try {
            metadata = http.get()
                    .uri(location)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        } catch (RestClientException e) {
            throw unavailable(e);
        }
        if (metadata == null) {
            throw unavailable(new IllegalStateException("empty OpenID configuration at " + location));
        }
        String issuer = String.valueOf(metadata.get("issuer"));
        if (!stripSlash(issuer).equals(properties.issuer())) {
            // OpenID Connect Discovery 4.3: the issuer in the document must be the one we asked
            throw unavailable(new IllegalStateException(
                    "OpenID configuration names issuer " + issuer + ", expected " + properties.issuer()));
        }
        URI authorization = uri(metadata, "authorization_endpoint");
        URI token = uri(metadata, "token_endpoint");
        URI jwks = uri(metadata, "jwks_uri");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks.toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(idTokenValidator(issuer));
        log.info("Discovered OpenID provider {}", issuer);
        return new Provider(issuer, authorization, token, jwks, decoder, clock.instant());
    }

    private OAuth2TokenValidator<Jwt> idTokenValidator(String issuer) {
        var timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        Set<String> issuers = GoogleProperties.GOOGLE_ISSUER.equals(stripSlash(issuer))
                ? Set.of(issuer, GOOGLE_BARE_ISSUER)
                : Set.of(issuer);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(jwt -> issuers.contains(jwt.getClaimAsString("iss"))
                ? OAuth2TokenValidatorResult.success()
                : failure("iss", "The ID token was issued by someone else."));
        // decoders are built only once sign-in is enabled, which needs a client id
        validators.add(new JwtAudienceValidator(Objects.requireNonNull(properties.clientId(), "sign-in is enabled")));
        validators.add(jwt -> {
            // with several audiences, the authorized party must be us (OpenID Connect Core 3.1.3.7)
            String azp = jwt.getClaimAsString("azp");
            boolean ok = azp == null
                    ? jwt.getAudience() != null && jwt.getAudience().size() == 1
                    : azp.equals(properties.clientId());
            return ok
                    ? OAuth2TokenValidatorResult.success()
                    : failure("azp", "The ID token was issued to another party.");
        });
        validators.add(jwt -> jwt.getSubject() == null || jwt.getSubject().isBlank()
                ? failure("sub", "The ID token names no subject.")
                : OAuth2TokenValidatorResult.success());
        validators.add(jwt -> jwt.getExpiresAt() == null
                ? failure("exp", "The ID token has no expiry.")
                : OAuth2TokenValidatorResult.success());
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidatorResult failure(String claim, String description) {
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error("invalid_token", description + " (" + claim + ")", null));
    }

    private static URI uri(Map<String, Object> metadata, String name) {
        Object value = metadata.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw unavailable(new IllegalStateException("OpenID configuration lacks " + name));
        }
        return URI.create(text);
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static LyceumException invalidToken(String detail) {
        return new LyceumException(ErrorKind.UNAUTHORIZED, "auth.google_token_invalid", detail);
    }

    private static LyceumException unavailable(Exception cause) {
        log.warn("Google sign-in provider unavailable: {}", cause.toString());
        return new LyceumException(
                ErrorKind.UNAVAILABLE,
                "auth.google_unavailable",
                "Google sign-in is unavailable right now. Try again in a moment.");
    }
}
