package io.lyceum.notifications;

import io.lyceum.billing.EnrollmentStarted;
import io.lyceum.billing.InvoiceNotice;
import io.lyceum.billing.PackageCreditsExpiring;
import io.lyceum.billing.PaymentSucceeded;
import io.lyceum.billing.PayoutCompleted;
import io.lyceum.billing.RefundRequestDecided;
import io.lyceum.billing.RefundSettled;
import io.lyceum.shared.UserId;
import java.util.HashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Receipts and refunds (to the payer), payouts (to the tutor), invoices (to their recipient), expiring package credits and
 * decided refund requests (to the student side).
 */
@Component
class BillingNotifications {

    private final Notifier notifier;
    private final io.lyceum.accounts.AccountsApi accounts;

    BillingNotifications(Notifier notifier, io.lyceum.accounts.AccountsApi accounts) {
        this.notifier = notifier;
        this.accounts = accounts;
    }

    @ApplicationModuleListener
    void on(PaymentSucceeded event) {
        boolean invoice = "INVOICE".equals(event.orderKind());
        Map<String, Object> values = new HashMap<>();
        values.put("amount", event.amount());
        values.put("description", event.description() == null ? "" : event.description());
        values.put("orderId", event.orderId().value());
        notifier.notify(
                event.payerId(),
                invoice ? NotificationKind.INVOICE_PAID : NotificationKind.PAYMENT_RECEIPT,
                "payment.receipt:" + event.orderId(),
                values);
    }

    @ApplicationModuleListener
    void on(RefundSettled event) {
        Map<String, Object> values = new HashMap<>();
        values.put("amount", event.amount());
        values.put("description", event.description() == null ? "" : event.description());
        notifier.notify(event.payerId(), NotificationKind.REFUND_SETTLED, "refund.settled:" + event.refundId(), values);
    }

    @ApplicationModuleListener
    void on(PayoutCompleted event) {
        Map<String, Object> values = new HashMap<>();
        values.put("amount", event.amount());
        values.put("reason", event.failureMessage() == null ? "" : event.failureMessage());
        notifier.notify(
                event.tutorId().value(),
                event.paid() ? NotificationKind.PAYOUT_PAID : NotificationKind.PAYOUT_FAILED,
                "payout:" + event.withdrawalId(),
                values);
    }

    @ApplicationModuleListener
    void on(InvoiceNotice event) {
        Map<String, Object> values = new HashMap<>();
        values.put("number", event.number() == null ? "" : event.number());
        values.put("amount", event.total());
        values.put("dueDate", event.dueDate() == null ? "" : event.dueDate().toString());
        values.put("invoiceId", event.invoiceId());
        NotificationKind kind =
                switch (event.notice()) {
                    case InvoiceNotice.OVERDUE -> NotificationKind.INVOICE_OVERDUE;
                    case InvoiceNotice.DUE_SOON -> NotificationKind.INVOICE_DUE;
                    default -> NotificationKind.INVOICE_SENT;
                };
        notifier.notify(
                event.recipientId(),
                kind,
                "invoice." + event.notice().toLowerCase(java.util.Locale.ROOT) + ":" + event.invoiceId(),
                values);
    }

    /** Unused package credits expire soon: the student and whoever bought the package. */
    @ApplicationModuleListener
    void on(PackageCreditsExpiring event) {
        java.util.Set<java.util.UUID> told = new java.util.LinkedHashSet<>();
        told.add(event.studentId().value());
        if (event.buyerId() != null) {
            told.add(event.buyerId());
        }
        for (java.util.UUID person : told) {
            Map<String, Object> values = new HashMap<>();
            values.put("credits", event.creditsLeft());
            values.put("expires", event.expiresAt());
            values.put("other", name(event.tutorId().value()));
            notifier.notify(
                    person,
                    NotificationKind.PACKAGE_CREDITS_EXPIRING,
                    "package.credits_expiring:" + event.packageId(),
                    values);
        }
    }

    /**
     * An enrollment's refund request decided: who asked and the student, but not whoever decided (an automatic approval
     * answered its requester at once).
     */
    @ApplicationModuleListener
    void on(RefundRequestDecided event) {
        NotificationKind kind = RefundRequestDecided.REJECTED.equals(event.status())
                ? NotificationKind.REFUND_REQUEST_REJECTED
                : NotificationKind.REFUND_REQUEST_APPROVED;
        java.util.Set<java.util.UUID> told = new java.util.LinkedHashSet<>();
        told.add(event.requestedBy());
        told.add(event.studentId().value());
        told.remove(event.decidedBy());
        for (java.util.UUID person : told) {
            Map<String, Object> values = new HashMap<>();
            values.put("amount", event.amount());
            values.put("note", event.note() == null ? "" : event.note());
            values.put("enrollmentId", event.enrollmentId());
            notifier.notify(person, kind, "refund_request:" + event.requestId(), values);
        }
    }

    private String name(java.util.UUID userId) {
        return userId == null
                ? ""
                : accounts.findUser(UserId.of(userId))
                        .map(io.lyceum.accounts.UserSummary::fullName)
                        .orElse("");
    }

    /** A course pack enrollment is paid and its lessons booked: the student (and who enrolled them) and the tutor. */
    @ApplicationModuleListener
    void on(EnrollmentStarted event) {
        String key = "enrollment.started:" + event.enrollmentId();
        java.util.Set<java.util.UUID> told = new java.util.LinkedHashSet<>();
        told.add(event.studentId().value());
        if (event.enrolledBy() != null) {
            told.add(event.enrolledBy());
        }
        told.add(event.tutorId().value());
        for (java.util.UUID person : told) {
            Map<String, Object> values = new HashMap<>();
            values.put("lessons", event.lessons());
            values.put("amount", event.price());
            notifier.notify(person, NotificationKind.ENROLLMENT_STARTED, key, values);
        }
    }
}
