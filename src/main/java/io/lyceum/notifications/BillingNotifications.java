package io.lyceum.notifications;

import io.lyceum.billing.InvoiceNotice;
import io.lyceum.billing.PaymentSucceeded;
import io.lyceum.billing.PayoutCompleted;
import io.lyceum.billing.RefundSettled;
import java.util.HashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Receipts and refunds (to the payer), payouts (to the tutor), invoices (to their recipient). */
@Component
class BillingNotifications {

    private final Notifier notifier;

    BillingNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @ApplicationModuleListener
    void on(PaymentSucceeded event) {
        boolean invoice = "INVOICE".equals(event.orderKind());
        Map<String, Object> values = new HashMap<>();
        values.put("amount", event.amount());
        values.put("description", event.description() == null ? "" : event.description());
        values.put("orderId", event.orderId());
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
                event.tutorId(),
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
        boolean overdue = InvoiceNotice.OVERDUE.equals(event.notice());
        notifier.notify(
                event.recipientId(),
                overdue ? NotificationKind.INVOICE_OVERDUE : NotificationKind.INVOICE_SENT,
                "invoice." + event.notice().toLowerCase(java.util.Locale.ROOT) + ":" + event.invoiceId(),
                values);
    }
}
