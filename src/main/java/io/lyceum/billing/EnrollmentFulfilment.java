package io.lyceum.billing;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * ENROLLMENT orders. The payment is received into the student's {@code STUDENT_CREDIT} and, in the same transaction,
 * {@link Enrollments#paid} moves each lesson's share to {@code CUSTOMER_PREPAYMENTS} tagged with the lesson's booking
 * (so the ledger holds each pack lesson's money as it holds a paid booking's).
 */
@Component
class EnrollmentFulfilment implements OrderFulfilment {

    private final Enrollments enrollments;

    EnrollmentFulfilment(Enrollments enrollments) {
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
        enrollments.paid(order, at);
    }

    @Override
    public void abandoned(Order order, String reason, Instant at) {
        enrollments.abandoned(order, reason, at);
    }
}
