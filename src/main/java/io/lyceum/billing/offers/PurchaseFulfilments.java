package io.lyceum.billing.offers;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderFulfilment;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.Orders;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PACKAGE and ENROLLMENT orders. The money of both is received into the student's {@code STUDENT_CREDIT}; paying
 * activates the package's credits or the enrollment ({@link Enrollments#paid} then moves each lesson's share to
 * {@code CUSTOMER_PREPAYMENTS} tagged with the lesson's booking, so the ledger holds each pack lesson's money as it
 * holds a paid booking's).
 */
@Configuration(proxyBeanMethods = false)
class PurchaseFulfilments {

    @Bean
    OrderFulfilment packageFulfilment(ObjectProvider<Packages> packages) {
        return new StudentCreditFulfilment(OrderKind.PACKAGE, packages);
    }

    @Bean
    OrderFulfilment enrollmentFulfilment(ObjectProvider<Enrollments> enrollments) {
        return new StudentCreditFulfilment(OrderKind.ENROLLMENT, enrollments);
    }

    /** An order whose money becomes the student's credit, fulfilled by an {@link OrderBackedPurchase}. */
    static final class StudentCreditFulfilment implements OrderFulfilment {

        private final OrderKind kind;

        /** Looked up lazily: the purchase needs {@link Orders}, which is built with every fulfilment. */
        private final ObjectProvider<? extends OrderBackedPurchase> purchases;

        StudentCreditFulfilment(OrderKind kind, ObjectProvider<? extends OrderBackedPurchase> purchases) {
            this.kind = kind;
            this.purchases = purchases;
        }

        @Override
        public OrderKind kind() {
            return kind;
        }

        @Override
        public Ledger.Line receiptCredit(Order order) {
            return Ledger.Line.credit(LedgerAccountType.STUDENT_CREDIT, order.studentId(), order.amount());
        }

        @Override
        public void paid(Order order, Instant at) {
            purchases.getObject().paid(order, at);
        }

        @Override
        public void abandoned(Order order, String reason, Instant at) {
            purchases.getObject().abandoned(order, reason, at);
        }
    }
}
