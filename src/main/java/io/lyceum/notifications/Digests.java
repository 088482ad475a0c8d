package io.lyceum.notifications;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.Contact;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: the emails a user chose to receive once a day are gathered into one, sent at the configured hour
 * of the user's own day (or as soon as the oldest has waited a day, for a zone whose hour the job missed), at most one
 * per person and local day ({@code notification_digest_days}), however many runs or instances look.
 */
@Component
class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    /** Held emails one digest gathers at most (the rest wait for the next day's). */
    private static final int MAX_TAKEN = 500;
    /** Of those, how many are listed by subject. */
    private static final int MAX_LISTED = 100;

    private final DeliveryStore deliveries;
    private final AccountsApi accounts;
    private final Templates templates;
    private final TenancyApi tenancy;
    private final TransactionTemplate transactions;
    private final NotificationsProperties properties;
    private final DeliveryWorker worker;
    private final Clock clock;

    Digests(
            DeliveryStore deliveries,
            AccountsApi accounts,
            Templates templates,
            TenancyApi tenancy,
            TransactionTemplate transactions,
            NotificationsProperties properties,
            DeliveryWorker worker,
            Clock clock) {
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.templates = templates;
        this.tenancy = tenancy;
        this.transactions = transactions;
        this.properties = properties;
        this.worker = worker;
        this.clock = clock;
    }

    /** Sends the digests that are due in every tenant; returns how many. */
    int run() {
        int sent = 0;
        for (TenantId tenant : tenancy.tenantIds()) {
            try {
                sent += TenantContext.callAs(tenant, this::runTenant);
            } catch (RuntimeException e) {
                log.error("Notification digests failed in tenant {}", tenant.value(), e);
            }
        }
        if (sent > 0) {
            worker.kick();
        }
        return sent;
    }

    private int runTenant() {
        int sent = 0;
        for (UUID recipient : deliveries.recipientsWithHeldEmail()) {
            Boolean made = transactions.execute(status -> digest(recipient, status));
            sent += Boolean.TRUE.equals(made) ? 1 : 0;
        }
        return sent;
    }

    private boolean digest(UUID recipientId, TransactionStatus status) {
        Instant now = clock.instant();
        Contact contact = accounts.contact(UserId.of(recipientId)).orElse(null);
        List<Delivery> held = deliveries.takeHeld(recipientId, MAX_TAKEN);
        if (held.isEmpty()) {
            return false;
        }
        ZoneId zone = Templates.zone(contact == null ? null : contact.timeZone());
        ZonedDateTime local = now.atZone(zone);
        boolean hour = local.getHour() == properties.digestHour();
        boolean overdue = held.getFirst().createdAt().isBefore(now.minus(Duration.ofHours(25)));
        if (!hour && !overdue) {
            return false;
        }
        if (contact == null || !contact.active()) {
            deliveries.markDigested(held.stream().map(Delivery::id).toList(), null, now);
            return false;
        }
        LocalDate today = local.toLocalDate();
        if (deliveries.hadDigest(recipientId, today)) {
            return false; // what arrived after today's digest waits for tomorrow's
        }
        Locale locale = Templates.locale(contact.language());
        StringBuilder items = new StringBuilder();
        for (Delivery d : held.subList(0, Math.min(held.size(), MAX_LISTED))) {
            items.append("- ").append(d.subject()).append('\n');
        }
        if (held.size() > MAX_LISTED) {
            items.append("- … (+").append(held.size() - MAX_LISTED).append(")\n");
        }
        var text = templates.render(
                NotificationKind.DIGEST,
                locale,
                zone,
                contact.fullName(),
                Map.of(
                        "count",
                        held.size(),
                        "updates",
                        templates.text(held.size() == 1 ? "digest.updates.one" : "digest.updates.other", locale),
                        "items",
                        items.toString().strip()),
                false,
                null);
        UUID digest = deliveries.insert(
                null,
                recipientId,
                NotificationChannel.EMAIL,
                contact.email(),
                text.title(),
                text.emailText(),
                text.emailHtml(),
                List.of(),
                null,
                DeliveryStatus.PENDING,
                properties.maxAttempts(),
                now,
                now);
        if (!deliveries.recordDigestDay(recipientId, today, digest, now)) {
            // another run made today's digest meanwhile: this one never happened
            status.setRollbackOnly();
            return false;
        }
        deliveries.markDigested(held.stream().map(Delivery::id).toList(), digest, now);
        return true;
    }
}
