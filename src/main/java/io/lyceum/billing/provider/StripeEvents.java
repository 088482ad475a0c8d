package io.lyceum.billing.provider;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentStatus;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayout;
import io.lyceum.billing.provider.PaymentProvider.ProviderRefund;
import io.lyceum.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook format, shared by both adapters (the sandbox emits exactly what Stripe sends): the
 * {@code Stripe-Signature} header is verified with stripe-java before anything is parsed, then the event's object is
 * read into the provider-neutral records.
 */
public final class StripeEvents {

    private StripeEvents() {}

    /** Verifies the signature and its timestamp against {@code clock}, then parses. */
    public static ProviderEvent verifyAndParse(
            String payload,
            @Nullable String signatureHeader,
            String secret,
            Duration tolerance,
            Clock clock,
            JsonMapper json) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new ProviderException("webhook.invalid_signature", "The Stripe-Signature header is missing.", false);
        }
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, secret, tolerance.toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw new ProviderException("webhook.invalid_signature", e.getMessage(), false);
        }
        return parse(payload, json);
    }

    public static ProviderEvent parse(String payload, JsonMapper json) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (RuntimeException e) {
            throw new ProviderException("webhook.malformed", "The event is not valid JSON.", false);
        }
        String id = text(event, "id");
        String type = text(event, "type");
        JsonNode object = event.path("data").path("object");
        if (id == null || type == null || !object.isObject()) {
            throw new ProviderException("webhook.malformed", "The event has no id, type or data.object.", false);
        }
        Map<String, String> metadata = metadata(object);
        String objectType = text(object, "object");
        ProviderPayment payment = "payment_intent".equals(objectType) ? payment(object) : null;
        ProviderRefund refund = "refund".equals(objectType) ? refund(object) : null;
        ProviderPayout payout = "payout".equals(objectType) ? payout(object, text(event, "account")) : null;
        return new ProviderEvent(
                id, type, Instant.ofEpochSecond(event.path("created").asLong()), payment, refund, payout, metadata);
    }

    static ProviderPayment payment(JsonNode pi) {
        JsonNode error = pi.path("last_payment_error");
        String failureCode = null;
        String failureMessage = null;
        if (error.isObject()) {
            failureCode = text(error, "decline_code") != null ? text(error, "decline_code") : text(error, "code");
            failureMessage = text(error, "message");
        }
        JsonNode redirect = pi.path("next_action").path("redirect_to_url");
        return new ProviderPayment(
                id(pi),
                status(text(pi, "status")),
                money(pi.path("amount").asLong(), text(pi, "currency")),
                pi.path("amount_refunded").asLong(0),
                idOf(pi.path("customer")),
                idOf(pi.path("payment_method")),
                redirect.isObject() ? text(redirect, "url") : null,
                failureCode,
                failureMessage,
                metadata(pi),
                Instant.ofEpochSecond(pi.path("created").asLong()));
    }

    static ProviderRefund refund(JsonNode re) {
        return new ProviderRefund(
                id(re),
                idOf(re.path("payment_intent")),
                money(re.path("amount").asLong(), text(re, "currency")),
                switch (String.valueOf(text(re, "status"))) {
                    case "succeeded" -> "SUCCEEDED";
                    case "failed", "canceled" -> "FAILED";
                    default -> "PENDING";
                },
                metadata(re));
    }

    static ProviderPayout payout(JsonNode po, @Nullable String account) {
        return new ProviderPayout(
                id(po),
                account,
                money(po.path("amount").asLong(), text(po, "currency")),
                String.valueOf(text(po, "status")).toUpperCase(Locale.ROOT),
                text(po, "failure_code"),
                text(po, "failure_message"),
                metadata(po));
    }

    public static ProviderPaymentStatus status(@Nullable String stripeStatus) {
        return switch (String.valueOf(stripeStatus)) {
            case "succeeded" -> ProviderPaymentStatus.SUCCEEDED;
            case "processing" -> ProviderPaymentStatus.PROCESSING;
            case "requires_action", "requires_confirmation", "requires_capture" ->
                ProviderPaymentStatus.REQUIRES_ACTION;
            case "canceled" -> ProviderPaymentStatus.CANCELED;
            default -> ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD;
        };
    }

    private static Money money(long amount, @Nullable String currency) {
        return Money.of(amount, currency == null ? "XXX" : currency.toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> metadata(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode metadata = object.path("metadata");
        if (metadata.isObject()) {
            metadata.properties()
                    .forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        }
        return values;
    }

    /** An expandable field: either an id string or an object with an id. */
    private static @Nullable String idOf(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        return node.isObject() ? text(node, "id") : null;
    }

    /** The id of a payment, refund or payout object: every object Stripe sends has one. */
    private static String id(JsonNode object) {
        String id = text(object, "id");
        if (id == null) {
            throw new ProviderException("webhook.malformed", "The event's object has no id.", false);
        }
        return id;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
