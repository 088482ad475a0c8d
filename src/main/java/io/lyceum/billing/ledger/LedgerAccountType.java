package io.lyceum.billing.ledger;

/**
 * The kinds of ledger account. Per-user kinds have an owner (a tutor or a student); the others are the tenant's own.
 * {@code debitNormal} says which side a positive balance sits on: assets are debit-normal, what the platform owes
 * (to students, tutors) and earns is credit-normal, so balances are shown as positive numbers either way.
 */
public enum LedgerAccountType {
    /** Money the provider holds for us: payments in, refunds and payouts out. */
    PROVIDER_CLEARING(false, true),
    /** Paid for lessons not yet delivered (held until the lesson is completed or cancelled). */
    CUSTOMER_PREPAYMENTS(false, false),
    /** The platform's commission and fees. */
    PLATFORM_REVENUE(false, false),
    /** Refunds sent to the provider and not yet confirmed by it. */
    REFUNDS_IN_TRANSIT(false, false),
    /** A tutor's earnings for completed lessons still inside the dispute window. */
    TUTOR_PENDING(true, false),
    /** A tutor's earnings that may be withdrawn. */
    TUTOR_AVAILABLE(true, false),
    /** A tutor's withdrawals sent to the provider and not yet paid out. */
    TUTOR_PAYOUTS_IN_TRANSIT(true, false),
    /** A student's prepaid credit: unused package credits and store credit. */
    STUDENT_CREDIT(true, false);

    private final boolean perUser;
    private final boolean debitNormal;

    LedgerAccountType(boolean perUser, boolean debitNormal) {
        this.perUser = perUser;
        this.debitNormal = debitNormal;
    }

    boolean perUser() {
        return perUser;
    }

    /** The balance as its holder reads it, from the signed sum of lines (debits positive). */
    public long displayBalance(long signedSum) {
        return debitNormal ? signedSum : -signedSum;
    }
}
