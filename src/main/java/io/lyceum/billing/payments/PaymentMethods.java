package io.lyceum.billing.payments;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.billing.payments.PaymentMethodStore.SavedMethod;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentMethod;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saved payment methods. The browser turns card details into a provider token (Stripe.js, the sandbox's tokenization
 * endpoint, or a Stripe test token such as {@code pm_card_visa}); attaching it creates the user's provider customer on
 * first use, attaches the token to it and keeps what is needed to show the card. Provider calls happen outside
 * Lyceum's transactions; the rows are written after the provider has answered.
 */
@Service
class PaymentMethods {

    private static final Logger log = LoggerFactory.getLogger(PaymentMethods.class);

    /** At most this many live saved methods per user. */
    static final int MAX_PER_USER = 20;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]{3,255}");

    /** What a checkout charges: the provider customer (null for a one-off token) and the provider's method id. */
    record Resolved(@Nullable String customerId, String providerMethodId) {}

    /** A saved method, and whether this call created it (false: it was saved already). */
    record Attached(SavedMethod method, boolean created) {}

    private final PaymentProvider provider;
    private final PaymentMethodStore store;
    private final AccountsApi accounts;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PaymentMethods(
            PaymentProvider provider,
            PaymentMethodStore store,
            AccountsApi accounts,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.provider = provider;
        this.store = store;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    PageResponse<SavedMethod> list(CurrentUser user, PageQuery page) {
        int total = store.countLive(user.tenantId(), user.userId().value(), provider.name());
        return PageResponse.of(
                store.listLive(user.tenantId(), user.userId().value(), provider.name(), page.size(), page.offset()),
                page,
                total);
    }

    Attached attach(CurrentUser user, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw LyceumException.invalid(
                    "payment_method.invalid",
                    "paymentMethodId is a provider token such as pm_... .",
                    java.util.List.of(
                            new io.lyceum.shared.FieldError("paymentMethodId", "must be a provider token (pm_...)")));
        }
        TenantId tenant = user.tenantId();
        String name = provider.name();
        if (store.countLive(tenant, user.userId().value(), name) >= MAX_PER_USER) {
            throw limitReached();
        }
        String customerId = customer(user);
        ProviderPaymentMethod method = provider.attachPaymentMethod(customerId, token);
        if (method.expYear() > 0
                && YearMonth.of(method.expYear(), Math.max(1, method.expMonth()))
                        .isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            detachQuietly(method.id());
            throw LyceumException.invalid(
                    "payment_method.expired",
                    "The card expired in " + method.expMonth() + "/" + method.expYear() + ".",
                    java.util.List.of());
        }
        Optional<Attached> attached = transaction.execute(status -> {
            store.lockCustomer(tenant, user.userId().value(), name);
            var existing = store.findLiveByProviderId(name, method.id());
            if (existing.isPresent()) {
                if (!existing.get().userId().equals(user.userId().value())) {
                    // the provider accepted it for this user's customer, so this cannot be another user's; be safe
                    throw LyceumException.conflict(
                            "payment_method.in_use", "This payment method is saved by another account.");
                }
                return Optional.of(new Attached(existing.get(), false));
            }
            if (store.countLive(tenant, user.userId().value(), name) >= MAX_PER_USER) {
                return Optional.empty();
            }
            SavedMethod saved = new SavedMethod(
                    Ids.newId(),
                    user.userId().value(),
                    name,
                    method.id(),
                    method.brand(),
                    method.last4(),
                    method.expMonth(),
                    method.expYear(),
                    method.funding(),
                    clock.instant(),
                    null);
            store.insert(tenant, saved);
            return Optional.of(new Attached(saved, true));
        });
        if (attached.isEmpty()) {
            // a concurrent attach took the last place
            detachQuietly(method.id());
            throw limitReached();
        }
        return attached.get();
    }

    void remove(CurrentUser user, UUID id) {
        SavedMethod method = store.findLive(user.tenantId(), user.userId().value(), id, provider.name())
                .orElseThrow(PaymentMethods::notFound);
        try {
            provider.detachPaymentMethod(method.providerMethodId());
        } catch (ProviderException e) {
            if (e.retryable()) {
                throw e;
            }
            // already detached or unknown at the provider: nothing left to detach
            log.info("Detaching {} at {}: {}", method.providerMethodId(), provider.name(), e.getMessage());
        }
        Boolean removed = transaction.execute(status -> store.markRemoved(user.tenantId(), id, clock.instant()));
        if (!Boolean.TRUE.equals(removed)) {
            throw notFound();
        }
    }

    /**
     * What to charge for a checkout's {@code paymentMethodId}: either the id of one of the caller's saved methods (a
     * UUID; another user's or a removed one is 404 {@code payment_method.not_found}), charged with the caller's
     * customer, or a raw provider token used once without a customer.
     */
    Resolved resolve(CurrentUser user, String paymentMethodId) {
        UUID savedId = uuid(paymentMethodId);
        if (savedId == null) {
            if (paymentMethodId == null || !TOKEN.matcher(paymentMethodId).matches()) {
                throw LyceumException.invalid(
                        "payment_method.invalid",
                        "paymentMethodId is a saved method's id or a provider token such as pm_... .",
                        java.util.List.of());
            }
            return new Resolved(null, paymentMethodId);
        }
        SavedMethod method = store.findLive(user.tenantId(), user.userId().value(), savedId, provider.name())
                .orElseThrow(PaymentMethods::notFound);
        String customerId = store.customerId(user.tenantId(), user.userId().value(), provider.name())
                .orElseThrow(PaymentMethods::notFound);
        return new Resolved(customerId, method.providerMethodId());
    }

    /** The user's provider customer, created on first use (the idempotency key makes concurrent first uses one). */
    private String customer(CurrentUser user) {
        TenantId tenant = user.tenantId();
        return store.customerId(tenant, user.userId().value(), provider.name()).orElseGet(() -> {
            UserSummary summary = accounts.findUser(user.userId()).orElse(null);
            String customerId = provider.createCustomer(
                    user.userId().value(),
                    summary == null ? null : summary.email(),
                    summary == null ? null : summary.fullName(),
                    "customer:" + tenant.value() + ":" + user.userId().value());
            Instant now = clock.instant();
            return transaction.execute(
                    status -> store.saveCustomer(tenant, user.userId().value(), provider.name(), customerId, now));
        });
    }

    private void detachQuietly(String providerMethodId) {
        try {
            provider.detachPaymentMethod(providerMethodId);
        } catch (ProviderException e) {
            log.warn("Could not detach {} at {}: {}", providerMethodId, provider.name(), e.getMessage());
        }
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LyceumException notFound() {
        return LyceumException.notFound("payment_method.not_found", "No saved payment method with this id.");
    }

    private static LyceumException limitReached() {
        return LyceumException.conflict(
                "payment_method.limit_reached",
                "At most " + MAX_PER_USER + " payment methods can be saved; remove one first.");
    }
}
