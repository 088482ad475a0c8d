package io.lyceum.billing.payments;

import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.scheduling.DemoBookingPayments;
import io.lyceum.tenancy.TenantContext;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pays the demo loader's bookings as a student would: the booking's order is charged to Stripe's test Visa through
 * the configured provider (the sandbox by default), so demo lessons have real orders, payments and ledger entries.
 */
@Component
class BillingDemoPayments implements DemoBookingPayments {

    private final BookingOrders bookingOrders;
    private final PaymentOutcomes outcomes;
    private final PaymentProvider provider;
    private final TransactionTemplate transactions;

    BillingDemoPayments(
            BookingOrders bookingOrders,
            PaymentOutcomes outcomes,
            PaymentProvider provider,
            TransactionTemplate transactions) {
        this.bookingOrders = bookingOrders;
        this.outcomes = outcomes;
        this.provider = provider;
        this.transactions = transactions;
    }

    @Override
    public String pay(UUID bookingId) {
        return transactions.execute(status -> {
            Order order = bookingOrders
                    .ensureOrder(bookingId, null)
                    .orElseThrow(() -> new IllegalStateException("Demo booking " + bookingId + " has no order"));
            String tenant = TenantContext.require().value().toString();
            ProviderPayment payment = provider.createPayment(new PaymentRequest(
                    order.amount(),
                    null,
                    "pm_card_visa",
                    order.description(),
                    Map.of(
                            "tenantId", tenant,
                            "orderId", order.id().toString(),
                            "kind", order.kind().name(),
                            "referenceId", order.referenceId().toString()),
                    null,
                    "demo:" + tenant + ":" + order.id()));
            outcomes.apply(order.id(), payment, Orders.Actor.SYSTEM);
            return "order:" + order.id();
        });
    }
}
