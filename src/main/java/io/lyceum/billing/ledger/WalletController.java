package io.lyceum.billing.ledger;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.billing.ledger.Wallets.Balance;
import io.lyceum.billing.ledger.Wallets.Transaction;
import io.lyceum.billing.ledger.Withdrawals.HistoryEntry;
import io.lyceum.billing.ledger.Withdrawals.PayoutAccount;
import io.lyceum.billing.ledger.Withdrawals.Withdrawal;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Billing: wallet", description = "Balances, transactions, withdrawals; see docs/ledger-and-wallets.md.")
class WalletController {

    private final Wallets wallets;
    private final Withdrawals withdrawals;
    private final WalletProperties properties;

    WalletController(Wallets wallets, Withdrawals withdrawals, WalletProperties properties) {
        this.wallets = wallets;
        this.withdrawals = withdrawals;
        this.properties = properties;
    }

    @Schema(name = "WalletBalance")
    record BalanceView(
            String currency,
            @Schema(description = "Tutor: may be withdrawn") Money available,

            @Schema(description = "Tutor: earned, inside the dispute window")
            Money pending,

            @Schema(description = "Tutor: withdrawn, on its way to the bank")
            Money inTransit,

            @Schema(description = "Student: unused package credits and store credit")
            Money credit,

            @Schema(description = "Tutor: the smallest withdrawal in this currency") @Nullable
            Money minimumWithdrawal) {}

    @Schema(name = "Wallet")
    record WalletView(UUID userId, List<BalanceView> balances) {}

    @Schema(name = "WalletTransaction")
    record TransactionView(
            UUID entryId,
            UUID lineId,
            Instant occurredAt,
            String kind,
            String description,
            LedgerAccountType account,

            @Schema(description = "Signed as the holder reads it: money in is positive")
            Money amount,

            Money balanceAfter,
            @Nullable UUID orderId,
            @Nullable UUID bookingId,
            @Nullable CommissionView commission) {
        static TransactionView of(Transaction t) {
            return new TransactionView(
                    t.entryId(),
                    t.lineId(),
                    t.occurredAt(),
                    t.kind(),
                    t.description(),
                    t.account(),
                    t.amount(),
                    t.balanceAfter(),
                    t.orderId(),
                    t.bookingId(),
                    t.commissionTier() == null ? null : new CommissionView(t.commissionTier(), t.commissionRateBps()));
        }
    }

    record CommissionView(String tier, @Nullable Integer rateBps) {}

    @Schema(name = "PayoutAccountRequest")
    record PayoutAccountRequest(
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code such as GB")
            String country,

            @NotBlank @Pattern(regexp = "[0-9]{6,34}", message = "must be 6 to 34 digits")
            String bankAccountNumber) {}

    @Schema(name = "PayoutAccount")
    record PayoutAccountView(String country, String bankAccountLast4, boolean payoutsEnabled, Instant updatedAt) {
        static PayoutAccountView of(PayoutAccount a) {
            return new PayoutAccountView(a.country(), a.bankLast4(), a.payoutsEnabled(), a.updatedAt());
        }
    }

    @Schema(name = "MoneyRequest")
    record MoneyRequest(@NotNull Long amount, @NotBlank String currency) {}

    @Schema(name = "WithdrawRequest")
    record WithdrawRequest(@NotNull @Valid MoneyRequest amount) {}

    @Schema(name = "Withdrawal")
    record WithdrawalView(
            UUID id,
            UUID tutorId,
            Money amount,

            @Schema(allowableValues = {"PENDING", "PAID", "FAILED"})
            String status,

            @Nullable FailureView failure,
            Instant requestedAt,
            @Nullable Instant completedAt,
            @Nullable List<StateChange> history) {
        static WithdrawalView of(Withdrawal w, @Nullable List<HistoryEntry> history) {
            return new WithdrawalView(
                    w.id(),
                    w.tutorId(),
                    w.amount(),
                    w.status(),
                    w.failureCode() == null ? null : new FailureView(w.failureCode(), w.failureMessage()),
                    w.requestedAt(),
                    w.completedAt(),
                    history == null
                            ? null
                            : history.stream().map(WalletController::history).toList());
        }
    }

    record FailureView(String code, @Nullable String message) {}

    static StateChange history(HistoryEntry h) {
        return new StateChange(h.fromStatus(), h.toStatus(), h.at(), h.actorId(), h.actorRole(), h.reason(), null);
    }

    @GetMapping("/api/v1/wallet/balance")
    @Operation(
            summary = "My balances",
            description = "Any signed-in user, own accounts only, per currency. Tutors: `available` (may be "
                    + "withdrawn), `pending` (earned, inside the dispute window), `inTransit` (withdrawn, not yet at "
                    + "the bank). Students: `credit`. Zero where the user has no such account.")
    WalletView balance(@AuthenticationPrincipal CurrentUser user) {
        boolean tutor = user.role() == Role.TUTOR;
        List<BalanceView> views = wallets.balances(user.userId().value()).stream()
                .map(b -> view(b, tutor))
                .toList();
        return new WalletView(user.userId().value(), views);
    }

    private BalanceView view(Balance b, boolean tutor) {
        Money zero = Money.of(0, b.currency());
        Map<LedgerAccountType, Money> a = b.accounts();
        return new BalanceView(
                b.currency(),
                a.getOrDefault(LedgerAccountType.TUTOR_AVAILABLE, zero),
                a.getOrDefault(LedgerAccountType.TUTOR_PENDING, zero),
                a.getOrDefault(LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT, zero),
                a.getOrDefault(LedgerAccountType.STUDENT_CREDIT, zero),
                tutor ? Money.of(properties.minimumIn(zero.currency()), b.currency()) : null);
    }

    @GetMapping("/api/v1/wallet/transactions")
    @Operation(
            summary = "My wallet transactions",
            description = "Any signed-in user: the journal lines of their own accounts, newest first (`sort="
                    + "occurredAt,asc` for oldest first), each with the entry's kind, description, booking and order, "
                    + "the commission tier applied, the amount signed as the holder reads it and the account's balance "
                    + "after it. Filters: `account` (TUTOR_AVAILABLE, TUTOR_PENDING, TUTOR_PAYOUTS_IN_TRANSIT, "
                    + "STUDENT_CREDIT), `currency`.")
    PageResponse<TransactionView> transactions(
            @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "Only this account kind") @RequestParam(required = false)
                    LedgerAccountType account,
            @Parameter(description = "Only this currency") @RequestParam(required = false) String currency,
            @Parameter(hidden = true) PageQuery page) {
        String code = currency == null ? null : Money.currency(currency).getCurrencyCode();
        return wallets.transactions(user.userId().value(), account, code, page.requireSortable(Wallets.SORTABLE))
                .map(TransactionView::of);
    }

    @GetMapping("/api/v1/wallet/payout-account")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(summary = "My payout account", description = "TUTOR. 404 `wallet.no_payout_account` when none is set.")
    PayoutAccountView payoutAccount(@AuthenticationPrincipal CurrentUser user) {
        return withdrawals
                .payoutAccount(user.userId().value())
                .map(PayoutAccountView::of)
                .orElseThrow(() -> LyceumException.notFound("wallet.no_payout_account", "No payout account is set."));
    }

    @PutMapping("/api/v1/wallet/payout-account")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Set my payout account",
            description = "TUTOR. Creates a connected account at the payment provider with the bank account (only its "
                    + "last four digits are kept here) and replaces any earlier one. Withdrawals already on their way "
                    + "keep their account. 422 on bad input or when the provider refuses "
                    + "(`wallet.payout_account_rejected`).")
    PayoutAccountView setPayoutAccount(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PayoutAccountRequest body) {
        return PayoutAccountView.of(withdrawals.setPayoutAccount(user, body.country(), body.bankAccountNumber()));
    }

    @PostMapping("/api/v1/wallet/withdraw")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Withdraw available earnings",
            description = "TUTOR. Send an `Idempotency-Key` header: a retry returns the first answer. The amount must "
                    + "be at least the minimum (`lyceum.payments.wallet.minimum-withdrawal`, 20.00 by default; 422 "
                    + "`wallet.below_minimum`) and at most the available balance (409 `wallet.insufficient_funds`); "
                    + "one withdrawal may be pending at a time (409 `wallet.withdrawal_pending`); a payout account "
                    + "is needed (409 `wallet.payout_account_required`). The money leaves the available balance at "
                    + "once and is paid out through the provider; a failed payout puts it back.")
    @ApiResponse(responseCode = "201", description = "Requested (status PENDING, or PAID/FAILED if already known)")
    ResponseEntity<WithdrawalView> withdraw(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody WithdrawRequest body) {
        Money amount = Money.of(body.amount().amount(), body.amount().currency());
        Withdrawal withdrawal = withdrawals.withdraw(user, amount);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/wallet/withdrawals/" + withdrawal.id())
                .body(WithdrawalView.of(withdrawal, withdrawals.history(withdrawal.id())));
    }

    @GetMapping("/api/v1/wallet/withdrawals")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(summary = "My withdrawals", description = "TUTOR, own only, newest first.")
    PageResponse<WithdrawalView> myWithdrawals(
            @AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery page) {
        return withdrawals
                .page(user.userId().value(), page.requireSortable(java.util.Set.of()))
                .map(w -> WithdrawalView.of(w, null));
    }

    @GetMapping("/api/v1/wallet/withdrawals/{id}")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "One of my withdrawals, with its history",
            description = "TUTOR, own only; else 404 `wallet.withdrawal_not_found`.")
    WithdrawalView myWithdrawal(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        Withdrawal w = withdrawals
                .find(id)
                .filter(found -> found.tutorId().equals(user.userId().value()))
                .orElseThrow(WalletController::withdrawalNotFound);
        return WithdrawalView.of(w, withdrawals.history(id));
    }

    @GetMapping("/api/v1/admin/payments/tutors/{tutorId}/withdrawals")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A tutor's withdrawals", description = "ADMIN, the tenant's tutors; newest first.")
    PageResponse<WithdrawalView> tutorWithdrawals(
            @PathVariable UUID tutorId, @Parameter(hidden = true) PageQuery page) {
        return withdrawals
                .page(tutorId, page.requireSortable(java.util.Set.of()))
                .map(w -> WithdrawalView.of(w, withdrawals.history(w.id())));
    }

    private static final java.util.Set<String> WITHDRAWAL_STATUSES = java.util.Set.of("PENDING", "PAID", "FAILED");

    @GetMapping("/api/v1/admin/payments/withdrawals")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Every tutor's withdrawals",
            description = "ADMIN, the tenant's withdrawals across tutors, newest first, each with its history; "
                    + "`status` (PENDING, PAID or FAILED) keeps only those. Payouts are finished by the provider's "
                    + "events, so there is nothing for an admin to approve or retry here. 400 "
                    + "`request.invalid_parameter` for another status.")
    PageResponse<WithdrawalView> allWithdrawals(
            @Parameter(description = "PENDING, PAID or FAILED") @RequestParam(required = false) String status,
            @Parameter(hidden = true) PageQuery page) {
        String filter = status == null || status.isBlank() ? null : status.trim();
        if (filter != null && !WITHDRAWAL_STATUSES.contains(filter)) {
            throw new LyceumException(
                    io.lyceum.shared.ErrorKind.BAD_REQUEST,
                    "request.invalid_parameter",
                    "status must be PENDING, PAID or FAILED.",
                    List.of(new io.lyceum.shared.FieldError("status", "must be PENDING, PAID or FAILED")));
        }
        return withdrawals
                .pageAll(filter, page.requireSortable(java.util.Set.of()))
                .map(w -> WithdrawalView.of(w, withdrawals.history(w.id())));
    }

    private static LyceumException withdrawalNotFound() {
        return LyceumException.notFound("wallet.withdrawal_not_found", "No such withdrawal.");
    }
}
