package io.lyceum.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes access tokens, checking each distinct token's signature once per instance: a client sends the same token
 * with every request for its whole life, and the signature check (an ECDSA verification) is the request's largest
 * cryptographic cost. The claims (expiry on the application's clock, issuer, audience) are validated on every call,
 * so a cached token stops working when it expires; sessions are checked per request by the caller, so a signed-out
 * token stops working at once. Failed tokens are never cached.
 */
final class AccessTokenDecoder implements JwtDecoder {

    /** Enough for every token live on a busy instance; about 2 KB each. */
    static final int MAX_CACHED_TOKENS = 10_000;

    private final JwtDecoder signatureVerifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param signatureVerifier parses a token and checks its signature, validating no claim
     * @param validator the claims' checks, run on every decode
     * @param tokenLifetime how long a token lives; it is not kept longer
     */
    AccessTokenDecoder(JwtDecoder signatureVerifier, OAuth2TokenValidator<Jwt> validator, Duration tokenLifetime) {
        this.signatureVerifier = signatureVerifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED_TOKENS)
                .expireAfterWrite(tokenLifetime)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token, signatureVerifier::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().stream()
                    .map(OAuth2Error::getDescription)
                    .filter(d -> d != null && !d.isEmpty())
                    .findFirst()
                    .orElse("Unable to validate the token");
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
        }
        return jwt;
    }
}
