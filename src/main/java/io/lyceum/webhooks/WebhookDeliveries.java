package io.lyceum.webhooks;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.mail.Outbox;
import io.lyceum.platform.ProductionMode;
import io.lyceum.platform.SecretCipher;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.webhooks.WebhookMessageStore.Attempt;
import io.lyceum.webhooks.WebhookMessageStore.Claimed;
import io.lyceum.webhooks.WebhookSubscriptionStore.SealedSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one claimed message and records what happened. The HTTP call runs with no transaction open and no row
 * locked (the claim committed before it); its outcome is written in a short transaction of its own: the attempt's
 * log line, the message's next state (delivered; retried after an exponential, jittered backoff; or given up once
 * its retry window has passed) and the endpoint's failure record, which disables an endpoint that keeps failing.
 */
@Component
class WebhookDeliveries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final WebhookMessageStore messages;
    private final WebhookSubscriptionStore subscriptions;
    private final SecretCipher cipher;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AccountsApi accounts;
    private final Outbox outbox;
    private final WebhooksProperties properties;
    private final EndpointPolicy policy;
    private final WebhookHttp http;
    private final Clock clock;

    WebhookDeliveries(
            WebhookMessageStore messages,
            WebhookSubscriptionStore subscriptions,
            SecretCipher cipher,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            AccountsApi accounts,
            Outbox outbox,
            WebhooksProperties properties,
            Environment environment,
            Clock clock) {
        if (properties.allowLocalReceivers() && ProductionMode.isProduction(environment)) {
            throw new IllegalStateException(
                    "lyceum.webhooks.allow-local-receivers (LYCEUM_WEBHOOKS_ALLOW_LOCAL_RECEIVERS)"
                            + " is true in production mode: webhooks could be aimed at this server's own network (SSRF)."
                            + " Remove it; it is for a receiver on a developer's machine.");
        }
        this.messages = messages;
        this.subscriptions = subscriptions;
        this.cipher = cipher;
        this.transactions = transactions;
        this.events = events;
        this.accounts = accounts;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.policy = new EndpointPolicy(properties.allowLocalReceivers());
        this.http = new WebhookHttp(
                policy,
                properties.connectTimeout(),
                properties.responseTimeout(),
                properties.concurrency() * 2,
                properties.responseExcerptBytes());
    }

    EndpointPolicy policy() {
        return policy;
    }

    /**
     * Sends a message claimed in the current tenant and records the outcome. No transaction may be open. Answers when
     * the next attempt is due, if one was scheduled.
     */
    // the callback may answer null (a lapsed lease), which NullAway's non-generic mode cannot express
    @SuppressWarnings("NullAway")
    @Nullable
    Instant deliver(Claimed message) {
        Instant started = clock.instant();
        List<String> secrets = transactions.execute(status -> signingSecrets(message, started));
        String webhookId = webhookId(message.id());
        long timestamp = started.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signatures.header(secrets, webhookId, timestamp, message.payload()));
        WebhookHttp.Result result = http.post(message.url(), headers, message.payload());
        return transactions.execute(status -> record(message, started, result));
    }

    /** The stable {@code webhook-id} of a message: the same for every attempt and replay (receivers dedupe on it). */
    static String webhookId(java.util.UUID messageId) {
        return "msg_" + messageId;
    }

    private List<String> signingSecrets(Claimed message, Instant now) {
        SealedSecrets sealed = subscriptions.secrets(message.subscriptionId());
        List<String> secrets = new ArrayList<>();
        secrets.add(cipher.open(sealed.current(), message.subscriptionId()));
        Instant previousExpiresAt = sealed.previousExpiresAt();
        if (sealed.previous() != null && previousExpiresAt != null && previousExpiresAt.isAfter(now)) {
            secrets.add(cipher.open(sealed.previous(), message.subscriptionId()));
        }
        return secrets;
    }

    private @Nullable Instant record(Claimed message, Instant started, WebhookHttp.Result result) {
        Instant now = clock.instant();
        String error = result.error() != null
                ? result.error()
                : result.succeeded() ? null : "the endpoint answered HTTP " + result.statusCode();
        boolean giveUp = false;
        String status;
        Instant next = null;
        if (result.succeeded()) {
            status = "DELIVERED";
        } else if (!now.isBefore(message.giveUpAt())) {
            status = "FAILED";
            giveUp = true;
        } else {
            status = "PENDING";
            Instant retry = now.plus(backoff(message.attempt()));
            next = retry.isAfter(message.giveUpAt()) ? message.giveUpAt() : retry;
        }
        if (!messages.finish(message, status, next, result.statusCode(), error, result.succeeded() ? now : null, now)) {
            // the lease lapsed and another instance took the message over: its outcome will be recorded there
            log.warn("Webhook message {} was taken over by another sender; this attempt is not recorded", message.id());
            return null;
        }
        messages.logAttempt(
                message.id(),
                new Attempt(
                        message.attempt(),
                        started,
                        result.durationMs(),
                        result.succeeded(),
                        result.statusCode(),
                        result.responseExcerpt(),
                        error));
        if (result.succeeded()) {
            subscriptions.recordSuccess(message.subscriptionId());
            return null;
        }
        subscriptions
                .recordFailure(message.subscriptionId(), started, giveUp)
                .filter(Subscription::enabled)
                .ifPresent(endpoint -> disableIfFailingTooLong(endpoint, now));
        return next;
    }

    /** The delay before attempt {@code attempt + 1}: base times 2^(attempt-1), capped, with +-20 % jitter. */
    Duration backoff(int attempt) {
        long base = properties.backoffBase().toMillis();
        long max = properties.backoffMax().toMillis();
        long exponential = attempt >= 40 ? max : Math.min(max, base << Math.max(0, attempt - 1));
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(exponential * jitter)));
    }

    private void disableIfFailingTooLong(Subscription endpoint, Instant now) {
        String reason;
        // called once a delivery failed, so the endpoint is failing since then
        Instant failingSince = Objects.requireNonNull(endpoint.failingSince());
        if (!failingSince.plus(properties.disableAfter()).isAfter(now)) {
            reason = "every delivery attempt failed for "
                    + properties.disableAfter().toHours() + " hours";
        } else if (endpoint.consecutiveFailedMessages() >= properties.disableAfterFailedMessages()) {
            reason = endpoint.consecutiveFailedMessages() + " messages in a row could not be delivered";
        } else {
            return;
        }
        subscriptions.disable(endpoint.id(), reason, now);
        messages.giveUpPending(endpoint.id(), "endpoint disabled: " + reason, now);
        accounts.findUser(UserId.of(endpoint.createdBy()))
                .filter(UserSummary::active)
                .ifPresent(owner ->
                        outbox.email(owner.email(), "Webhook endpoint disabled: " + endpoint.url(), """
                        Hello %s,

                        Lyceum disabled your webhook endpoint %s because %s.
                        Its pending messages were given up; no new ones are queued while it is disabled.

                        Fix the endpoint, then enable it again on the integrations page (or PATCH
                        /api/v1/webhooks/subscriptions/%s with "enabled": true) and replay the messages you need from
                        its delivery log.
                        """.formatted(
                                        owner.fullName(), endpoint.url(), reason, endpoint.id())));
        events.publishEvent(new WebhookEndpointDisabled(
                TenantContext.require(),
                endpoint.id(),
                endpoint.url(),
                endpoint.createdBy(),
                reason,
                endpoint.failingSince(),
                now));
        log.warn("Webhook endpoint {} ({}) disabled: {}", endpoint.id(), endpoint.url(), reason);
    }

    @Override
    public void destroy() throws Exception {
        http.close();
    }
}
