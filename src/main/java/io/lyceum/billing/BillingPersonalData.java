package io.lyceum.billing;

import io.lyceum.accounts.PersonalDataContributor;
import io.lyceum.platform.PersonalDataRows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Orders and refunds, invoices and quotes, packages, enrollments and refund requests the user is a party to, and a
 * tutor's wallet: ledger balances, withdrawals and payout account.
 */
@Component
class BillingPersonalData implements PersonalDataContributor {

    private static final String MY_ORDERS =
            "(SELECT o.id FROM orders o WHERE o.payer_id = :user OR o.student_id = :user OR o.tutor_id = :user)";

    private final PersonalDataRows rows;

    BillingPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String section() {
        return "billing";
    }

    @Override
    public Map<String, Object> collect(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(
                "orders",
                rows.rows(
                        "orders",
                        "t.payer_id = :user OR t.student_id = :user OR t.tutor_id = :user",
                        "created_at",
                        userId));
        data.put("refunds", rows.rows("refunds", "t.order_id IN " + MY_ORDERS, "created_at", userId));
        data.put(
                "invoicesAndQuotes",
                rows.rows("billing_documents", "t.issuer_id = :user OR t.recipient_id = :user", "created_at", userId));
        data.put(
                "packages",
                rows.rows(
                        "packages",
                        "t.student_id = :user OR t.buyer_id = :user OR t.tutor_id = :user",
                        "created_at",
                        userId));
        data.put(
                "enrollments",
                rows.rows(
                        "enrollments",
                        "t.student_id = :user OR t.enrolled_by = :user OR t.tutor_id = :user",
                        "created_at",
                        userId));
        data.put(
                "refundRequests",
                rows.rows(
                        "refund_requests",
                        "t.requested_by = :user OR t.enrollment_id IN (SELECT e.id FROM enrollments e "
                                + "WHERE e.student_id = :user OR e.enrolled_by = :user OR e.tutor_id = :user)",
                        "requested_at",
                        userId));
        Map<String, Object> wallet = new LinkedHashMap<>();
        wallet.put(
                "balances",
                rows.rows(
                        "(SELECT a.type, a.currency, coalesce(sum(l.amount), 0) AS balance, a.created_at, a.tenant_id, "
                                + "a.owner_id FROM ledger_accounts a LEFT JOIN journal_lines l ON l.account_id = a.id "
                                + "GROUP BY a.id)",
                        "t.owner_id = :user",
                        "created_at",
                        userId));
        wallet.put("withdrawals", rows.rows("withdrawals", "t.tutor_id = :user", "requested_at", userId));
        wallet.put("payoutAccount", rows.rows("payout_accounts", "t.tutor_id = :user", "created_at", userId));
        data.put("wallet", wallet);
        return data;
    }
}
