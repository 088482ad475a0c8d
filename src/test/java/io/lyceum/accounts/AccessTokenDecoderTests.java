package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.lyceum.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The decoder's cache: a signature is checked once per token, the claims on every use, a refused token every time. */
class AccessTokenDecoderTests {

    private final ECKey key = newKey();
    private final TestClock clock = new TestClock();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AccessTokenDecoder decoder = decoderTrusting(key);

    @Test
    void aTokenUsedAgainIsNotVerifiedAgain() throws Exception {
        String token = sign(key, key.getKeyID(), Duration.ofMinutes(15));

        for (int i = 0; i < 3; i++) {
            assertThat(decoder.decode(token).getSubject()).isEqualTo("user-1");
        }
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aCachedTokenStillExpiresOnTheClock() throws Exception {
        String token = sign(key, key.getKeyID(), Duration.ofMinutes(15));
        decoder.decode(token);

        clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTime() throws Exception {
        // the trusted key's id, another key's signature
        String forged = sign(newKey(), key.getKeyID(), Duration.ofMinutes(15));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        assertThat(signatureChecks).hasValue(2);
    }

    private AccessTokenDecoder decoderTrusting(ECKey trusted) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(trusted.toPublicJWK()))));
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        var signatures = new NimbusJwtDecoder(processor);
        signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counted = token -> {
            signatureChecks.incrementAndGet();
            return signatures.decode(token);
        };
        var timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        return new AccessTokenDecoder(counted, timestamps, Duration.ofMinutes(15));
    }

    private String sign(ECKey signer, String keyId, Duration lifetime) throws Exception {
        Instant now = clock.instant();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
                new JWTClaimsSet.Builder()
                        .subject("user-1")
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(lifetime)))
                        .build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(java.util.UUID.randomUUID().toString())
                    .generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
