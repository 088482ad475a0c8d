package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.accounts.GuardianLinked;
import io.lyceum.messaging.MessagePosted;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: who gets it (only those who chose it, for the categories they chose), what it contains (one line
 * per held email, in their language), when (at the digest hour of their own day, 08:00) and how often (once per person
 * and local day, even with two runs at once or a later run the same day).
 */
class DigestTests extends ApiTestBase {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    Digests digests;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void heldEmailsGoOutAsOneDigestAtTheDigestHourOncePerLocalDay() {
        String slug = Tenants.uniqueSlug("digest");
        Tenants.newTenantWithOwner(slug);
        TenantId tenant = Tenants.idOf(jdbc, slug);
        // a French reader in Paris who wants messages and guardian links as a digest; a guardian with the defaults
        SignedIn reader = Accounts.newUser("STUDENT", slug);
        SignedIn guardian = Accounts.newUser("GUARDIAN", slug);
        SignedIn sender = Accounts.newUser("TUTOR", slug);
        TenantContext.runAs(
                tenant, () -> jdbc.sql("UPDATE users SET locale = 'fr', time_zone = 'Europe/Paris' WHERE id = :id")
                        .param("id", reader.userId())
                        .update());
        reader.api()
                .header("X-Tenant", slug)
                .contentType("application/json")
                .body(Map.of(
                        "categories",
                        List.of(
                                Map.of("category", "MESSAGES", "email", true, "digest", true),
                                Map.of("category", "GUARDIAN_LINKS", "email", true, "digest", true))))
                .put("/api/v1/notifications/preferences")
                .then()
                .statusCode(200);

        // tomorrow 05:00 in Paris: two messages and a guardian link arrive
        Instant early =
                LocalDate.now(PARIS).plusDays(1).atTime(5, 0).atZone(PARIS).toInstant();
        testClock.advanceTo(early);
        publish(tenant, message(tenant, sender, reader, "Bonjour !"));
        publish(tenant, message(tenant, sender, reader, "À demain"));
        publish(
                tenant,
                new GuardianLinked(
                        UUID.randomUUID(), tenant, UserId.of(guardian.userId()), UserId.of(reader.userId()), early));
        await().atMost(Duration.ofSeconds(20)).until(() -> held(tenant, reader.userId()) == 3);
        // the guardian did not choose the digest: their email is not held
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                tenant,
                                "SELECT count(*) FROM notification_deliveries WHERE recipient_id = :r"
                                        + " AND channel = 'EMAIL' AND status <> 'HELD_FOR_DIGEST'",
                                guardian.userId())
                        == 1);

        // 05:00 is not the digest hour: nothing goes
        digests.run();
        assertThat(digestsOf(tenant, reader.userId())).isEmpty();

        // 08:10 in Paris: two runs at once (two instances) make one digest
        testClock.advanceTo(early.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(10)));
        Parallel.run(2, i -> digests.run());
        digests.run();
        List<Map<String, Object>> first = digestsOf(tenant, reader.userId());
        assertThat(first).singleElement().satisfies(digest -> {
            assertThat(digest.get("subject")).isEqualTo("Votre résumé Lyceum : 3 nouveautés");
            String text = (String) digest.get("text_body");
            assertThat(text).startsWith("Bonjour Test student,");
            assertThat(text.split("- Nouveau message de Test tutor\n", -1)).hasSize(3);
            assertThat(text).containsOnlyOnce("- Compte lié avec Test guardian");
            assertThat(digest.get("address")).isEqualTo(reader.email());
        });
        UUID firstId = (UUID) first.getFirst().get("id");
        assertThat(count(
                        tenant,
                        "SELECT count(*) FROM notification_deliveries WHERE recipient_id = :r AND status = 'DIGESTED'"
                                + " AND digest_id = '" + firstId + "'",
                        reader.userId()))
                .isEqualTo(3);
        // the guardian gets no digest (nothing held)
        assertThat(digestsOf(tenant, guardian.userId())).isEmpty();

        // a message at 08:20 waits: today's digest has gone, even though the runs are still in the digest hour
        testClock.advance(Duration.ofMinutes(10));
        publish(tenant, message(tenant, sender, reader, "Encore une chose"));
        await().atMost(Duration.ofSeconds(20)).until(() -> held(tenant, reader.userId()) == 1);
        testClock.advance(Duration.ofMinutes(20));
        Parallel.run(2, i -> digests.run());
        assertThat(digestsOf(tenant, reader.userId())).hasSize(1);
        assertThat(held(tenant, reader.userId())).isEqualTo(1);

        // the next day at 08:00 it goes, alone
        testClock.advance(Duration.ofDays(1).minus(Duration.ofMinutes(30)));
        Parallel.run(2, i -> digests.run());
        List<Map<String, Object>> both = digestsOf(tenant, reader.userId());
        assertThat(both).hasSize(2);
        assertThat(both.getLast().get("subject")).isEqualTo("Votre résumé Lyceum : 1 nouveauté");
        assertThat(held(tenant, reader.userId())).isZero();
    }

    private MessagePosted message(TenantId tenant, SignedIn from, SignedIn to, String text) {
        return new MessagePosted(
                tenant,
                UUID.randomUUID(),
                UUID.randomUUID(),
                from.userId(),
                "Test tutor",
                to.userId(),
                text,
                testClock.instant());
    }

    private void publish(TenantId tenant, Object event) {
        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(s -> events.publishEvent(event)));
    }

    private long held(TenantId tenant, UUID recipient) {
        return count(
                tenant,
                "SELECT count(*) FROM notification_deliveries WHERE recipient_id = :r AND status = 'HELD_FOR_DIGEST'",
                recipient);
    }

    /** The digest emails of a person, oldest first. */
    private List<Map<String, Object>> digestsOf(TenantId tenant, UUID recipient) {
        return TenantContext.callAs(
                tenant, () -> jdbc.sql("""
                        SELECT id, subject, text_body, address FROM notification_deliveries
                         WHERE recipient_id = :r AND notification_id IS NULL ORDER BY created_at, id
                        """).param("r", recipient).query().listOfRows());
    }

    private long count(TenantId tenant, String query, UUID recipient) {
        return TenantContext.callAs(
                tenant,
                () -> jdbc.sql(query).param("r", recipient).query(Long.class).single());
    }
}
