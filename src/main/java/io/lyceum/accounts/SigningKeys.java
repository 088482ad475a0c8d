package io.lyceum.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.lyceum.platform.SecretCipher;
import io.lyceum.shared.Ids;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign access tokens (ES256: P-256 ECDSA, whose signature costs a tenth of an RSA-2048 one and whose key
 * is made in milliseconds, not a second), kept in PostgreSQL so every instance signs and verifies with the same set,
 * sealed with {@link SecretCipher} (the key id bound in) whenever an encryption key is configured, as production requires.
 * One key is active; retired keys stay published (JWKS) until every token they signed has expired. Instances cache
 * the set briefly and reload it when a token names a key they do not know yet. An RS256 key left active by an earlier
 * version is retired at the first sign-in, and keeps verifying the tokens it signed until they expire.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final long ADVISORY_LOCK = 0x4c59434b4559L; // "LYCKEY"

    /** The algorithm new keys sign with. */
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SecretCipher cipher;
    private volatile @Nullable Cached cached;

    SigningKeys(JdbcClient jdbc, Clock clock, TransactionTemplate transactions, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    /**
     * Seals keys stored in plain text before the encryption key was configured, once, at start-up (every instance may
     * do it; sealing a row twice is prevented by the {@code v1:} check in the statement).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sealPlainKeys() {
        if (!cipher.sealing()) {
            return;
        }
        List<Row> plain = jdbc.sql("SELECT kid, jwk, status FROM signing_keys WHERE jwk NOT LIKE 'v1:%'")
                .query((rs, n) -> new Row(rs.getString("kid"), rs.getString("jwk"), rs.getString("status")))
                .list();
        for (Row row : plain) {
            jdbc.sql("UPDATE signing_keys SET jwk = :sealed WHERE kid = :kid AND jwk = :plain")
                    .param("sealed", cipher.seal(row.jwk(), java.util.UUID.fromString(row.kid())))
                    .param("kid", row.kid())
                    .param("plain", row.jwk())
                    .update();
        }
        if (!plain.isEmpty()) {
            log.info("Sealed {} token signing key(s) stored in plain text", plain.size());
        }
    }

    /** The key new tokens are signed with; created on first use, and replaced when it is of an older algorithm. */
    JWK activeKey() {
        JWK active = load(false).active();
        if (active == null || !ALGORITHM.equals(active.getAlgorithm())) {
            ensureActiveKey();
            cached = null;
            active = load(true).active();
        }
        return Objects.requireNonNull(active, "ensureActiveKey() stored one");
    }

    /** All keys that may have signed a live token, public parts only. */
    JWKSet publicKeys() {
        return load(false).keys().toPublicJWKSet();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(load(false).keys());
        if (found.isEmpty()) {
            found = selector.select(load(true).keys()); // another instance may have rotated
        }
        return found;
    }

    /** Retires the active key and starts signing with a new one. */
    String rotate() {
        String kid = transactions.execute(status -> {
            lock();
            retireActiveKey();
            return insertNewKey();
        });
        cached = null;
        log.info("Rotated the token signing key; new key {}", kid);
        return kid;
    }

    /** Rotates when the active key is older than {@code maxAge}; deletes retired keys no token can still use. */
    void maintain(Duration maxAge, Duration retiredKeysKeptFor) {
        Instant activeSince = jdbc
                .sql("SELECT created_at FROM signing_keys WHERE status = 'ACTIVE'")
                .query(java.time.OffsetDateTime.class)
                .list()
                .stream()
                .map(java.time.OffsetDateTime::toInstant)
                .findFirst()
                .orElse(null);
        if (activeSince == null || activeSince.isBefore(clock.instant().minus(maxAge))) {
            rotate();
        }
        jdbc.sql("DELETE FROM signing_keys WHERE status = 'RETIRED' AND retired_at < :cutoff")
                .param("cutoff", clock.instant().minus(retiredKeysKeptFor).atOffset(ZoneOffset.UTC))
                .update();
        cached = null;
    }

    private void ensureActiveKey() {
        transactions.executeWithoutResult(status -> {
            lock(); // two instances starting together create one key, not two
            boolean current =
                    jdbc.sql("SELECT count(*) FROM signing_keys WHERE status = 'ACTIVE' AND algorithm = :algorithm")
                                    .param("algorithm", ALGORITHM.getName())
                                    .query(Long.class)
                                    .single()
                            > 0;
            if (!current) {
                retireActiveKey();
                insertNewKey();
            }
        });
    }

    private void retireActiveKey() {
        jdbc.sql("UPDATE signing_keys SET status = 'RETIRED', retired_at = :now WHERE status = 'ACTIVE'")
                .param("now", now())
                .update();
    }

    private String insertNewKey() {
        String kid = Ids.newId().toString();
        JWK key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
        jdbc.sql("""
                INSERT INTO signing_keys (kid, algorithm, jwk, status, created_at)
                VALUES (:kid, :algorithm, :jwk, 'ACTIVE', :now)
                """)
                .param("kid", kid)
                .param("algorithm", ALGORITHM.getName())
                .param("jwk", cipher.seal(key.toJSONString(), java.util.UUID.fromString(kid)))
                .param("now", now())
                .update();
        return kid;
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", ADVISORY_LOCK)
                .query()
                .singleRow();
    }

    private Cached load(boolean force) {
        Cached current = cached;
        Instant now = clock.instant();
        if (!force && current != null && current.loadedAt().plus(CACHE_TTL).isAfter(now)) {
            return current;
        }
        if (force && current != null && current.loadedAt().plusSeconds(2).isAfter(now) && current.active() != null) {
            return current; // a burst of unknown key ids must not turn into a burst of queries
        }
        List<Row> rows = jdbc.sql("SELECT kid, jwk, status FROM signing_keys ORDER BY created_at DESC")
                .query((rs, n) -> new Row(rs.getString("kid"), rs.getString("jwk"), rs.getString("status")))
                .list();
        JWK active = null;
        List<JWK> keys = new java.util.ArrayList<>();
        for (Row row : rows) {
            try {
                JWK key = JWK.parse(cipher.open(row.jwk(), java.util.UUID.fromString(row.kid())));
                keys.add(key);
                if ("ACTIVE".equals(row.status())) {
                    active = key;
                }
            } catch (ParseException e) {
                throw new IllegalStateException("Unreadable signing key in the database", e);
            }
        }
        Cached fresh = new Cached(new JWKSet(keys), active, now);
        cached = fresh;
        return fresh;
    }

    private java.time.OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private record Row(String kid, String jwk, String status) {}

    private record Cached(JWKSet keys, @Nullable JWK active, Instant loadedAt) {}
}
