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

/**
 * ENROLLMENT orders. The payment is received into the student's {@code STUDENT_CREDIT} and, in the same transaction,
 * {@link Enrollments#paid} moves each lesson's share to {@code CUSTOMER_PREPAYMENTS} tagged with the lesson's booking
 * (so the ledger holds each pack lesson's money as it holds a paid booking's).
 */
@Component
class EnrollmentFulfilment implements OrderFulfilment {

    /** Looked up lazily: the service needs {@link Orders}, which is built with every fulfilment. */
    private final ObjectProvider<Enrollments> enrollments;

    EnrollmentFulfilment(ObjectProvider<Enrollments> enrollments) {
        this.enrollments = enrollments;
    }

    @Override
    public OrderKind kind() {
        return OrderKind.ENROLLMENT;
    }

    @Override
    public Ledger.Line receiptCredit(Order order) {
        return Ledger.Line.credit(LedgerAccountType.STUDENT_CREDIT, order.studentId(), order.amount());
    }

    @Override
    public void paid(Order order, Instant at) {
        enrollments.getObject().paid(order, at);
    }

    @Override
    public void abandoned(Order order, String reason, Instant at) {
        enrollments.getObject().abandoned(order, reason, at);
    }
}
