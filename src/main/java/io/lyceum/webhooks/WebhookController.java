package io.lyceum.webhooks;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.BoundedList;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.webhooks.WebhookMessageStore.Attempt;
import io.lyceum.webhooks.WebhookMessageStore.Message;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@PreAuthorize("hasRole('ADMIN')")
@Tag(
        name = "Webhooks: outgoing",
        description = "Signed outgoing webhooks for integrators (Standard Webhooks); see docs/webhooks.md.")
class WebhookController {

    /** The event types are a closed set in code, well under this bound (see the API test). */
    static final int MAX_EVENT_TYPES = 100;

    private final WebhookSubscriptions subscriptions;

    WebhookController(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Schema(name = "WebhookEventType")
    record EventTypeView(String name, String description) {}

    @Schema(name = "WebhookSubscription")
    record SubscriptionView(
            UUID id,
            @Nullable String url,
            @Nullable String description,
            List<String> eventTypes,
            boolean enabled,

            @Schema(description = "why and when the endpoint was disabled (by a person or after failing continuously)")
            @Nullable
            String disabledReason,

            @Nullable Instant disabledAt,

            @Schema(description = "the start of the current run of failed deliveries; null while deliveries succeed")
            @Nullable
            Instant failingSince,

            @Schema(description = "until when the secret before the last rotation still signs beside the new one")
            @Nullable
            Instant previousSecretExpiresAt,

            UUID createdBy,
            Instant createdAt,
            Instant updatedAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(
                    s.id(),
                    s.url(),
                    s.description(),
                    s.eventTypes(),
                    s.enabled(),
                    s.disabledReason(),
                    s.disabledAt(),
                    s.failingSince(),
                    s.previousSecretExpiresAt(),
                    s.createdBy(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    @Schema(name = "WebhookSubscriptionWithSecret")
    record CreatedView(
            SubscriptionView subscription,

            @Schema(description = "whsec_<base64>: shown this once; verify signatures with it", example = "whsec_...")
            String secret) {}

    @Schema(name = "WebhookSubscriptionRequest")
    record SubscriptionRequest(
            @Schema(description = "https URL of the receiving endpoint", example = "https://example.com/lyceum-hooks")
            @Nullable
            String url,

            @Schema(description = "up to 500 characters") @Nullable
            String description,

            @Schema(description = "event type names, see GET /api/v1/webhooks/event-types") @Nullable
            List<String> eventTypes,

            @Schema(description = "default true on creation") @Nullable
            Boolean enabled) {
        WebhookSubscriptions.Changes changes() {
            return new WebhookSubscriptions.Changes(url, description, eventTypes, enabled);
        }
    }

    @Schema(name = "WebhookMessage")
    record MessageView(
            UUID id,

            @Schema(description = "the webhook-id header: the same for every attempt and replay of this message")
            String webhookId,

            UUID subscriptionId,
            String eventType,

            @Schema(description = "PENDING, SENDING, DELIVERED or FAILED (given up)")
            String status,

            int attempts,

            @Schema(description = "PENDING: the next attempt; SENDING: when the sender's lease ends") @Nullable
            Instant nextAttemptAt,

            @Nullable Instant giveUpAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            @Nullable Instant deliveredAt) {
        static MessageView of(Message m) {
            return new MessageView(
                    m.id(),
                    WebhookDeliveries.webhookId(m.id()),
                    m.subscriptionId(),
                    m.eventType(),
                    m.status(),
                    m.attempts(),
                    m.nextAttemptAt(),
                    m.giveUpAt(),
                    m.lastStatusCode(),
                    m.lastError(),
                    m.createdAt(),
                    m.deliveredAt());
        }
    }

    @Schema(name = "WebhookAttempt")
    record AttemptView(
            int attempt,
            Instant startedAt,
            long durationMs,
            boolean succeeded,
            @Nullable Integer statusCode,

            @Schema(description = "the start of the receiver's answer (at most 1 KiB)") @Nullable
            String responseExcerpt,

            @Nullable String error) {
        static AttemptView of(Attempt a) {
            return new AttemptView(
                    a.attempt(),
                    a.startedAt(),
                    a.durationMs(),
                    a.succeeded(),
                    a.statusCode(),
                    a.responseExcerpt(),
                    a.error());
        }
    }

    @Schema(name = "WebhookMessageDetail")
    record MessageDetailView(
            MessageView message,

            @Schema(description = "the exact body sent: {type, timestamp, data}")
            String payload,

            List<AttemptView> attempts) {}

    @GetMapping("/event-types")
    @Operation(
            summary = "The event types a subscription may ask for",
            description = "ADMIN or OWNER. booking.created, booking.confirmed, booking.cancelled, booking.completed, "
                    + "payment.succeeded, payment.refunded, payout.paid, review.created, user.registered, "
                    + "enrollment.started.")
    @BoundedList(MAX_EVENT_TYPES)
    List<EventTypeView> eventTypes() {
        return Arrays.stream(EventType.values())
                .map(t -> new EventTypeView(t.wireName(), t.description()))
                .toList();
    }

    @PostMapping("/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Subscribe an endpoint",
            description = "ADMIN or OWNER. Body {url, description?, eventTypes[], enabled?}. The answer holds the "
                    + "signing secret (whsec_...) this once. The URL must be https and resolve only to public "
                    + "addresses (in development http and local addresses are allowed). 422 "
                    + "`webhook.invalid_subscription` with errors[] for every problem (url, eventTypes[i], "
                    + "description).")
    CreatedView create(@AuthenticationPrincipal CurrentUser actor, @RequestBody SubscriptionRequest body) {
        WebhookSubscriptions.WithSecret created = subscriptions.create(actor, body.changes());
        return new CreatedView(SubscriptionView.of(created.subscription()), created.secret());
    }

    @GetMapping("/subscriptions")
    @Operation(summary = "The tenant's webhook subscriptions", description = "ADMIN or OWNER. Newest first, paged.")
    PageResponse<SubscriptionView> list(@Parameter(hidden = true) PageQuery page) {
        return subscriptions.list(page.requireSortable(Set.of())).map(SubscriptionView::of);
    }

    @GetMapping("/subscriptions/{id}")
    @Operation(
            summary = "A webhook subscription",
            description = "ADMIN or OWNER. 404 `webhook.subscription_not_found`.")
    SubscriptionView get(@PathVariable UUID id) {
        return SubscriptionView.of(subscriptions.get(id));
    }

    @PatchMapping("/subscriptions/{id}")
    @Operation(
            summary = "Change a webhook subscription",
            description = "ADMIN or OWNER. Any of {url, description, eventTypes, enabled}; omitted fields stay. "
                    + "Enabling a disabled endpoint clears its failure record; disabling stops new messages for it. "
                    + "422 `webhook.invalid_subscription` as on creation.")
    SubscriptionView update(
            @AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id, @RequestBody SubscriptionRequest body) {
        return SubscriptionView.of(subscriptions.update(actor, id, body.changes()));
    }

    @DeleteMapping("/subscriptions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a webhook subscription",
            description = "ADMIN or OWNER. Its queued messages and delivery log go with it.")
    void delete(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        subscriptions.delete(actor, id);
    }

    @PostMapping("/subscriptions/{id}/rotate-secret")
    @Operation(
            summary = "Rotate the signing secret",
            description = "ADMIN or OWNER. Answers the new secret this once. The previous secret keeps signing "
                    + "beside it (two v1 signatures in webhook-signature) until previousSecretExpiresAt "
                    + "(lyceum.webhooks.secret-rotation-overlap, 24 hours by default), so receivers can switch "
                    + "without losing a message.")
    CreatedView rotate(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        WebhookSubscriptions.WithSecret rotated = subscriptions.rotate(actor, id);
        return new CreatedView(SubscriptionView.of(rotated.subscription()), rotated.secret());
    }

    @GetMapping("/subscriptions/{id}/messages")
    @Operation(
            summary = "The delivery log of a subscription",
            description = "ADMIN or OWNER. Messages newest first, paged; filters status (PENDING, SENDING, "
                    + "DELIVERED, FAILED) and eventType. 422 `webhook.invalid_filter`.")
    PageResponse<MessageView> messages(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String eventType,
            @Parameter(hidden = true) PageQuery page) {
        return subscriptions
                .messages(id, status, eventType, page.requireSortable(Set.of()))
                .map(MessageView::of);
    }

    @GetMapping("/subscriptions/{id}/messages/{messageId}")
    @Operation(
            summary = "A message with its payload and every attempt",
            description = "ADMIN or OWNER. Each attempt: start, duration, status code, the start of the answer, "
                    + "error. 404 `webhook.message_not_found`.")
    MessageDetailView message(@PathVariable UUID id, @PathVariable UUID messageId) {
        WebhookSubscriptions.MessageDetail detail = subscriptions.message(id, messageId);
        return new MessageDetailView(
                MessageView.of(detail.message()),
                detail.message().payload(),
                detail.attempts().stream().map(AttemptView::of).toList());
    }

    @PostMapping("/subscriptions/{id}/messages/{messageId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send a message again",
            description = "ADMIN or OWNER. A delivered or given-up message is queued again under the same "
                    + "webhook-id (receivers that already have it ignore it) with a new 24-hour retry window. 409 "
                    + "`webhook.message_in_flight` while it is still queued, 409 `webhook.subscription_disabled` "
                    + "while the endpoint is disabled.")
    MessageView replay(
            @AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id, @PathVariable UUID messageId) {
        return MessageView.of(subscriptions.replay(actor, id, messageId));
    }
}
