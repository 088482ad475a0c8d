package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Signs access tokens: short-lived JWTs naming the user, tenant, role and session. */
@Component
class TokenIssuer {

    static final String TENANT_CLAIM = "tid";
    static final String ROLE_CLAIM = "role";
    static final String SESSION_CLAIM = "sid";

    private final SigningKeys keys;
    private final NimbusJwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.encoder = new NimbusJwtEncoder(keys);
        this.properties = properties;
        this.clock = clock;
    }

    String accessToken(User user, UUID sessionId) {
        Instant now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(java.util.List.of(properties.audience()))
                .subject(user.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim(TENANT_CLAIM, user.tenantId().toString())
                .claim(ROLE_CLAIM, user.role().name())
                .claim(SESSION_CLAIM, sessionId.toString())
                .build();
        var key = keys.activeKey();
        var algorithm = SignatureAlgorithm.from(String.valueOf(key.getAlgorithm()));
        var header = JwsHeader.with(Objects.requireNonNull(algorithm, "a signing key is stored with its algorithm"))
                .keyId(key.getKeyID())
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /**
     * The user a verified access token names, read back from the claims {@link #accessToken} wrote. Throws
     * {@link IllegalArgumentException} or {@link NullPointerException} when a claim is missing or malformed; the
     * callers decide whether that is a bad token or no sign-in at all.
     */
    static CurrentUser userOf(Jwt jwt) {
        return new CurrentUser(
                UserId.of(UUID.fromString(jwt.getSubject())),
                new TenantId(UUID.fromString(jwt.getClaimAsString(TENANT_CLAIM))),
                Role.valueOf(Objects.requireNonNull(jwt.getClaimAsString(ROLE_CLAIM), "role claim")),
                UUID.fromString(jwt.getClaimAsString(SESSION_CLAIM)));
    }
}
