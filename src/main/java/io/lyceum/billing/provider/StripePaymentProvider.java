package io.lyceum.billing.provider;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PayoutCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.TransferCreateParams;
import io.lyceum.billing.BillingProperties;
import io.lyceum.shared.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe adapter (stripe-java's {@link StripeClient}), active with {@code lyceum.payments.provider=stripe}.
 *
 * <ul>
 *   <li>Payments are PaymentIntents created with {@code confirm=true}. With a {@code return_url} a 3-D Secure challenge
 *       comes back as {@code requires_action} with {@code next_action.redirect_to_url}; without one, redirect-based
 *       methods are excluded ({@code automatic_payment_methods[allow_redirects]=never}) so confirmation never needs a
 *       URL. A card decline, which stripe-java throws as a {@link CardException}, is returned as the intent in
 *       {@code requires_payment_method} with Stripe's decline code and message, like the sandbox does.
 *   <li>Every creating call sends an {@code Idempotency-Key}; repeated calls return Stripe's first answer.
 *   <li>Tutors are Connect <b>Express</b> accounts (Stripe hosts onboarding and identity checks; the tutor's bank
 *       account, when we have one, is given as the external account). A payout is a <b>Transfer</b> from the platform
 *       balance to the connected account followed by a <b>Payout</b> on that account (the {@code Stripe-Account}
 *       header) to the tutor's bank, so the money leaves when the tutor withdraws rather than on Stripe's automatic
 *       schedule, and a failed payout shows on the connected account as Stripe reports it.
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "lyceum.payments.provider", havingValue = "stripe")
public class StripePaymentProvider implements PaymentProvider {

    static final String NAME = "stripe";
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final StripeClient stripe;
    private final int networkRetries;
    private final BillingProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    @Autowired
    public StripePaymentProvider(BillingProperties properties, Clock clock, JsonMapper json) {
        this(properties, clock, json, 2);
    }

    /** {@code networkRetries}: how often stripe-java repeats a request after a network error or a 5xx/409. */
    public StripePaymentProvider(BillingProperties properties, Clock clock, JsonMapper json, int networkRetries) {
        String apiKey = properties.stripe().apiKey();
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("lyceum.payments.provider=stripe needs a secret API key: set"
                    + " LYCEUM_STRIPE_API_KEY (lyceum.payments.stripe.api-key, sk_test_... or sk_live_...)");
        }
        if (properties.webhookSecret() == null
                || properties.webhookSecret().isBlank()
                || io.lyceum.platform.ProductionMode.isPublished(properties.webhookSecret())) {
            throw new IllegalStateException("lyceum.payments.provider=stripe needs the webhook endpoint's signing"
                    + " secret: set LYCEUM_STRIPE_WEBHOOK_SECRET (lyceum.payments.webhook-secret, whsec_...)");
        }
        this.stripe = StripeClient.builder()
                .setApiKey(apiKey)
                .setApiBase(properties.stripe().apiBase())
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS)
                .setMaxNetworkRetries(networkRetries)
                .build();
        this.networkRetries = networkRetries;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- customers and payment methods

    @Override
    public String createCustomer(UUID userId, @Nullable String email, @Nullable String name, String idempotencyKey) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                .setEmail(email)
                .setName(name)
                .putMetadata("userId", userId.toString())
                .build();
        Customer customer = call(() -> stripe.v1().customers().create(params, idempotent(idempotencyKey)));
        return customer.getId();
    }

    @Override
    public ProviderPaymentMethod attachPaymentMethod(String customerId, String token) {
        PaymentMethodAttachParams params =
                PaymentMethodAttachParams.builder().setCustomer(customerId).build();
        PaymentMethod method = call(() -> stripe.v1().paymentMethods().attach(token, params));
        return method(method);
    }

    @Override
    public void detachPaymentMethod(String paymentMethodId) {
        call(() -> stripe.v1().paymentMethods().detach(paymentMethodId));
    }

    static ProviderPaymentMethod method(PaymentMethod method) {
        PaymentMethod.Card card = method.getCard();
        if (card != null) {
            return new ProviderPaymentMethod(
                    method.getId(),
                    method.getCustomer(),
                    card.getBrand(),
                    card.getLast4(),
                    card.getExpMonth() == null ? 0 : card.getExpMonth().intValue(),
                    card.getExpYear() == null ? 0 : card.getExpYear().intValue(),
                    card.getFunding());
        }
        // a bank debit and the like: no expiry
        String last4 = method.getSepaDebit() != null
                ? method.getSepaDebit().getLast4()
                : method.getBacsDebit() != null
                        ? method.getBacsDebit().getLast4()
                        : method.getUsBankAccount() != null
                                ? method.getUsBankAccount().getLast4()
                                : "";
        return new ProviderPaymentMethod(
                method.getId(), method.getCustomer(), method.getType(), last4, 0, 0, method.getType());
    }

    // ---- payment intents

    @Override
    public ProviderPayment createPayment(PaymentRequest request) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().amount())
                .setCurrency(request.amount().currencyCode().toLowerCase(Locale.ROOT))
                .setPaymentMethod(request.paymentMethodId())
                .setConfirm(true)
                .setDescription(request.description())
                .addExpand("latest_charge");
        if (request.customerId() != null) {
            params.setCustomer(request.customerId());
        }
        if (request.metadata() != null) {
            params.putAllMetadata(request.metadata());
        }
        if (request.returnUrl() != null && !request.returnUrl().isBlank()) {
            params.setReturnUrl(request.returnUrl());
        } else {
            params.setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                    .setEnabled(true)
                    .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                    .build());
        }
        try {
            return payment(stripe.v1().paymentIntents().create(params.build(), idempotent(request.idempotencyKey())));
        } catch (CardException e) {
            return declined(e);
        } catch (StripeException e) {
            throw map(e);
        }
    }

    /** A decline: Stripe answers 402 with the intent (now {@code requires_payment_method}) inside the error. */
    private ProviderPayment declined(CardException e) {
        StripeError error = e.getStripeError();
        PaymentIntent intent = error == null ? null : error.getPaymentIntent();
        if (intent == null) {
            throw new ProviderException(
                    e.getDeclineCode() != null ? e.getDeclineCode() : String.valueOf(e.getCode()), message(e), false);
        }
        ProviderPayment payment = payment(intent);
        if (payment.failureCode() != null) {
            return payment;
        }
        // older shapes: the error itself carries the reason
        return new ProviderPayment(
                payment.id(),
                ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                payment.amount(),
                payment.amountRefunded(),
                payment.customerId(),
                payment.paymentMethodId(),
                null,
                e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(),
                message(e),
                payment.metadata(),
                payment.created());
    }

    @Override
    public ProviderPayment retrievePayment(String paymentId) {
        PaymentIntentRetrieveParams params =
                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();
        return payment(
                call(() -> stripe.v1().paymentIntents().retrieve(paymentId, params, RequestOptions.getDefault())));
    }

    /** Connect and read timeouts, for the first try and each network retry. */
    @Override
    public java.time.Duration longestCall() {
        return java.time.Duration.ofMillis((long) (CONNECT_TIMEOUT_MS + READ_TIMEOUT_MS) * (networkRetries + 1));
    }

    /** Stripe's search: {@code metadata['attemptId']:'...'}. */
    @Override
    public Optional<ProviderPayment> findPaymentOfAttempt(String attemptId) {
        if (!attemptId.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("Not an attempt id: " + attemptId);
        }
        PaymentIntentSearchParams params = PaymentIntentSearchParams.builder()
                .setQuery("metadata['attemptId']:'" + attemptId + "'")
                .setLimit(1L)
                .addExpand("data.latest_charge")
                .build();
        return call(() -> stripe.v1().paymentIntents().search(params)).getData().stream()
                .findFirst()
                .map(StripePaymentProvider::payment);
    }

    @Override
    public ProviderPayment cancelPayment(String paymentId) {
        PaymentIntentCancelParams params =
                PaymentIntentCancelParams.builder().addExpand("latest_charge").build();
        return payment(call(() -> stripe.v1().paymentIntents().cancel(paymentId, params)));
    }

    static ProviderPayment payment(PaymentIntent pi) {
        StripeError error = pi.getLastPaymentError();
        String failureCode = null;
        String failureMessage = null;
        if (error != null) {
            failureCode = error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
            failureMessage = error.getMessage();
        }
        String nextActionUrl = null;
        if (pi.getNextAction() != null && pi.getNextAction().getRedirectToUrl() != null) {
            nextActionUrl = pi.getNextAction().getRedirectToUrl().getUrl();
        }
        Charge charge = pi.getLatestChargeObject();
        long refunded = charge == null || charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        return new ProviderPayment(
                pi.getId(),
                StripeEvents.status(pi.getStatus()),
                money(pi.getAmount(), pi.getCurrency()),
                refunded,
                pi.getCustomer(),
                pi.getPaymentMethod(),
                nextActionUrl,
                failureCode,
                failureMessage,
                pi.getMetadata() == null ? Map.of() : new LinkedHashMap<>(pi.getMetadata()),
                pi.getCreated() == null ? null : Instant.ofEpochSecond(pi.getCreated()));
    }

    // ---- refunds

    @Override
    public ProviderRefund refund(String paymentId, Money amount, String idempotencyKey, Map<String, String> metadata) {
        RefundCreateParams.Builder params =
                RefundCreateParams.builder().setPaymentIntent(paymentId).setAmount(amount.amount());
        if (metadata != null) {
            params.putAllMetadata(metadata);
        }
        Refund refund = call(() -> stripe.v1().refunds().create(params.build(), idempotent(idempotencyKey)));
        return new ProviderRefund(
                refund.getId(),
                refund.getPaymentIntent(),
                money(refund.getAmount(), refund.getCurrency()),
                switch (String.valueOf(refund.getStatus())) {
                    case "succeeded" -> "SUCCEEDED";
                    case "failed", "canceled" -> "FAILED";
                    default -> "PENDING";
                },
                refund.getMetadata() == null ? Map.of() : new LinkedHashMap<>(refund.getMetadata()));
    }

    // ---- Connect

    @Override
    public ProviderAccount createConnectedAccount(
            UUID tutorId,
            @Nullable String email,
            String country,
            @Nullable String bankAccountNumber,
            String idempotencyKey) {
        String accountCountry =
                country == null || country.isBlank() ? properties.stripe().connectCountry() : country;
        AccountCreateParams.Builder params = AccountCreateParams.builder()
                .setType(AccountCreateParams.Type.EXPRESS)
                .setCountry(accountCountry)
                .setEmail(email)
                .setCapabilities(AccountCreateParams.Capabilities.builder()
                        .setTransfers(AccountCreateParams.Capabilities.Transfers.builder()
                                .setRequested(true)
                                .build())
                        .build())
                // money leaves when the tutor withdraws (our Payout), not on Stripe's automatic schedule
                .setSettings(AccountCreateParams.Settings.builder()
                        .setPayouts(AccountCreateParams.Settings.Payouts.builder()
                                .setSchedule(AccountCreateParams.Settings.Payouts.Schedule.builder()
                                        .setInterval(AccountCreateParams.Settings.Payouts.Schedule.Interval.MANUAL)
                                        .build())
                                .build())
                        .build())
                .putMetadata("tutorId", tutorId.toString());
        if (bankAccountNumber != null && !bankAccountNumber.isBlank()) {
            params.putExtraParam("external_account", bankAccount(accountCountry, bankAccountNumber));
        }
        Account account = call(() -> stripe.v1().accounts().create(params.build(), idempotent(idempotencyKey)));
        boolean payoutsEnabled = Boolean.TRUE.equals(account.getPayoutsEnabled());
        String onboardingUrl = null;
        String base = properties.publicBaseUrl();
        if (!payoutsEnabled && base != null && !base.isBlank()) {
            String root = base.replaceAll("/+$", "");
            AccountLinkCreateParams link = AccountLinkCreateParams.builder()
                    .setAccount(account.getId())
                    .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                    .setRefreshUrl(root + "/wallet?onboarding=refresh")
                    .setReturnUrl(root + "/wallet?onboarding=done")
                    .build();
            onboardingUrl = call(() -> stripe.v1().accountLinks().create(link)).getUrl();
        }
        return new ProviderAccount(account.getId(), payoutsEnabled, onboardingUrl);
    }

    /**
     * The external account's form fields. {@code number} is an IBAN (used as the account number, as Stripe accepts), or
     * {@code ROUTING/ACCOUNT} (a US routing number or a UK sort code, then the account number), or an account number
     * alone (Stripe's test numbers such as {@code 000123456789}, with Stripe's test routing number).
     */
    public static Map<String, Object> bankAccount(String country, String number) {
        String compact = number.replaceAll("\\s", "");
        Map<String, Object> bank = new LinkedHashMap<>();
        bank.put("object", "bank_account");
        String accountCountry =
                compact.matches("[A-Za-z]{2}\\d{2}.*") ? compact.substring(0, 2).toUpperCase(Locale.ROOT) : country;
        bank.put("country", accountCountry);
        bank.put(
                "currency",
                Currency.getInstance(Locale.of("", accountCountry))
                        .getCurrencyCode()
                        .toLowerCase(Locale.ROOT));
        int slash = compact.indexOf('/');
        if (slash > 0) {
            bank.put("routing_number", compact.substring(0, slash).replace("-", ""));
            bank.put("account_number", compact.substring(slash + 1));
        } else {
            bank.put("account_number", compact);
            if ("US".equals(accountCountry)) {
                bank.put("routing_number", "110000000");
            }
        }
        return bank;
    }

    /**
     * Transfer then payout. Both carry an idempotency key derived from the caller's, so a retry after a failure between
     * the two repeats neither the transfer nor the payout.
     */
    @Override
    public ProviderPayout payout(String accountId, Money amount, String idempotencyKey, Map<String, String> metadata) {
        String currency = amount.currencyCode().toLowerCase(Locale.ROOT);
        Map<String, String> tags = metadata == null ? Map.of() : metadata;
        TransferCreateParams transfer = TransferCreateParams.builder()
                .setAmount(amount.amount())
                .setCurrency(currency)
                .setDestination(accountId)
                .putAllMetadata(tags)
                .build();
        call(() -> stripe.v1().transfers().create(transfer, idempotent(idempotencyKey + ":transfer")));
        PayoutCreateParams payoutParams = PayoutCreateParams.builder()
                .setAmount(amount.amount())
                .setCurrency(currency)
                .putAllMetadata(tags)
                .build();
        RequestOptions onAccount = RequestOptions.builder()
                .setIdempotencyKey(idempotencyKey + ":payout")
                .setStripeAccount(accountId)
                .build();
        Payout payout = call(() -> stripe.v1().payouts().create(payoutParams, onAccount));
        return new ProviderPayout(
                payout.getId(),
                accountId,
                money(payout.getAmount(), payout.getCurrency()),
                String.valueOf(payout.getStatus()).toUpperCase(Locale.ROOT),
                payout.getFailureCode(),
                payout.getFailureMessage(),
                payout.getMetadata() == null ? Map.of() : new LinkedHashMap<>(payout.getMetadata()));
    }

    // ---- reconciliation and webhooks

    @Override
    public List<ProviderPayment> listPayments(Instant from, Instant to) {
        PaymentIntentListParams params = PaymentIntentListParams.builder()
                .setCreated(PaymentIntentListParams.Created.builder()
                        .setGte(from.getEpochSecond())
                        .setLt(to.getEpochSecond())
                        .build())
                .setLimit(100L)
                .addExpand("data.latest_charge")
                .build();
        List<ProviderPayment> payments = new ArrayList<>();
        call(() -> {
            for (PaymentIntent intent :
                    stripe.v1().paymentIntents().list(params).autoPagingIterable()) {
                payments.add(payment(intent));
            }
            return payments;
        });
        return payments;
    }

    @Override
    public ProviderEvent parseWebhook(String payload, @Nullable String signatureHeader) {
        return StripeEvents.verifyAndParse(
                payload, signatureHeader, properties.webhookSecret(), properties.webhookTolerance(), clock, json);
    }

    // ---- plumbing

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw map(e);
        } catch (RuntimeException e) {
            // auto-pagination wraps the exceptions of later pages
            if (e.getCause() instanceof StripeException stripeException) {
                throw map(stripeException);
            }
            throw e;
        }
    }

    /** Stripe's error as ours: its code and message; retryable for network failures, rate limits and 5xx. */
    static ProviderException map(StripeException e) {
        Integer status = e.getStatusCode();
        if (e instanceof ApiConnectionException) {
            return new ProviderException("provider_unavailable", "Stripe cannot be reached.", true);
        }
        if (e instanceof RateLimitException || (status != null && status == 429)) {
            return new ProviderException("rate_limit", "Stripe is rate limiting requests; try again shortly.", true);
        }
        boolean serverError = status != null && status >= 500;
        String code = e instanceof CardException card && card.getDeclineCode() != null
                ? card.getDeclineCode()
                : e.getCode() != null
                        ? e.getCode()
                        : e.getStripeError() != null && e.getStripeError().getType() != null
                                ? e.getStripeError().getType()
                                : serverError ? "provider_unavailable" : "provider_error";
        return new ProviderException(code, message(e), serverError);
    }

    private static String message(StripeException e) {
        StripeError error = e.getStripeError();
        if (error != null && error.getMessage() != null) {
            return error.getMessage();
        }
        return "The payment provider refused the request.";
    }

    private static RequestOptions idempotent(String key) {
        return key == null
                ? RequestOptions.getDefault()
                : RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static Money money(Long amount, String currency) {
        return Money.of(amount == null ? 0 : amount, currency == null ? "XXX" : currency.toUpperCase(Locale.ROOT));
    }
}
