package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.scheduling.BookingConfirmed;
import io.lyceum.scheduling.BookingPlaced;
import io.lyceum.scheduling.BookingRescheduled;
import io.lyceum.scheduling.BookingState;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduling's booking events open conversations and post system messages through the facade, once each even when an
 * event is delivered again; other modules never use an open route for them.
 */
class BookingConversationsTests extends MessagingTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private void publish(Object event) {
        TenantContext.runAs(tenant(), () -> transactions.executeWithoutResult(status -> events.publishEvent(event)));
    }

    @Test
    void aGuardiansBookingOpensBothConversationsAndConfirmationsArePostedOnce() {
        SignedIn student = student();
        SignedIn guardian = guardian();
        SignedIn tutor = tutor();
        UUID booking = UUID.randomUUID();
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        publish(new BookingPlaced(
                tenant(),
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                guardian.userId(),
                start,
                start.plus(Duration.ofHours(1)),
                new Money(2500, Currency.getInstance("GBP")),
                false,
                BookingState.PENDING_PAYMENT,
                start,
                Instant.now(),
                null));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "SELECT count(*) FROM conversations WHERE participant_b = :tutor",
                                Map.of("tutor", tutor.userId()))
                        == 2);
        tutor.api().get(MESSAGES + "/threads").then().statusCode(200).body("page.totalElements", equalTo(2));

        var confirmed = new BookingConfirmed(
                tenant(),
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                guardian.userId(),
                start,
                start.plus(Duration.ofHours(1)),
                Instant.now());
        publish(confirmed);
        publish(confirmed); // a redelivery
        // listeners run asynchronously: the reschedule follows the confirmation's message, as it does in life
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "SELECT count(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id "
                                        + "WHERE c.participant_b = :tutor AND c.type = 'STUDENT_TUTOR' AND m.type = 'SYSTEM'",
                                Map.of("tutor", tutor.userId()))
                        == 1);
        publish(new BookingRescheduled(
                tenant(),
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                tutor.userId(),
                start,
                start.plusSeconds(3600),
                start.plusSeconds(7200),
                Instant.now()));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "SELECT count(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id "
                                        + "WHERE c.participant_b = :tutor AND c.type = 'STUDENT_TUTOR' AND m.type = 'SYSTEM'",
                                Map.of("tutor", tutor.userId()))
                        == 2);
        UUID room = TenantContext.callAs(tenant(), () -> jdbc.sql(
                        "SELECT id FROM conversations WHERE type = 'STUDENT_TUTOR' AND participant_b = :t")
                .param("t", tutor.userId())
                .query(UUID.class)
                .single());
        student.api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(200)
                .body("messages[1].messageType", equalTo("system"))
                .body("messages[1].content.systemAction", equalTo("booking.confirmed"))
                .body("messages[1].content.systemData.bookingId", equalTo(booking.toString()))
                .body("messages[1].senderId", equalTo(null))
                .body("messages[0].content.systemAction", equalTo("booking.rescheduled"));
        // the guardian's own conversation with the tutor got the confirmation too
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "SELECT count(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id "
                                        + "WHERE c.participant_a = :g AND c.type = 'GUARDIAN_TUTOR' AND m.type = 'SYSTEM'",
                                Map.of("g", guardian.userId()))
                        == 1);
        assertThat(count(
                        "SELECT count(*) FROM conversations WHERE participant_b = :tutor",
                        Map.of("tutor", tutor.userId())))
                .isEqualTo(2);
    }
}
