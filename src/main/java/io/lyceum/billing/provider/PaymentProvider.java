package io.lyceum.billing.provider;

import io.lyceum.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The payment provider port, shaped after Stripe's API: customers with saved payment methods, payment intents that are
 * created and confirmed in one call, refunds, connected accounts for tutors and payouts to them, and webhook events
 * signed as Stripe signs them. Adapters: {@code sandbox} (local, the default) and {@code stripe} (stripe-java).
 *
 * <p>Every call that moves money takes an idempotency key: repeating it returns the first result, so a retry after a
 * crash or a timeout never charges, refunds or pays out twice. Business failures (a declined card, an unknown payment
 * method) are {@link ProviderException}s carrying the provider's code and message.
 */
public interface PaymentProvider {

    /** The adapter's name, stored with each payment: {@code sandbox} or {@code stripe}. */
    String name();

    String createCustomer(UUID userId, @Nullable String email, @Nullable String name, String idempotencyKey);

    /**
     * Attaches a payment method to a customer. {@code token} is what the client got from the provider's browser SDK
     * (Stripe.js) or one of Stripe's test tokens such as {@code pm_card_visa}.
     */
    ProviderPaymentMethod attachPaymentMethod(String customerId, String token);

    void detachPaymentMethod(String paymentMethodId);

    /**
     * Creates and confirms a payment intent. A decline is returned as an intent in
     * {@link ProviderPaymentStatus#REQUIRES_PAYMENT_METHOD} with the failure code and message (as Stripe reports it
     * on the intent's last payment error), not thrown.
     */
    ProviderPayment createPayment(PaymentRequest request);

    ProviderPayment retrievePayment(String paymentId);

    /**
     * The intent created for one of our payment attempts (its {@code attemptId} metadata), if the provider made one:
     * how the recovery job learns what became of an attempt whose answer never reached us. Stripe answers from its
     * search index, which may lag a new intent by up to a minute; the recovery job asks only about older attempts.
     */
    Optional<ProviderPayment> findPaymentOfAttempt(String attemptId);

    /**
     * The longest a call to this provider can take, its retries included: an attempt started longer ago than this can
     * no longer be waiting for its answer, so one the provider has no intent for may be abandoned.
     */
    Duration longestCall();

    /** Cancels an intent that has not succeeded (an abandoned 3-D Secure challenge, a cancelled order). */
    ProviderPayment cancelPayment(String paymentId);

    /** Refunds part or all of a succeeded payment. */
    ProviderRefund refund(String paymentId, Money amount, String idempotencyKey, Map<String, String> metadata);

    /** A connected account a tutor is paid out to; {@code bankAccountNumber} may be null where onboarding collects it. */
    ProviderAccount createConnectedAccount(
            UUID tutorId,
            @Nullable String email,
            String country,
            @Nullable String bankAccountNumber,
            String idempotencyKey);

    /** Sends money from the platform to a connected account's bank. */
    ProviderPayout payout(String accountId, Money amount, String idempotencyKey, Map<String, String> metadata);

    /** Payments created in the window, for reconciliation. */
    List<ProviderPayment> listPayments(Instant from, Instant to);

    /**
     * Verifies a webhook's signature (before anything is parsed) and parses the event.
     *
     * @throws ProviderException with code {@code webhook.invalid_signature} when the signature or its timestamp is bad
     */
    ProviderEvent parseWebhook(String payload, @Nullable String signatureHeader);

    /** What to charge: metadata carries {@code tenantId} and {@code orderId} back in the webhooks. */
    record PaymentRequest(
            Money amount,
            @Nullable String customerId,
            String paymentMethodId,
            String description,
            Map<String, String> metadata,
            @Nullable String returnUrl,
            String idempotencyKey) {}

    record ProviderPaymentMethod(
            String id, String customerId, String brand, String last4, int expMonth, int expYear, String funding) {}

    record ProviderPayment(
            String id,
            ProviderPaymentStatus status,
            Money amount,
            long amountRefunded,
            @Nullable String customerId,
            @Nullable String paymentMethodId,
            @Nullable String nextActionUrl,
            @Nullable String failureCode,
            @Nullable String failureMessage,
            Map<String, String> metadata,
            @Nullable Instant created) {}

    enum ProviderPaymentStatus {
        REQUIRES_PAYMENT_METHOD,
        REQUIRES_ACTION,
        PROCESSING,
        SUCCEEDED,
        CANCELED
    }

    /** status: {@code PENDING}, {@code SUCCEEDED} or {@code FAILED}. */
    record ProviderRefund(
            String id, @Nullable String paymentId, Money amount, String status, Map<String, String> metadata) {}

    record ProviderAccount(
            String id, boolean payoutsEnabled, @Nullable String onboardingUrl) {}

    /** status: {@code PENDING}, {@code IN_TRANSIT}, {@code PAID}, {@code FAILED} or {@code CANCELED}. */
    record ProviderPayout(
            String id,
            @Nullable String accountId,
            Money amount,
            String status,
            @Nullable String failureCode,
            @Nullable String failureMessage,
            Map<String, String> metadata) {}

    /**
     * A verified webhook event. Exactly one of payment, refund and payout is set for the event types billing handles
     * ({@code payment_intent.*}, {@code charge.refund.updated} / {@code refund.*}, {@code payout.*}); others have none.
     */
    record ProviderEvent(
            String id,
            String type,
            Instant created,
            @Nullable ProviderPayment payment,
            @Nullable ProviderRefund refund,
            @Nullable ProviderPayout payout,
            Map<String, String> metadata) {}
}
