package io.lyceum.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The daily sweep: SENT invoices past due become OVERDUE, SENT quotes past valid-until EXPIRED, once each. */
class OverdueJobTests extends DocumentTestBase {

    @Autowired
    DocumentTimers timers;

    @Autowired
    ApplicationContext context;

    @Test
    void theSweepIsAScheduledDailyTask() {
        assertThat(context.getBean("billingDocumentsLapse")).isNotNull();
    }

    @Test
    void invoicesPastTheirDueDateBecomeOverdueQuotesExpireAndRecipientsAreEmailedOnce() {
        SignedIn admin = admin();
        SignedIn student = student();
        // four days before the sweep: an invoice due the next day, a quote valid three more days, and one valid that
        // day which the student accepts
        LocalDate earlier = today();
        var late = sent(admin, INVOICES, student.userId(), earlier.plusDays(1));
        var staleQuote = sent(admin, QUOTES, student.userId(), earlier.plusDays(3));
        var acceptedQuote = sent(admin, QUOTES, student.userId(), earlier);
        student.api()
                .post(QUOTES + "/" + acceptedQuote.getString("id") + "/accept")
                .then()
                .statusCode(200);
        UUID lateId = UUID.fromString(late.getString("id"));
        UUID staleId = UUID.fromString(staleQuote.getString("id"));
        // the sweep's day: the invoice is three days late, the quote a day past its valid-until date, the accepted
        // quote four; sent now, an invoice due in two weeks (the default) and one due today
        daysPass(4);
        var onTime = sent(admin, INVOICES, student.userId());
        var dueToday = sent(admin, INVOICES, student.userId(), today());

        // two sweepers at once (two instances): each document is handled by one of them
        List<Integer> handled = Parallel.run(2, i -> timers.sweep());
        assertThat(handled.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(2);

        admin.api().get(INVOICES + "/" + lateId).then().body("status", equalTo("OVERDUE"));
        admin.api().get(INVOICES + "/" + onTime.getString("id")).then().body("status", equalTo("SENT"));
        admin.api().get(INVOICES + "/" + dueToday.getString("id")).then().body("status", equalTo("SENT"));
        admin.api().get(QUOTES + "/" + staleId).then().body("status", equalTo("EXPIRED"));
        admin.api().get(QUOTES + "/" + acceptedQuote.getString("id")).then().body("status", equalTo("ACCEPTED"));

        for (UUID id : List.of(lateId, staleId)) {
            int lapses = jdbcCount(
                    "SELECT count(*) FROM billing_document_history WHERE document_id = :id AND actor_role = 'SYSTEM'",
                    id);
            assertThat(lapses).isEqualTo(1);
        }
        assertThat(emails(student.email(), "Invoice " + late.getString("number") + " is overdue"))
                .isEqualTo(1);
        assertThat(emails(student.email(), "Quote " + staleQuote.getString("number") + " has expired"))
                .isEqualTo(1);

        // a second run changes nothing more
        timers.sweep();
        assertThat(jdbcCount(
                        "SELECT count(*) FROM billing_document_history WHERE document_id = :id AND actor_role = 'SYSTEM'",
                        lateId))
                .isEqualTo(1);

        // an overdue invoice can still be paid; an expired quote can no longer be accepted
        pay(student, lateId.toString());
        admin.api().get(INVOICES + "/" + lateId).then().body("status", equalTo("PAID"));
        student.api()
                .post(QUOTES + "/" + staleId + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("quote.illegal_transition"));
        // an overdue invoice may still be cancelled
        var another = sent(admin, INVOICES, student.userId(), today());
        daysPass(1);
        timers.sweep();
        admin.api()
                .post(INVOICES + "/" + another.getString("id") + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void anInvoiceComingDueIsRemindedOnceWhateverRunsInParallel() {
        SignedIn admin = admin();
        SignedIn student = student();
        // issued two days ago, due in two days: reminded; sent just now and due tomorrow: its email just told the
        // date, so not yet; issued two days ago, due in ten days: not yet
        LocalDate issued = today();
        var dueSoon = sent(admin, INVOICES, student.userId(), issued.plusDays(4));
        var farOff = sent(admin, INVOICES, student.userId(), issued.plusDays(12));
        daysPass(2);
        var justSent = sent(admin, INVOICES, student.userId(), today().plusDays(1));
        UUID dueSoonId = UUID.fromString(dueSoon.getString("id"));
        UUID justSentId = UUID.fromString(justSent.getString("id"));
        UUID farOffId = UUID.fromString(farOff.getString("id"));

        Parallel.run(3, i -> timers.sweep());
        timers.sweep();

        String subject = "Invoice " + dueSoon.getString("number") + " is due on "
                + jdbcDate("SELECT due_date FROM billing_documents WHERE id = :id", dueSoonId);
        assertThat(emails(student.email(), subject)).isEqualTo(1);
        assertThat(jdbcCount(
                        "SELECT count(*) FROM billing_documents WHERE id = :id AND due_soon_notified_at IS NOT NULL",
                        dueSoonId))
                .isEqualTo(1);
        for (UUID notYet : List.of(justSentId, farOffId)) {
            assertThat(jdbcCount(
                            "SELECT count(*) FROM billing_documents WHERE id = :id AND due_soon_notified_at IS NULL",
                            notYet))
                    .isEqualTo(1);
        }
        admin.api().get(INVOICES + "/" + dueSoonId).then().body("status", equalTo("SENT"));
        // in the app too, once (billing sent the email itself)
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> jdbcCount(
                                "SELECT count(*) FROM notifications WHERE recipient_id = :id AND kind = 'invoice.due'",
                                student.userId())
                        == 1);
        student.api()
                .get("/api/v1/notifications")
                .then()
                .body("content.find { it.kind == 'invoice.due' }.title", equalTo(subject));
    }

    private String jdbcDate(String sql, UUID id) {
        return io.lyceum.tenancy.TenantContext.callAs(defaultTenant(), () -> jdbc.sql(sql)
                        .param("id", id)
                        .query(java.time.LocalDate.class)
                        .single())
                .toString();
    }

    private int emails(String recipient, String subject) {
        return io.lyceum.tenancy.TenantContext.callAs(defaultTenant(), () -> jdbc.sql(
                        "SELECT count(*) FROM outbox_messages WHERE recipient = :r AND subject = :s")
                .param("r", recipient)
                .param("s", subject)
                .query(Integer.class)
                .single());
    }

    private int jdbcCount(String sql, UUID id) {
        return io.lyceum.tenancy.TenantContext.callAs(
                defaultTenant(),
                () -> jdbc.sql(sql).param("id", id).query(Integer.class).single());
    }
}
