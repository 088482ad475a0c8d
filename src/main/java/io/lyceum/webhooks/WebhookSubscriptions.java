package io.lyceum.webhooks;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.AdministrativeAction;
import io.lyceum.platform.SecretCipher;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.webhooks.WebhookMessageStore.Attempt;
import io.lyceum.webhooks.WebhookMessageStore.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owners' and admins' management of the tenant's webhook subscriptions: create (the secret is answered once), edit,
 * enable and disable, delete, rotate the secret (the previous one keeps signing for the configured overlap), read the
 * delivery log and replay a message. Every change is written to the audit log.
 */
@Service
class WebhookSubscriptions {

    static final int MAX_DESCRIPTION = 500;
    static final String SUBJECT = "WEBHOOK_SUBSCRIPTION";

    /** What a subscription is asked to be; null fields are left as they are (on update). */
    record Changes(
            @Nullable String url,
            @Nullable String description,
            @Nullable List<String> eventTypes,
            @Nullable Boolean enabled) {}

    /** A subscription with a secret that is shown this once. */
    record WithSecret(Subscription subscription, String secret) {}

    /** A message with its attempts. */
    record MessageDetail(Message message, List<Attempt> attempts) {}

    private final WebhookSubscriptionStore store;
    private final WebhookMessageStore messages;
    private final SecretCipher cipher;
    private final WebhookDeliveries deliveries;
    private final WebhookDispatcher dispatcher;
    private final WebhooksProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WebhookSubscriptions(
            WebhookSubscriptionStore store,
            WebhookMessageStore messages,
            SecretCipher cipher,
            WebhookDeliveries deliveries,
            WebhookDispatcher dispatcher,
            WebhooksProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.messages = messages;
        this.cipher = cipher;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    static LyceumException notFound() {
        return LyceumException.notFound("webhook.subscription_not_found", "No such webhook subscription.");
    }

    /** Validates first (the URL check may resolve its host: no transaction is open meanwhile), then saves. */
    WithSecret create(CurrentUser actor, Changes request) {
        List<FieldError> errors = new ArrayList<>();
        String url = validUrl(request.url(), errors);
        List<String> types = validTypes(request.eventTypes(), errors);
        String description = validDescription(request.description(), errors);
        refuseIfInvalid(errors);
        Instant now = clock.instant();
        Subscription subscription = new Subscription(
                Ids.newId(),
                url,
                description,
                types,
                request.enabled() == null || request.enabled(),
                actor.userId().value(),
                null,
                0,
                null,
                null,
                null,
                now,
                now);
        String secret = Signatures.newSecret();
        transactions.executeWithoutResult(status -> {
            store.insert(subscription, cipher.seal(secret, subscription.id()));
            audit(actor, "WEBHOOK_SUBSCRIPTION_CREATED", subscription.id(), Map.of(), state(subscription), now);
        });
        return new WithSecret(subscription, secret);
    }

    Subscription get(UUID id) {
        return store.find(id).orElseThrow(WebhookSubscriptions::notFound);
    }

    PageResponse<Subscription> list(PageQuery page) {
        return store.page(page);
    }

    /** Validates first (outside any transaction, as on creation), then applies the changes under the row's lock. */
    Subscription update(CurrentUser actor, UUID id, Changes request) {
        get(id);
        List<FieldError> errors = new ArrayList<>();
        String url = request.url() == null ? null : validUrl(request.url(), errors);
        List<String> types = request.eventTypes() == null ? null : validTypes(request.eventTypes(), errors);
        String description = request.description() == null ? null : validDescription(request.description(), errors);
        refuseIfInvalid(errors);
        return transactions.execute(status -> {
            Subscription current = store.lock(id).orElseThrow(WebhookSubscriptions::notFound);
            boolean enabled = request.enabled() == null ? current.enabled() : request.enabled();
            Instant now = clock.instant();
            store.update(
                    id,
                    url == null ? current.url() : url,
                    request.description() == null ? current.description() : description,
                    types == null ? current.eventTypes() : types,
                    enabled,
                    now);
            Subscription updated = store.find(id).orElseThrow();
            audit(actor, "WEBHOOK_SUBSCRIPTION_UPDATED", id, state(current), state(updated), now);
            return updated;
        });
    }

    @Transactional
    void delete(CurrentUser actor, UUID id) {
        Subscription current = store.lock(id).orElseThrow(WebhookSubscriptions::notFound);
        store.delete(id);
        audit(actor, "WEBHOOK_SUBSCRIPTION_DELETED", id, state(current), Map.of(), clock.instant());
    }

    /** A new secret; the current one becomes the previous one and keeps signing for the configured overlap. */
    @Transactional
    WithSecret rotate(CurrentUser actor, UUID id) {
        Subscription current = store.lock(id).orElseThrow(WebhookSubscriptions::notFound);
        Instant now = clock.instant();
        String secret = Signatures.newSecret();
        boolean overlap = properties.secretRotationOverlap().isPositive();
        Instant previousExpires = overlap ? now.plus(properties.secretRotationOverlap()) : null;
        String previous = overlap ? store.secrets(id).current() : null;
        store.rotate(id, cipher.seal(secret, id), previous, previousExpires, now);
        audit(
                actor,
                "WEBHOOK_SECRET_ROTATED",
                id,
                Map.of(),
                previousExpires == null ? Map.of() : Map.of("previousSecretExpiresAt", previousExpires.toString()),
                now);
        return new WithSecret(store.find(id).orElse(current), secret);
    }

    PageResponse<Message> messages(UUID subscriptionId, String status, String eventType, PageQuery page) {
        get(subscriptionId);
        List<FieldError> errors = new ArrayList<>();
        if (status != null
                && !List.of("PENDING", "SENDING", "DELIVERED", "FAILED").contains(status)) {
            errors.add(new FieldError("status", "must be PENDING, SENDING, DELIVERED or FAILED"));
        }
        if (eventType != null && EventType.fromWire(eventType).isEmpty()) {
            errors.add(new FieldError("eventType", "unknown event type " + eventType));
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("webhook.invalid_filter", "The delivery log filter is not valid.", errors);
        }
        return messages.page(subscriptionId, status, eventType, page);
    }

    MessageDetail message(UUID subscriptionId, UUID messageId) {
        get(subscriptionId);
        Message message = messages.find(subscriptionId, messageId).orElseThrow(WebhookSubscriptions::messageNotFound);
        return new MessageDetail(message, messages.attempts(messageId));
    }

    /** Queues a delivered or given-up message again under its own id, with a new retry window. */
    @Transactional
    Message replay(CurrentUser actor, UUID subscriptionId, UUID messageId) {
        Subscription subscription = store.find(subscriptionId).orElseThrow(WebhookSubscriptions::notFound);
        Message message = messages.lock(subscriptionId, messageId).orElseThrow(WebhookSubscriptions::messageNotFound);
        if (!subscription.enabled()) {
            throw LyceumException.conflict(
                    "webhook.subscription_disabled", "The endpoint is disabled: enable it before replaying messages.");
        }
        if (message.status().equals("PENDING") || message.status().equals("SENDING")) {
            throw LyceumException.conflict("webhook.message_in_flight", "The message is already waiting to be sent.");
        }
        Instant now = clock.instant();
        messages.replay(messageId, now, now.plus(properties.retryFor()));
        audit(
                actor,
                "WEBHOOK_MESSAGE_REPLAYED",
                subscriptionId,
                Map.of("messageId", messageId.toString(), "status", message.status()),
                Map.of("messageId", messageId.toString(), "status", "PENDING"),
                now);
        io.lyceum.tenancy.TenantId tenant = io.lyceum.tenancy.TenantContext.require();
        io.lyceum.platform.AfterTransaction.run(() -> dispatcher.due(tenant, now));
        return messages.find(subscriptionId, messageId).orElseThrow();
    }

    private static LyceumException messageNotFound() {
        return LyceumException.notFound("webhook.message_not_found", "No such message for this subscription.");
    }

    private @Nullable String validUrl(@Nullable String url, List<FieldError> errors) {
        for (String problem : deliveries.policy().problems(url)) {
            errors.add(new FieldError("url", problem));
        }
        return url == null ? null : url.trim();
    }

    private static List<String> validTypes(@Nullable List<String> types, List<FieldError> errors) {
        if (types == null || types.isEmpty()) {
            errors.add(new FieldError("eventTypes", "choose at least one event type"));
            return List.of();
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (type == null || EventType.fromWire(type).isEmpty()) {
                errors.add(new FieldError("eventTypes[" + i + "]", "unknown event type " + type));
            } else {
                distinct.add(type);
            }
        }
        return List.copyOf(distinct);
    }

    private static @Nullable String validDescription(@Nullable String description, List<FieldError> errors) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return description.strip();
    }

    private static void refuseIfInvalid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw LyceumException.invalid(
                    "webhook.invalid_subscription", "The webhook subscription is not valid.", errors);
        }
    }

    private static Map<String, Object> state(Subscription s) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("url", s.url());
        state.put("eventTypes", s.eventTypes());
        state.put("enabled", s.enabled());
        if (s.description() != null) {
            state.put("description", s.description());
        }
        return state;
    }

    private void audit(
            CurrentUser actor,
            String action,
            UUID subject,
            Map<String, Object> before,
            Map<String, Object> after,
            Instant at) {
        events.publishEvent(AdministrativeAction.of(
                actor.tenantId().value(), actor.userId().value(), action, SUBJECT, subject, before, after, null, at));
    }
}
