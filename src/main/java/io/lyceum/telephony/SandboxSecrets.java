package io.lyceum.telephony;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The secrets the sandboxes sign with (the sandbox Twilio account's auth token, the sandbox Vapi webhook secret),
 * generated once per installation and shared by every instance through the database, so no secret that signs
 * anything is written in the source.
 */
@Component
class SandboxSecrets {

    static final String TWILIO_AUTH_TOKEN = "twilio-auth-token";
    static final String VAPI_WEBHOOK_SECRET = "vapi-webhook-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    SandboxSecrets(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    String get(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    private String load(String name) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        return ownTransaction.execute(status -> {
            jdbc.sql("""
                            INSERT INTO telephony_sandbox_secrets (name, value, created_at) VALUES (:name, :value, :now)
                            ON CONFLICT (name) DO NOTHING
                            """)
                    .param("name", name)
                    .param("value", generated)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return jdbc.sql("SELECT value FROM telephony_sandbox_secrets WHERE name = :name")
                    .param("name", name)
                    .query(String.class)
                    .single();
        });
    }
}
