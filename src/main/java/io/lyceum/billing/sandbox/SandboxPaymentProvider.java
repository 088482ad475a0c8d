package io.lyceum.billing.sandbox;

import io.lyceum.billing.BillingProperties;
import io.lyceum.billing.provider.ChargeLimits;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.billing.provider.StripeEvents;
import io.lyceum.billing.sandbox.SandboxCards.Behaviour;
import io.lyceum.billing.sandbox.SandboxCards.Card;
import io.lyceum.billing.sandbox.SandboxCards.Decline;
import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Money;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local payment provider: Stripe's semantics kept in this database's {@code sandbox_*} tables. Payment intents are
 * created and confirmed in one call and decided by Stripe's test cards (success, declines with Stripe's codes,
 * 3-D Secure), refunds and payouts to connected accounts work, and every change writes a Stripe-shaped event that
 * {@link SandboxWebhookDispatcher} delivers, signed, to the webhook endpoint.
 *
 * <p>Its writes commit on their own (a new transaction), independent of the caller's: like a real provider, a payment
 * it made stays made even if the caller's transaction rolls back, and the webhook brings the news later.
 *
 * <p>It uses the application's connection pool like any other part of the application. It once needed a pool of its
 * own, because checkout called it while holding a connection and the order's row lock (ten concurrent checkouts held
 * all ten connections and waited for an eleventh). Billing now calls the provider with no transaction open, so a
 * sandbox call takes one connection at most, for the few milliseconds its own transaction lasts.
 */
@Component
@ConditionalOnProperty(name = "lyceum.payments.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentProvider.class);

    static final String NAME = "sandbox";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final TransactionTemplate ownTransaction;
    private final JsonMapper json;
    private final BillingProperties properties;
    private final Clock clock;
    private volatile @Nullable String webhookSecret;

    SandboxPaymentProvider(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            JsonMapper json,
            BillingProperties properties,
            Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.ownTransaction = newTransaction();
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** A transaction of its own, independent of any transaction of the caller. */
    TransactionTemplate newTransaction() {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    /** Queries of the sandbox (its dispatcher's too). */
    JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- customers and payment methods

    @Override
    public String createCustomer(UUID userId, @Nullable String email, @Nullable String name, String idempotencyKey) {
        return inOwnTransaction(() -> {
            Optional<String> existing = idFor("sandbox_customers", idempotencyKey);
            if (existing.isPresent()) {
                return existing.get();
            }
            String id = newId("cus_");
            jdbc.sql("""
                            INSERT INTO sandbox_customers (id, idempotency_key, email, name, created_at)
                            VALUES (:id, :key, :email, :name, :now)
                            """)
                    .param("id", id)
                    .param("key", idempotencyKey)
                    .param("email", email)
                    .param("name", name)
                    .param("now", now())
                    .update();
            return id;
        });
    }

    /**
     * Creates a payment method from a card, as Stripe.js does in the browser (the card number never reaches Lyceum's
     * API). Used by the sandbox's tokenization endpoint.
     */
    ProviderPaymentMethod tokenize(String number, int expMonth, int expYear) {
        Card card = SandboxCards.byNumber(number)
                .orElseThrow(() -> new ProviderException("incorrect_number", "Your card number is incorrect.", false));
        YearMonthCheck.requireNotExpired(expMonth, expYear, clock);
        return inOwnTransaction(() -> insertMethod(newId("pm_"), card, expMonth, expYear));
    }

    @Override
    public ProviderPaymentMethod attachPaymentMethod(String customerId, String token) {
        return inOwnTransaction(() -> {
            requireCustomer(customerId);
            String methodId = token;
            Optional<Card> testCard = SandboxCards.byTestToken(token);
            if (testCard.isPresent()) {
                // Stripe's test tokens make a new payment method each time they are used
                methodId = insertMethod(newId("pm_"), testCard.get(), 12, testCardExpiryYear())
                        .id();
            }
            int attached =
                    jdbc.sql("""
                            UPDATE sandbox_payment_methods SET customer_id = :c
                            WHERE id = :id AND detached_at IS NULL AND (customer_id IS NULL OR customer_id = :c)
                            """).param("c", customerId).param("id", methodId).update();
            if (attached == 0) {
                throw new ProviderException("resource_missing", "No such PaymentMethod: '" + token + "'.", false);
            }
            return method(methodId).orElseThrow();
        });
    }

    @Override
    public void detachPaymentMethod(String paymentMethodId) {
        inOwnTransaction(() -> jdbc.sql(
                        "UPDATE sandbox_payment_methods SET detached_at = :now WHERE id = :id AND detached_at IS NULL")
                .param("id", paymentMethodId)
                .param("now", now())
                .update());
    }

    // ---- payment intents

    @Override
    public ProviderPayment createPayment(PaymentRequest request) {
        // Stripe refuses such amounts before anything else, with these codes
        Optional<ProviderException> refused = ChargeLimits.refusal(request.amount());
        if (refused.isPresent()) {
            throw refused.get();
        }
        return inOwnTransaction(() -> {
            Optional<String> existing = idFor("sandbox_payment_intents", request.idempotencyKey());
            if (existing.isPresent()) {
                ProviderPayment first = intent(existing.get()).orElseThrow();
                if (!first.amount().equals(request.amount())) {
                    // Stripe compares the parameters of a repeated key and refuses different ones
                    throw new ProviderException(
                            "idempotency_error",
                            "Keys for idempotent requests can only be used with the same parameters they were first"
                                    + " used with.",
                            false);
                }
                return first;
            }
            // a Stripe test token (pm_card_visa) may be charged directly: it makes a new payment method each time
            StoredMethod method = storedMethod(request.paymentMethodId())
                    .or(() -> SandboxCards.byTestToken(request.paymentMethodId())
                            .flatMap(card -> storedMethod(insertMethod(newId("pm_"), card, 12, testCardExpiryYear())
                                    .id())))
                    .filter(m -> m.detachedAt() == null)
                    .orElseThrow(() -> new ProviderException(
                            "resource_missing", "No such PaymentMethod: '" + request.paymentMethodId() + "'.", false));
            if (method.customerId() != null
                    && request.customerId() != null
                    && !method.customerId().equals(request.customerId())) {
                throw new ProviderException(
                        "payment_method_not_attached",
                        "The PaymentMethod does not belong to the Customer you supplied.",
                        false);
            }
            String id = newId("pi_");
            Instant now = clock.instant();
            Behaviour behaviour = method.behaviour();
            String status;
            Decline decline = null;
            Instant settleAt = null;
            switch (behaviour) {
                case SUCCEED -> status = "succeeded";
                case REQUIRE_3DS -> status = "requires_action";
                case PROCESS_THEN_SUCCEED, PROCESS_THEN_FAIL -> {
                    status = "processing";
                    settleAt = now.plus(properties.sandbox().processingDelay());
                }
                default -> {
                    status = "requires_payment_method";
                    decline = behaviour.decline();
                }
            }
            jdbc.sql("""
                            INSERT INTO sandbox_payment_intents (id, idempotency_key, amount, currency, status,
                                customer_id, payment_method_id, description, metadata, return_url, failure_code,
                                decline_code, failure_message, settle_at, created_at, updated_at)
                            VALUES (:id, :key, :amount, :currency, :status, :customer, :pm, :description,
                                    CAST(:metadata AS jsonb), :returnUrl, :code, :declineCode, :message, :settle,
                                    :now, :now)
                            """)
                    .param("id", id)
                    .param("key", request.idempotencyKey())
                    .param("amount", request.amount().amount())
                    .param("currency", request.amount().currencyCode())
                    .param("status", status)
                    .param("customer", request.customerId())
                    .param("pm", method.id())
                    .param("description", request.description())
                    .param("metadata", json.writeValueAsString(orEmpty(request.metadata())))
                    .param("returnUrl", request.returnUrl())
                    .param("code", decline == null ? null : decline.code())
                    .param("declineCode", decline == null ? null : decline.declineCode())
                    .param("message", decline == null ? null : decline.message())
                    .param("settle", utc(settleAt))
                    .param("now", utc(now))
                    .update();
            emitIntentEvent(id, eventTypeFor(status));
            return intent(id).orElseThrow();
        });
    }

    @Override
    public ProviderPayment retrievePayment(String paymentId) {
        return intent(paymentId)
                .orElseThrow(() -> new ProviderException(
                        "resource_missing", "No such payment_intent: '" + paymentId + "'", false));
    }

    /** A sandbox call is one short transaction of its own; ten seconds leaves room for a loaded database. */
    @Override
    public java.time.Duration longestCall() {
        return java.time.Duration.ofSeconds(10);
    }

    @Override
    public Optional<ProviderPayment> findPaymentOfAttempt(String attemptId) {
        return jdbc.sql("SELECT * FROM sandbox_payment_intents WHERE metadata ->> 'attemptId' = :a"
                        + " ORDER BY created_at LIMIT 1")
                .param("a", attemptId)
                .query(this::mapIntent)
                .optional();
    }

    @Override
    public ProviderPayment cancelPayment(String paymentId) {
        return inOwnTransaction(() -> {
            ProviderPayment current = lockIntent(paymentId);
            if (current.status() == ProviderPaymentStatus.SUCCEEDED
                    || current.status() == ProviderPaymentStatus.PROCESSING) {
                throw new ProviderException(
                        "payment_intent_unexpected_state",
                        "You cannot cancel this PaymentIntent because it has a status of "
                                + current.status().name().toLowerCase(Locale.ROOT) + ".",
                        false);
            }
            if (current.status() != ProviderPaymentStatus.CANCELED) {
                updateIntentStatus(paymentId, "canceled", null);
                emitIntentEvent(paymentId, "payment_intent.canceled");
            }
            return intent(paymentId).orElseThrow();
        });
    }

    /**
     * Completes (or fails) a payment's 3-D Secure challenge, as the cardholder does on the bank's page. Returns the
     * intent afterwards; a challenge already answered is left as it is.
     */
    public ProviderPayment completeChallenge(String paymentId, boolean authenticated) {
        return inOwnTransaction(() -> {
            ProviderPayment current = lockIntent(paymentId);
            if (current.status() != ProviderPaymentStatus.REQUIRES_ACTION) {
                return current;
            }
            if (authenticated) {
                updateIntentStatus(paymentId, "succeeded", null);
                emitIntentEvent(paymentId, "payment_intent.succeeded");
            } else {
                updateIntentStatus(
                        paymentId,
                        "requires_payment_method",
                        new Decline(
                                "payment_intent_authentication_failure",
                                "authentication_failure",
                                "We are unable to authenticate your payment method. Please choose a different payment"
                                        + " method and try again."));
                emitIntentEvent(paymentId, "payment_intent.payment_failed");
            }
            return intent(paymentId).orElseThrow();
        });
    }

    /** What the 3-D Secure page shows: the intent, its description and where the cardholder returns afterwards. */
    record Challenge(
            ProviderPayment payment,
            String description,
            @Nullable String returnUrl) {}

    Optional<Challenge> challenge(String paymentId) {
        return jdbc.sql("SELECT description, return_url FROM sandbox_payment_intents WHERE id = :id")
                .param("id", paymentId)
                .query((rs, n) -> new String[] {rs.getString("description"), rs.getString("return_url")})
                .optional()
                .map(row -> new Challenge(retrievePayment(paymentId), row[0], row[1]));
    }

    /** Settles bank debits whose processing delay has passed; returns how many. */
    int settleProcessingPayments() {
        return inOwnTransaction(() -> {
            List<String> due =
                    jdbc.sql("""
                            SELECT i.id FROM sandbox_payment_intents i
                            WHERE i.settle_at <= :now AND i.status = 'processing'
                            ORDER BY i.settle_at LIMIT 100 FOR UPDATE SKIP LOCKED
                            """).param("now", now()).query(String.class).list();
            for (String id : due) {
                Behaviour behaviour = jdbc.sql("""
                                SELECT m.behaviour FROM sandbox_payment_intents i
                                JOIN sandbox_payment_methods m ON m.id = i.payment_method_id WHERE i.id = :id
                                """)
                        .param("id", id)
                        .query((rs, n) -> Behaviour.valueOf(rs.getString(1)))
                        .single();
                if (behaviour == Behaviour.PROCESS_THEN_FAIL) {
                    updateIntentStatus(id, "requires_payment_method", behaviour.decline());
                    emitIntentEvent(id, "payment_intent.payment_failed");
                } else {
                    updateIntentStatus(id, "succeeded", null);
                    emitIntentEvent(id, "payment_intent.succeeded");
                }
            }
            return due.size();
        });
    }

    // ---- refunds

    @Override
    public ProviderRefund refund(String paymentId, Money amount, String idempotencyKey, Map<String, String> metadata) {
        return inOwnTransaction(() -> {
            Optional<String> existing = idFor("sandbox_refunds", idempotencyKey);
            if (existing.isPresent()) {
                return refundById(existing.get());
            }
            ProviderPayment intent = lockIntent(paymentId);
            if (intent.status() != ProviderPaymentStatus.SUCCEEDED) {
                throw new ProviderException(
                        "charge_not_succeeded",
                        "This PaymentIntent does not have a successful charge to refund.",
                        false);
            }
            if (!intent.amount().currency().equals(amount.currency())
                    || intent.amountRefunded() + amount.amount()
                            > intent.amount().amount()) {
                throw new ProviderException(
                        "amount_too_large",
                        "Refund amount (" + amount + ") is greater than unrefunded amount on charge.",
                        false);
            }
            String id = newId("re_");
            jdbc.sql("""
                            INSERT INTO sandbox_refunds (id, idempotency_key, payment_intent_id, amount, currency,
                                                         status, metadata, created_at)
                            VALUES (:id, :key, :pi, :amount, :currency, 'succeeded', CAST(:metadata AS jsonb), :now)
                            """)
                    .param("id", id)
                    .param("key", idempotencyKey)
                    .param("pi", paymentId)
                    .param("amount", amount.amount())
                    .param("currency", amount.currencyCode())
                    .param("metadata", json.writeValueAsString(orEmpty(metadata)))
                    .param("now", now())
                    .update();
            jdbc.sql("UPDATE sandbox_payment_intents SET amount_refunded = amount_refunded + :a, updated_at = :now"
                            + " WHERE id = :id")
                    .param("a", amount.amount())
                    .param("id", paymentId)
                    .param("now", now())
                    .update();
            emit("refund.created", refundJson(id), null);
            return refundById(id);
        });
    }

    // ---- connected accounts and payouts

    @Override
    public ProviderAccount createConnectedAccount(
            UUID tutorId,
            @Nullable String email,
            String country,
            @Nullable String bankAccountNumber,
            String idempotencyKey) {
        return inOwnTransaction(() -> {
            Optional<String> existing = idFor("sandbox_accounts", idempotencyKey);
            if (existing.isPresent()) {
                return new ProviderAccount(existing.get(), true, null);
            }
            String id = newId("acct_");
            jdbc.sql("""
                            INSERT INTO sandbox_accounts (id, idempotency_key, email, country, bank_account,
                                                          payouts_enabled, created_at)
                            VALUES (:id, :key, :email, :country, :bank, TRUE, :now)
                            """)
                    .param("id", id)
                    .param("key", idempotencyKey)
                    .param("email", email)
                    .param("country", country)
                    .param("bank", bankAccountNumber)
                    .param("now", now())
                    .update();
            return new ProviderAccount(id, true, null);
        });
    }

    /**
     * Stripe's test bank accounts decide a payout: {@code 000111111116} fails with {@code no_account},
     * {@code 000111111113} with {@code account_closed}, {@code 000222222227} with {@code insufficient_funds}; any other
     * is paid after the processing delay.
     */
    @Override
    public ProviderPayout payout(String accountId, Money amount, String idempotencyKey, Map<String, String> metadata) {
        return inOwnTransaction(() -> {
            Optional<String> existing = idFor("sandbox_payouts", idempotencyKey);
            if (existing.isPresent()) {
                return payoutById(existing.get());
            }
            boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM sandbox_accounts WHERE id = :id)")
                    .param("id", accountId)
                    .query(Boolean.class)
                    .single();
            if (!known) {
                throw new ProviderException("resource_missing", "No such account: '" + accountId + "'.", false);
            }
            String id = newId("po_");
            jdbc.sql("""
                            INSERT INTO sandbox_payouts (id, idempotency_key, account_id, amount, currency, status,
                                                         metadata, settle_at, created_at)
                            VALUES (:id, :key, :account, :amount, :currency, 'pending', CAST(:metadata AS jsonb),
                                    :settle, :now)
                            """)
                    .param("id", id)
                    .param("key", idempotencyKey)
                    .param("account", accountId)
                    .param("amount", amount.amount())
                    .param("currency", amount.currencyCode())
                    .param("metadata", json.writeValueAsString(orEmpty(metadata)))
                    .param(
                            "settle",
                            utc(clock.instant().plus(properties.sandbox().processingDelay())))
                    .param("now", now())
                    .update();
            emit("payout.created", payoutJson(id), accountId);
            return payoutById(id);
        });
    }

    /** Pays out (or fails) payouts whose delay has passed; returns how many. */
    int settlePayouts() {
        return inOwnTransaction(() -> {
            List<String> due =
                    jdbc.sql("""
                            SELECT id FROM sandbox_payouts WHERE settle_at <= :now AND status = 'pending'
                            ORDER BY settle_at LIMIT 100 FOR UPDATE SKIP LOCKED
                            """).param("now", now()).query(String.class).list();
            for (String id : due) {
                String bank = jdbc.sql("""
                                SELECT a.bank_account FROM sandbox_payouts p
                                JOIN sandbox_accounts a ON a.id = p.account_id WHERE p.id = :id
                                """)
                        .param("id", id)
                        .query(String.class)
                        .optional()
                        .orElse(null);
                String[] failure =
                        switch (String.valueOf(bank)) {
                            case "000111111116" ->
                                new String[] {"no_account", "The bank account details on file are probably incorrect."};
                            case "000111111113" -> new String[] {"account_closed", "The bank account has been closed."};
                            case "000222222227" ->
                                new String[] {"insufficient_funds", "Your Stripe balance is too low."};
                            default -> null;
                        };
                jdbc.sql("UPDATE sandbox_payouts SET status = :s, failure_code = :c, failure_message = :m,"
                                + " settle_at = NULL WHERE id = :id")
                        .param("s", failure == null ? "paid" : "failed")
                        .param("c", failure == null ? null : failure[0])
                        .param("m", failure == null ? null : failure[1])
                        .param("id", id)
                        .update();
                String account = payoutById(id).accountId();
                emit(failure == null ? "payout.paid" : "payout.failed", payoutJson(id), account);
            }
            return due.size();
        });
    }

    @Override
    public List<ProviderPayment> listPayments(Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM sandbox_payment_intents WHERE created_at >= :from AND created_at < :to"
                        + " ORDER BY created_at, id")
                .param("from", utc(from))
                .param("to", utc(to))
                .query(this::mapIntent)
                .list();
    }

    /**
     * Verifies the signature with this installation's secret, then refuses an event about an object the sandbox never
     * created, or whose amount is not the amount it holds: a signature proves who signed, not that the intent exists.
     */
    @Override
    public ProviderEvent parseWebhook(String payload, @Nullable String signatureHeader) {
        ProviderEvent event = StripeEvents.verifyAndParse(
                payload, signatureHeader, webhookSecret(), properties.webhookTolerance(), clock, json);
        if (event.payment() != null) {
            ProviderPayment ours = intent(event.payment().id()).orElse(null);
            if (ours == null) {
                log.warn(
                        "Refused webhook {} ({}): the sandbox never created payment intent {}",
                        event.id(),
                        event.type(),
                        event.payment().id());
                throw new ProviderException(
                        "webhook.unknown_object",
                        "The event names a payment intent the provider never created.",
                        false);
            }
            if (!ours.amount().equals(event.payment().amount())) {
                log.warn(
                        "Refused webhook {} ({}): intent {} is for {}, the event says {}",
                        event.id(),
                        event.type(),
                        ours.id(),
                        ours.amount(),
                        event.payment().amount());
                throw new ProviderException(
                        "webhook.amount_mismatch", "The event's amount is not the payment intent's amount.", false);
            }
        } else if (event.refund() != null
                && !exists("sandbox_refunds", event.refund().id())) {
            log.warn(
                    "Refused webhook {} ({}): the sandbox never created refund {}",
                    event.id(),
                    event.type(),
                    event.refund().id());
            throw new ProviderException(
                    "webhook.unknown_object", "The event names a refund the provider never created.", false);
        }
        return event;
    }

    /**
     * The secret the sandbox signs its webhooks with: {@code lyceum.payments.webhook-secret} when set, else a random one
     * generated for this installation on first use and kept in {@code sandbox_secrets}, never in the source. Every
     * instance on the database reads the same row.
     */
    public String webhookSecret() {
        String secret = webhookSecret;
        if (secret == null) {
            String configured = properties.webhookSecret();
            secret = configured != null && !configured.isBlank() ? configured.trim() : storedWebhookSecret();
            webhookSecret = secret;
        }
        return secret;
    }

    private String storedWebhookSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String generated =
                "whsec_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return inOwnTransaction(() -> {
            jdbc.sql("""
                            INSERT INTO sandbox_secrets (name, value, created_at) VALUES ('webhook', :value, :now)
                            ON CONFLICT (name) DO NOTHING
                            """).param("value", generated).param("now", now()).update();
            return jdbc.sql("SELECT value FROM sandbox_secrets WHERE name = 'webhook'")
                    .query(String.class)
                    .single();
        });
    }

    /** {@code table} is one of this class's own. */
    private boolean exists(String table, String id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    // ---- events

    private static String eventTypeFor(String status) {
        return switch (status) {
            case "succeeded" -> "payment_intent.succeeded";
            case "requires_action" -> "payment_intent.requires_action";
            case "processing" -> "payment_intent.processing";
            case "canceled" -> "payment_intent.canceled";
            default -> "payment_intent.payment_failed";
        };
    }

    private void emitIntentEvent(String intentId, String type) {
        emit(type, intentJson(intentId), null);
    }

    /** Writes a Stripe-shaped event for delivery; the object is the state at the time of the event. */
    private void emit(String type, ObjectNode object, @Nullable String connectedAccount) {
        Instant now = clock.instant();
        ObjectNode event = json.createObjectNode();
        String id = newId("evt_");
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", "2025-09-30.clover");
        event.put("created", now.getEpochSecond());
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        if (connectedAccount != null) {
            event.put("account", connectedAccount);
        }
        event.put("type", type);
        jdbc.sql("""
                        INSERT INTO sandbox_events (id, type, payload, created_at, next_attempt_at)
                        VALUES (:id, :type, :payload, :now, :now)
                        """)
                .param("id", id)
                .param("type", type)
                .param("payload", json.writeValueAsString(event))
                .param("now", utc(now))
                .update();
    }

    /** What every sandbox object shares with its Stripe counterpart; each kind adds its own fields. */
    @FunctionalInterface
    private interface OwnFields {
        void addTo(ObjectNode object, ResultSet rs) throws SQLException;
    }

    /** A row of a sandbox table as the Stripe object it stands for. {@code table} is one of this class's. */
    private ObjectNode stripeObject(String table, String id, String type, OwnFields own) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> {
                    ObjectNode object = json.createObjectNode();
                    object.put("id", id);
                    object.put("object", type);
                    object.put("amount", rs.getLong("amount"));
                    object.put("currency", rs.getString("currency").toLowerCase(Locale.ROOT));
                    object.put("status", rs.getString("status"));
                    object.put(
                            "created",
                            SqlValues.requiredInstant(rs, "created_at").getEpochSecond());
                    object.set("metadata", json.readTree(rs.getString("metadata")));
                    own.addTo(object, rs);
                    return object;
                })
                .single();
    }

    private ObjectNode intentJson(String id) {
        return stripeObject("sandbox_payment_intents", id, "payment_intent", (pi, rs) -> {
            String status = rs.getString("status");
            pi.put("amount_received", "succeeded".equals(status) ? rs.getLong("amount") : 0);
            pi.put("amount_refunded", rs.getLong("amount_refunded"));
            pi.put("customer", rs.getString("customer_id"));
            pi.put("payment_method", rs.getString("payment_method_id"));
            pi.put("description", rs.getString("description"));
            pi.put("livemode", false);
            if (rs.getString("failure_code") != null) {
                ObjectNode error = pi.putObject("last_payment_error");
                error.put("type", "card_error");
                error.put("code", rs.getString("failure_code"));
                error.put("decline_code", rs.getString("decline_code"));
                error.put("message", rs.getString("failure_message"));
            } else {
                pi.putNull("last_payment_error");
            }
            if ("requires_action".equals(status)) {
                ObjectNode next = pi.putObject("next_action");
                next.put("type", "redirect_to_url");
                ObjectNode redirect = next.putObject("redirect_to_url");
                redirect.put("url", challengeUrl(id));
                redirect.put("return_url", rs.getString("return_url"));
            } else {
                pi.putNull("next_action");
            }
        });
    }

    private ObjectNode refundJson(String id) {
        return stripeObject(
                "sandbox_refunds",
                id,
                "refund",
                (re, rs) -> re.put("payment_intent", rs.getString("payment_intent_id")));
    }

    private ObjectNode payoutJson(String id) {
        return stripeObject("sandbox_payouts", id, "payout", (po, rs) -> {
            po.put("failure_code", rs.getString("failure_code"));
            po.put("failure_message", rs.getString("failure_message"));
        });
    }

    /** The sandbox's 3-D Secure challenge page (served by the sandbox's own controller). */
    String challengeUrl(String intentId) {
        String base =
                properties.publicBaseUrl() == null || properties.publicBaseUrl().isBlank()
                        ? ""
                        : properties.publicBaseUrl().replaceAll("/+$", "");
        return base + "/sandbox/3ds/" + intentId;
    }

    // ---- rows

    private record StoredMethod(
            String id,
            String customerId,
            Behaviour behaviour,
            @Nullable Instant detachedAt) {}

    private Optional<StoredMethod> storedMethod(String id) {
        return jdbc.sql("SELECT id, customer_id, behaviour, detached_at FROM sandbox_payment_methods WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new StoredMethod(
                        rs.getString("id"),
                        rs.getString("customer_id"),
                        Behaviour.valueOf(rs.getString("behaviour")),
                        SqlValues.instant(rs, "detached_at")))
                .optional();
    }

    private ProviderPaymentMethod insertMethod(String id, Card card, int expMonth, int expYear) {
        jdbc.sql("""
                        INSERT INTO sandbox_payment_methods (id, brand, last4, exp_month, exp_year, funding,
                                                             behaviour, created_at)
                        VALUES (:id, :brand, :last4, :month, :year, :funding, :behaviour, :now)
                        """)
                .param("id", id)
                .param("brand", card.brand())
                .param("last4", card.last4())
                .param("month", expMonth)
                .param("year", expYear)
                .param("funding", card.funding())
                .param("behaviour", card.behaviour().name())
                .param("now", now())
                .update();
        return method(id).orElseThrow();
    }

    private Optional<ProviderPaymentMethod> method(String id) {
        return jdbc.sql("SELECT * FROM sandbox_payment_methods WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new ProviderPaymentMethod(
                        rs.getString("id"),
                        rs.getString("customer_id"),
                        rs.getString("brand"),
                        rs.getString("last4"),
                        rs.getInt("exp_month"),
                        rs.getInt("exp_year"),
                        rs.getString("funding")))
                .optional();
    }

    private void requireCustomer(String customerId) {
        boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM sandbox_customers WHERE id = :id)")
                .param("id", customerId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new ProviderException("resource_missing", "No such customer: '" + customerId + "'.", false);
        }
    }

    private Optional<ProviderPayment> intent(String id) {
        return jdbc.sql("SELECT * FROM sandbox_payment_intents WHERE id = :id")
                .param("id", id)
                .query(this::mapIntent)
                .optional();
    }

    private ProviderPayment lockIntent(String id) {
        return jdbc.sql("SELECT * FROM sandbox_payment_intents WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::mapIntent)
                .optional()
                .orElseThrow(
                        () -> new ProviderException("resource_missing", "No such payment_intent: '" + id + "'", false));
    }

    private void updateIntentStatus(String id, String status, @Nullable Decline decline) {
        jdbc.sql("""
                        UPDATE sandbox_payment_intents SET status = :status, failure_code = :code,
                               decline_code = :declineCode, failure_message = :message, settle_at = NULL,
                               updated_at = :now
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("code", decline == null ? null : decline.code())
                .param("declineCode", decline == null ? null : decline.declineCode())
                .param("message", decline == null ? null : decline.message())
                .param("now", now())
                .update();
    }

    @SuppressWarnings("unchecked")
    private ProviderPayment mapIntent(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        String declineCode = rs.getString("decline_code");
        return new ProviderPayment(
                rs.getString("id"),
                StripeEvents.status(status),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                rs.getLong("amount_refunded"),
                rs.getString("customer_id"),
                rs.getString("payment_method_id"),
                "requires_action".equals(status) ? challengeUrl(rs.getString("id")) : null,
                declineCode != null ? declineCode : rs.getString("failure_code"),
                rs.getString("failure_message"),
                new LinkedHashMap<String, String>(json.readValue(rs.getString("metadata"), Map.class)),
                SqlValues.instant(rs, "created_at"));
    }

    @SuppressWarnings("unchecked")
    private ProviderRefund refundById(String id) {
        return jdbc.sql("SELECT * FROM sandbox_refunds WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new ProviderRefund(
                        rs.getString("id"),
                        rs.getString("payment_intent_id"),
                        Money.of(rs.getLong("amount"), rs.getString("currency")),
                        rs.getString("status").toUpperCase(Locale.ROOT),
                        json.readValue(rs.getString("metadata"), Map.class)))
                .single();
    }

    @SuppressWarnings("unchecked")
    private ProviderPayout payoutById(String id) {
        return jdbc.sql("SELECT * FROM sandbox_payouts WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new ProviderPayout(
                        rs.getString("id"),
                        rs.getString("account_id"),
                        Money.of(rs.getLong("amount"), rs.getString("currency")),
                        rs.getString("status").toUpperCase(Locale.ROOT),
                        rs.getString("failure_code"),
                        rs.getString("failure_message"),
                        json.readValue(rs.getString("metadata"), Map.class)))
                .single();
    }

    private Optional<String> idFor(String table, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        // serialise concurrent first uses of one key: the second waits for the first to commit, then finds its row
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))")
                .param("k", table + ":" + idempotencyKey)
                .query((rs, n) -> 1)
                .single();
        return jdbc.sql("SELECT id FROM " + table + " WHERE idempotency_key = :key")
                .param("key", idempotencyKey)
                .query(String.class)
                .optional();
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    private static Map<String, String> orEmpty(Map<String, String> metadata) {
        return metadata == null ? Map.of() : metadata;
    }

    /** Stripe's test tokens carry an expiry a few years ahead. */
    private int testCardExpiryYear() {
        return java.time.Year.now(clock.withZone(ZoneOffset.UTC)).getValue() + 3;
    }

    private static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Expiry check of a tokenized card, as Stripe.js makes it. */
    static final class YearMonthCheck {
        private YearMonthCheck() {}

        static void requireNotExpired(int month, int year, Clock clock) {
            if (month < 1 || month > 12) {
                throw new ProviderException("invalid_expiry_month", "Your card's expiration month is invalid.", false);
            }
            java.time.YearMonth now = java.time.YearMonth.now(clock.withZone(ZoneOffset.UTC));
            if (java.time.YearMonth.of(year, month).isBefore(now)) {
                throw new ProviderException(
                        "invalid_expiry_year", "Your card's expiration year is in the past.", false);
            }
        }
    }
}
