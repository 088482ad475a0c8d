package io.lyceum.billing.offers;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderFulfilment;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.Orders;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** PACKAGE orders: the money becomes the student's credit; paying activates the package's credits. */
@Component
class PackageFulfilment implements OrderFulfilment {

    /** Looked up lazily: the service needs {@link Orders}, which is built with every fulfilment. */
    private final ObjectProvider<Packages> packages;

    PackageFulfilment(ObjectProvider<Packages> packages) {
        this.packages = packages;
    }

    @Override
    public OrderKind kind() {
        return OrderKind.PACKAGE;
    }

    @Override
    public Ledger.Line receiptCredit(Order order) {
        return Ledger.Line.credit(LedgerAccountType.STUDENT_CREDIT, order.studentId(), order.amount());
    }

    @Override
    public void paid(Order order, Instant at) {
        packages.getObject().paid(order, at);
    }

    @Override
    public void abandoned(Order order, String reason, Instant at) {
        packages.getObject().abandoned(order, reason, at);
    }
}
