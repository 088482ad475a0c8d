package io.lyceum.billing.ledger;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.billing.PayoutCompleted;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderAccount;
import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayout;
import io.lyceum.billing.provider.ProviderEventHandler;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tutors' payout accounts and withdrawals. A withdrawal is recorded and its money moved from available to in transit
 * in one short transaction; only after it commits is the provider's payout asked for, with no connection held (the
 * payout's idempotency key is derived from the withdrawal's id, its metadata carries {@code tenantId} and
 * {@code withdrawalId} for the webhooks), and its answer applied in a second short transaction. The provider's
 * {@code payout.paid} and {@code payout.failed} events finish it: paid money leaves provider clearing, failed money
 * goes back to available. A crash before the provider answered leaves the withdrawal PENDING without a payout id; the
 * recovery job (payments' {@code PaymentRecovery}) asks again with the same key.
 * One pending withdrawal per tutor (a partial unique index); the tutor's payout account row is locked while a
 * withdrawal is checked and recorded, so parallel requests are serialised per tutor.
 */
@Service
public class Withdrawals implements ProviderEventHandler {

    private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

    record PayoutAccount(
            UUID tutorId,
            String provider,
            String providerAccountId,
            String country,
            String bankLast4,
            boolean payoutsEnabled,
            Instant updatedAt) {}

    public record Withdrawal(
            UUID id,
            UUID tutorId,
            Money amount,
            String status,
            @Nullable String providerPayoutId,
            @Nullable String failureCode,
            @Nullable String failureMessage,
            Instant requestedAt,
            @Nullable Instant completedAt) {}

    record HistoryEntry(
            @Nullable String fromStatus,
            String toStatus,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            Instant at) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final AccountsApi accounts;
    private final WalletProperties properties;
    private final TransactionTemplate transactions;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    Withdrawals(
            JdbcClient jdbc,
            Ledger ledger,
            PaymentProvider provider,
            AccountsApi accounts,
            WalletProperties properties,
            TransactionTemplate transactions,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.provider = provider;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    // ---- payout accounts

    /**
     * Creates the tutor's connected account at the provider (no transaction open: the key makes a repeat return the
     * same account) and then keeps it, replacing an earlier one, in one statement.
     */
    public PayoutAccount setPayoutAccount(CurrentUser tutor, String country, String bankAccountNumber) {
        String email = accounts.findUser(tutor.userId()).map(UserSummary::email).orElse(null);
        String key = "acct:" + tenant() + ":" + tutor.userId().value() + ":" + country + ":" + bankAccountNumber;
        ProviderAccount account;
        try {
            account = provider.createConnectedAccount(tutor.userId().value(), email, country, bankAccountNumber, key);
        } catch (ProviderException e) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "wallet.payout_account_rejected",
                    "The provider refused: " + e.getMessage());
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO payout_accounts (tenant_id, tutor_id, provider, provider_account_id, country,
                                                     bank_last4, payouts_enabled, created_at, updated_at)
                        VALUES (:t, :tutor, :p, :acct, :country, :last4, :enabled, :now, :now)
                        ON CONFLICT (tenant_id, tutor_id) DO UPDATE
                            SET provider = :p, provider_account_id = :acct, country = :country, bank_last4 = :last4,
                                payouts_enabled = :enabled, updated_at = :now
                        """)
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .param("p", provider.name())
                .param("acct", account.id())
                .param("country", country)
                .param("last4", bankAccountNumber.substring(bankAccountNumber.length() - 4))
                .param("enabled", account.payoutsEnabled())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return payoutAccount(tutor.userId().value()).orElseThrow();
    }

    Optional<PayoutAccount> payoutAccount(UUID tutorId) {
        return jdbc.sql("SELECT * FROM payout_accounts WHERE tenant_id = :t AND tutor_id = :tutor")
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(Withdrawals::mapAccount)
                .optional();
    }

    // ---- withdrawals

    /**
     * Withdraws {@code amount} of the tutor's available earnings.
     *
     * @throws LyceumException 422 {@code wallet.below_minimum}; 409 {@code wallet.payout_account_required},
     *     {@code wallet.withdrawal_pending}, {@code wallet.insufficient_funds}; 503 {@code wallet.payout_unavailable}
     *     when the provider refuses the payout (nothing is recorded then)
     */
    public Withdrawal withdraw(CurrentUser tutor, Money amount) {
        UUID id = transactions.execute(tx -> record(tutor, amount));
        askProvider(id, true);
        return find(id).orElseThrow();
    }

    /**
     * The first, short transaction: checks the withdrawal, records it PENDING and moves its money to in transit, under
     * the tutor's payout account row lock. The provider is asked only after it commits.
     */
    private UUID record(CurrentUser tutor, Money amount) {
        long minimum = properties.minimumIn(amount.currency());
        if (!amount.isPositive() || amount.amount() < minimum) {
            throw LyceumException.invalid(
                    "wallet.below_minimum",
                    "The smallest withdrawal is " + Money.of(minimum, amount.currencyCode()) + ".",
                    List.of(new FieldError("amount.amount", "must be at least " + minimum)));
        }
        PayoutAccount account = jdbc.sql(
                        "SELECT * FROM payout_accounts WHERE tenant_id = :t AND tutor_id = :tutor FOR UPDATE")
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .query(Withdrawals::mapAccount)
                .optional()
                .orElseThrow(() -> LyceumException.conflict(
                        "wallet.payout_account_required",
                        "Add a payout account (PUT /api/v1/wallet/payout-account) before withdrawing."));
        if (!account.payoutsEnabled()) {
            throw LyceumException.conflict(
                    "wallet.payouts_disabled", "The provider has not enabled payouts to this account yet.");
        }
        if (pendingOf(tutor.userId().value())) {
            throw pendingConflict();
        }
        Money available =
                ledger.balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId().value(), amount.currency());
        if (amount.compareTo(available) > 0) {
            throw LyceumException.conflict(
                    "wallet.insufficient_funds", "Only " + available + " is available to withdraw.");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                            INSERT INTO withdrawals (id, tenant_id, tutor_id, amount, currency, status, provider,
                                                     provider_account_id, requested_at, updated_at)
                            VALUES (:id, :t, :tutor, :amount, :c, 'PENDING', :p, :acct, :now, :now)
                            """)
                    .param("id", id)
                    .param("t", tenant())
                    .param("tutor", tutor.userId().value())
                    .param("amount", amount.amount())
                    .param("c", amount.currencyCode())
                    .param("p", account.provider())
                    .param("acct", account.providerAccountId())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw pendingConflict();
        }
        history(id, null, "PENDING", tutor.userId().value(), tutor.role().name(), "requested", now);
        ledger.post(new Posting(
                "WITHDRAWAL",
                "withdrawal:" + id + ":requested",
                "Withdrawal to the bank account ending " + account.bankLast4(),
                null,
                null,
                null,
                now,
                List.of(
                        Line.debit(
                                LedgerAccountType.TUTOR_AVAILABLE,
                                tutor.userId().value(),
                                amount),
                        Line.credit(
                                LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT,
                                tutor.userId().value(),
                                amount))));
        return id;
    }

    /**
     * Asks the provider for a recorded withdrawal's payout, with no transaction open (the idempotency key is the
     * withdrawal's, so asking again returns the first payout), then applies the answer in a short transaction. A
     * refusal fails the withdrawal (its money goes back to available); a provider that cannot be reached leaves it
     * PENDING for the recovery job. {@code answerRefusal}: throw 503 {@code wallet.payout_unavailable} on a refusal
     * (the tutor is waiting for the answer).
     */
    public void askProvider(UUID id, boolean answerRefusal) {
        Optional<Withdrawal> pending =
                find(id).filter(w -> "PENDING".equals(w.status()) && w.providerPayoutId() == null);
        if (pending.isEmpty()) {
            return;
        }
        Withdrawal withdrawal = pending.get();
        String accountId = jdbc.sql("SELECT provider_account_id FROM withdrawals WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(String.class)
                .single();
        ProviderPayout payout;
        try {
            payout = provider.payout(
                    accountId,
                    withdrawal.amount(),
                    "payout:" + tenant() + ":" + id,
                    Map.of(
                            "tenantId", tenant().toString(),
                            "withdrawalId", id.toString(),
                            "tutorId", withdrawal.tutorId().toString()));
        } catch (ProviderException e) {
            if (e.retryable()) {
                log.warn("Payout of withdrawal {} could not be asked yet: {}", id, e.getMessage());
                return;
            }
            transactions.executeWithoutResult(tx -> finish(id, "FAILED", e.code(), e.getMessage()));
            if (answerRefusal) {
                throw new LyceumException(
                        ErrorKind.UNAVAILABLE,
                        "wallet.payout_unavailable",
                        "The payment provider refused the payout: " + e.getMessage());
            }
            return;
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE withdrawals SET provider_payout_id = :po WHERE tenant_id = :t AND id = :id"
                            + " AND provider_payout_id IS NULL")
                    .param("po", payout.id())
                    .param("t", tenant())
                    .param("id", id)
                    .update();
            // a provider that answers synchronously with the outcome (the webhook will repeat it, harmlessly)
            finish(id, payout.status(), payout.failureCode(), payout.failureMessage());
        });
    }

    /** Withdrawals recorded before {@code before} whose payout the provider never answered, oldest first. */
    public List<UUID> unanswered(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM withdrawals
                        WHERE tenant_id = :t AND status = 'PENDING' AND provider_payout_id IS NULL
                          AND requested_at < :before
                        ORDER BY requested_at LIMIT :limit
                        """)
                .param("t", tenant())
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    private static LyceumException pendingConflict() {
        return LyceumException.conflict(
                "wallet.withdrawal_pending", "A withdrawal is already on its way; wait until it is paid or failed.");
    }

    private boolean pendingOf(UUID tutorId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM withdrawals
                                       WHERE tenant_id = :t AND tutor_id = :tutor AND status = 'PENDING')
                        """)
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(Boolean.class)
                .single();
    }

    /** {@code payout.paid} / {@code payout.failed} / {@code payout.canceled} from the provider's webhooks. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(ProviderEvent event) {
        ProviderPayout payout = event.payout();
        if (payout == null || !event.type().startsWith("payout.")) {
            return;
        }
        String withdrawalId =
                payout.metadata() == null ? null : payout.metadata().get("withdrawalId");
        if (withdrawalId == null && event.metadata() != null) {
            withdrawalId = event.metadata().get("withdrawalId");
        }
        if (withdrawalId == null) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(withdrawalId);
        } catch (IllegalArgumentException e) {
            log.warn("Payout {} names no withdrawal: {}", payout.id(), withdrawalId);
            return;
        }
        String status =
                switch (event.type()) {
                    case "payout.paid" -> "PAID";
                    case "payout.failed" -> "FAILED";
                    case "payout.canceled" -> "CANCELED";
                    default -> null;
                };
        if (status != null) {
            finish(id, status, payout.failureCode(), payout.failureMessage());
        }
    }

    /**
     * Moves a PENDING withdrawal to PAID or FAILED once; any later or repeated news about it is ignored (a payout that
     * failed cannot be paid at Stripe, and a paid one does not fail afterwards).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void finish(
            UUID id, @Nullable String providerStatus, @Nullable String failureCode, @Nullable String failureMessage) {
        String next =
                switch (providerStatus == null ? "" : providerStatus.toUpperCase(java.util.Locale.ROOT)) {
                    case "PAID" -> "PAID";
                    case "FAILED", "CANCELED" -> "FAILED";
                    default -> null;
                };
        if (next == null) {
            return;
        }
        Optional<Withdrawal> locked = jdbc.sql("SELECT * FROM withdrawals WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(Withdrawals::map)
                .optional();
        if (locked.isEmpty()) {
            log.warn("Payout news for unknown withdrawal {}", id);
            return;
        }
        Withdrawal withdrawal = locked.get();
        if (!"PENDING".equals(withdrawal.status())) {
            return;
        }
        Instant now = clock.instant();
        String code = "FAILED".equals(next) ? (failureCode == null ? "payout_failed" : failureCode) : null;
        String message = "FAILED".equals(next)
                ? (failureMessage == null ? "The provider could not pay out." : failureMessage)
                : null;
        jdbc.sql("""
                        UPDATE withdrawals SET status = :s, failure_code = :code, failure_message = :message,
                                               completed_at = :now, updated_at = :now
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("s", next)
                .param("code", code)
                .param("message", message)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", id)
                .update();
        history(id, "PENDING", next, null, "PROVIDER", "PAID".equals(next) ? "paid out" : code + ": " + message, now);
        UUID tutor = withdrawal.tutorId();
        Money amount = withdrawal.amount();
        events.publishEvent(new PayoutCompleted(
                io.lyceum.tenancy.TenantContext.require(),
                id,
                TutorId.of(tutor),
                amount,
                "PAID".equals(next),
                message,
                now));
        if ("PAID".equals(next)) {
            ledger.post(new Posting(
                    "PAYOUT",
                    "withdrawal:" + id + ":paid",
                    "Withdrawal paid out",
                    null,
                    null,
                    null,
                    now,
                    List.of(
                            Line.debit(LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT, tutor, amount),
                            Line.credit(LedgerAccountType.PROVIDER_CLEARING, null, amount))));
        } else {
            ledger.post(new Posting(
                    "PAYOUT_FAILED",
                    "withdrawal:" + id + ":failed",
                    "Withdrawal failed (" + message + "): the money is back in the wallet",
                    null,
                    null,
                    null,
                    now,
                    List.of(
                            Line.debit(LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT, tutor, amount),
                            Line.credit(LedgerAccountType.TUTOR_AVAILABLE, tutor, amount))));
        }
    }

    public Optional<Withdrawal> find(UUID id) {
        return jdbc.sql("SELECT * FROM withdrawals WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(Withdrawals::map)
                .optional();
    }

    PageResponse<Withdrawal> page(UUID tutorId, PageQuery page) {
        List<Withdrawal> content = jdbc.sql("""
                        SELECT * FROM withdrawals WHERE tenant_id = :t AND tutor_id = :tutor
                        ORDER BY requested_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Withdrawals::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM withdrawals WHERE tenant_id = :t AND tutor_id = :tutor")
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(Long.class)
                .single();
        return PageResponse.of(content, page, total);
    }

    /** Every tutor's withdrawals of the tenant, newest first, optionally only those in {@code status}. */
    PageResponse<Withdrawal> pageAll(@Nullable String status, PageQuery page) {
        String where = "WHERE tenant_id = :t" + (status == null ? "" : " AND status = :status");
        var select = jdbc.sql("SELECT * FROM withdrawals " + where
                        + " ORDER BY requested_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset());
        var count = jdbc.sql("SELECT count(*) FROM withdrawals " + where).param("t", tenant());
        if (status != null) {
            select = select.param("status", status);
            count = count.param("status", status);
        }
        return PageResponse.of(
                select.query(Withdrawals::map).list(),
                page,
                count.query(Long.class).single());
    }

    List<HistoryEntry> history(UUID withdrawalId) {
        return jdbc.sql("""
                        SELECT * FROM withdrawal_history WHERE tenant_id = :t AND withdrawal_id = :w
                        ORDER BY occurred_at, id
                        """)
                .param("t", tenant())
                .param("w", withdrawalId)
                .query((rs, n) -> new HistoryEntry(
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("reason"),
                        io.lyceum.platform.SqlValues.requiredInstant(rs, "occurred_at")))
                .list();
    }

    private void history(
            UUID id, @Nullable String from, String to, @Nullable UUID actor, String role, String reason, Instant at) {
        jdbc.sql("""
                        INSERT INTO withdrawal_history (id, tenant_id, withdrawal_id, from_status, to_status, actor_id,
                                                        actor_role, reason, occurred_at)
                        VALUES (:id, :t, :w, :from, :to, :actor, :role, :reason, :at)
                        """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("w", id)
                .param("from", from)
                .param("to", to)
                .param("actor", actor)
                .param("role", role)
                .param("reason", reason)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static PayoutAccount mapAccount(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PayoutAccount(
                rs.getObject("tutor_id", UUID.class),
                rs.getString("provider"),
                rs.getString("provider_account_id"),
                rs.getString("country"),
                rs.getString("bank_last4"),
                rs.getBoolean("payouts_enabled"),
                io.lyceum.platform.SqlValues.requiredInstant(rs, "updated_at"));
    }

    private static Withdrawal map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Withdrawal(
                rs.getObject("id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                rs.getString("status"),
                rs.getString("provider_payout_id"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                io.lyceum.platform.SqlValues.requiredInstant(rs, "requested_at"),
                io.lyceum.platform.SqlValues.instant(rs, "completed_at"));
    }
}
