package io.lyceum.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.ledger.Withdrawals;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayout;
import io.lyceum.scheduling.DisputeOutcome;
import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.IntegrationTest;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's invariants over random sequences of lesson money: payments (card and package credit), cancellations
 * with refunds, fees and tutor compensation, completions and student no-shows (earnings with commission), tutor
 * no-shows (refunds), releases, disputes settled with each outcome, withdrawals paid and failed. Run against the real
 * services and PostgreSQL: jqwik generates the sequences, and the Spring test context (the same cached one the API
 * tests use, thanks to {@link IntegrationTest}) injects the services through a {@link TestContextManager}.
 *
 * <p>After each sequence: every journal entry sums to zero, all balances together are zero per currency, no tutor's
 * pending, available or in-transit balance and no booking's prepayment is below zero, provider clearing equals the
 * payments taken minus the refunds settled minus the payouts paid (from the business tables), and each order's
 * refunded amount is the sum of its refunds. All sequences of one run share one tenant of their own, so the
 * invariants hold cumulatively too.
 */
@IntegrationTest
class LedgerProperties {

    private static final Money PRICE = Money.of(3000, "GBP");
    private static final AtomicLong SLOT = new AtomicLong();
    private static World world;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Orders orders;

    @Autowired
    Ledger ledger;

    @Autowired
    Refunds refunds;

    @Autowired
    Earnings earnings;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    PaymentProvider provider;

    @Autowired
    EmbeddedPostgres postgres;

    @Value("${local.server.port}")
    int port;

    /** The tenant, its tutors (one paid out to a failing bank account) and students, made once per run. */
    record World(TenantId tenant, List<UUID> tutors, List<UUID> students, Map<UUID, Long> creditBought) {}

    enum Op {
        PAY,
        PAY_WITH_CREDIT,
        CANCEL,
        COMPLETE,
        NO_SHOW_STUDENT,
        NO_SHOW_TUTOR,
        RELEASE,
        DISPUTE,
        WITHDRAW,
        PAYOUT_PAID,
        PAYOUT_FAILED
    }

    record Action(Op op, int target, int percent, boolean flag) {}

    /** A lesson of the sequence and what has happened to it. */
    private static final class Lesson {
        final UUID booking;
        final UUID tutor;
        final UUID student;
        String state = "CONFIRMED";

        Lesson(UUID booking, UUID tutor, UUID student) {
            this.booking = booking;
            this.tutor = tutor;
            this.student = student;
        }
    }

    /** How often each operation actually ran (an action whose lesson is in the wrong state does nothing). */
    private static final Map<String, Integer> APPLIED = new java.util.TreeMap<>();

    private static long startedNanos;
    private static int triesRun;

    /** Tries between two {@link #analyzeTables()}. */
    private static final int TRIES_PER_ANALYZE = 25;

    private static void count(String what) {
        synchronized (APPLIED) {
            APPLIED.merge(what, 1, Integer::sum);
        }
    }

    @AfterProperty
    void report() {
        System.out.printf(
                "LedgerProperties: %d ms for the tries (after setup); operations applied: %s%n",
                (System.nanoTime() - startedNanos) / 1_000_000, APPLIED);
    }

    @BeforeProperty
    void injectSpringContext() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        Http.port = port;
        synchronized (LedgerProperties.class) {
            if (world == null) {
                String slug = Tenants.uniqueSlug("ledger");
                Tenants.newTenantWithOwner(slug);
                TenantId tenant = Tenants.idOf(jdbc, slug);
                List<UUID> tutors = List.of(
                        Accounts.newUser("TUTOR", slug).userId(),
                        Accounts.newUser("TUTOR", slug).userId());
                List<UUID> students = List.of(
                        Accounts.newUser("STUDENT", slug).userId(),
                        Accounts.newUser("STUDENT", slug).userId(),
                        Accounts.newUser("STUDENT", slug).userId());
                TenantContext.runAs(tenant, () -> {
                    withdrawals.setPayoutAccount(tutor(tenant, tutors.get(0)), "GB", "000123456789");
                    withdrawals.setPayoutAccount(tutor(tenant, tutors.get(1)), "GB", "000111111116");
                });
                world = new World(tenant, tutors, students, new HashMap<>());
            }
        }
        startedNanos = System.nanoTime();
    }

    private static CurrentUser tutor(TenantId tenant, UUID id) {
        return new CurrentUser(UserId.of(id), tenant, Role.TUTOR, null);
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Op> ops = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, Op.PAY),
                net.jqwik.api.Tuple.of(2, Op.PAY_WITH_CREDIT),
                net.jqwik.api.Tuple.of(2, Op.CANCEL),
                net.jqwik.api.Tuple.of(5, Op.COMPLETE),
                net.jqwik.api.Tuple.of(1, Op.NO_SHOW_STUDENT),
                net.jqwik.api.Tuple.of(1, Op.NO_SHOW_TUTOR),
                net.jqwik.api.Tuple.of(2, Op.RELEASE),
                net.jqwik.api.Tuple.of(6, Op.DISPUTE),
                net.jqwik.api.Tuple.of(2, Op.WITHDRAW),
                net.jqwik.api.Tuple.of(1, Op.PAYOUT_PAID),
                net.jqwik.api.Tuple.of(1, Op.PAYOUT_FAILED));
        Arbitrary<Action> actions = Combinators.combine(
                        ops,
                        Arbitraries.integers().between(0, 20).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.integers().between(0, 100).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.of(true, false))
                .as(Action::new);
        return actions.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void theLedgerBalancesWhateverHappensToLessonMoney(@ForAll("sequences") List<Action> sequence) {
        TenantContext.runAs(world.tenant(), () -> {
            List<Lesson> lessons = new ArrayList<>();
            List<UUID> pendingWithdrawals = new ArrayList<>();
            for (Action action : sequence) {
                apply(action, lessons, pendingWithdrawals);
            }
            // what is still on its way is settled one way or the other, so that the next sequence may withdraw
            for (UUID withdrawal : pendingWithdrawals) {
                payoutNews(withdrawal, true);
                count("payout paid");
            }
            if (++triesRun % TRIES_PER_ANALYZE == 0) {
                analyzeTables();
            }
            checkInvariants();
        });
    }

    /**
     * Gives the planner the statistics autovacuum keeps for a database that has been running a while: these tables
     * grow by hundreds of rows within the property's seconds, far faster than autovacuum's minute, and on the
     * statistics of their near-empty start the prepayment check below compared every line with every entry (97 ms at
     * 700 entries instead of 2.5 ms). As the superuser: the application's role may not analyze tables it does not own.
     */
    private void analyzeTables() {
        JdbcClient.create(postgres.getDatabase("postgres", "lyceum"))
                .sql("ANALYZE journal_entries, journal_lines, ledger_accounts, orders, refunds, withdrawals")
                .update();
    }

    private void apply(Action a, List<Lesson> lessons, List<UUID> pendingWithdrawals) {
        UUID tutor = world.tutors().get(a.target() % world.tutors().size());
        UUID student = world.students().get(a.target() % world.students().size());
        // the action's lesson is one of those it applies to (so that most actions do something)
        List<Lesson> eligible =
                switch (a.op()) {
                    case CANCEL, COMPLETE, NO_SHOW_STUDENT, NO_SHOW_TUTOR ->
                        lessons.stream()
                                .filter(l -> l.state.equals("CONFIRMED"))
                                .toList();
                    case DISPUTE ->
                        lessons.stream()
                                .filter(l -> List.of("COMPLETED", "NO_SHOW_STUDENT", "NO_SHOW_TUTOR")
                                        .contains(l.state))
                                .toList();
                    default -> lessons;
                };
        Lesson lesson = eligible.isEmpty() ? null : eligible.get(a.target() % eligible.size());
        switch (a.op()) {
            case PAY -> {
                lessons.add(paidLesson(tutor, student, false));
                count("pay");
            }
            case PAY_WITH_CREDIT -> {
                lessons.add(paidLesson(tutor, student, true));
                count("pay with credit");
            }
            case CANCEL -> {
                if (lesson != null && lesson.state.equals("CONFIRMED")) {
                    cancel(lesson, a.percent(), a.flag());
                    count("cancel");
                }
            }
            case COMPLETE, NO_SHOW_STUDENT -> {
                if (lesson != null && lesson.state.equals("CONFIRMED")) {
                    lesson.state = a.op() == Op.COMPLETE ? "COMPLETED" : "NO_SHOW_STUDENT";
                    setState(lesson);
                    // the dispute window closed already (released by the next release) or is still open
                    Instant disputableUntil = Instant.now().plus(a.flag() ? Duration.ofDays(-1) : Duration.ofDays(2));
                    tx(() -> earnings.earn(lesson.booking, lesson.tutor, disputableUntil));
                    count(a.op() == Op.COMPLETE ? "complete" : "student no-show");
                }
            }
            case NO_SHOW_TUTOR -> {
                if (lesson != null && lesson.state.equals("CONFIRMED")) {
                    lesson.state = "NO_SHOW_TUTOR";
                    setState(lesson);
                    tx(() -> {
                        earnings.tutorNoShow(
                                lesson.booking,
                                PRICE.currency(),
                                new Orders.Actor(lesson.student, "STUDENT"),
                                "absent");
                        return null;
                    });
                    count("tutor no-show");
                }
            }
            case RELEASE -> {
                if (tx(() -> earnings.releaseDue()) > 0) {
                    count("release");
                }
            }
            case DISPUTE -> {
                if (lesson != null
                        && List.of("COMPLETED", "NO_SHOW_STUDENT", "NO_SHOW_TUTOR")
                                .contains(lesson.state)) {
                    dispute(lesson, a.percent());
                }
            }
            case WITHDRAW -> {
                if (pendingWithdrawals.stream().noneMatch(w -> tutorOf(w).equals(tutor))) {
                    long available = ledger.balance(LedgerAccountType.TUTOR_AVAILABLE, tutor, PRICE.currency())
                            .amount();
                    long amount = Math.max(2000, available * a.percent() / 100);
                    if (amount <= available) {
                        UUID id = tx(() -> withdrawals.withdraw(tutor(world.tenant(), tutor), Money.of(amount, "GBP")))
                                .id();
                        pendingWithdrawals.add(id);
                        count("withdraw");
                    }
                }
            }
            case PAYOUT_PAID, PAYOUT_FAILED -> {
                if (!pendingWithdrawals.isEmpty()) {
                    UUID id = pendingWithdrawals.remove(a.target() % pendingWithdrawals.size());
                    payoutNews(id, a.op() == Op.PAYOUT_PAID);
                    count(a.op() == Op.PAYOUT_PAID ? "payout paid" : "payout failed");
                    if (a.flag()) {
                        // the provider repeats itself, or reports the other outcome late: both are ignored
                        payoutNews(id, a.op() != Op.PAYOUT_PAID);
                    }
                }
            }
        }
    }

    private Lesson paidLesson(UUID tutor, UUID student, boolean credit) {
        UUID booking = Ids.newId();
        // far in the future: scheduling's timers (auto-complete, reminders) never touch these rows, the sequence alone
        // moves them
        Instant start = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofHours(2 * SLOT.getAndIncrement()));
        jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :start, :end, :end, 'CONFIRMED',
                                :amount, 'GBP', now(), now())
                        """)
                .param("id", booking)
                .param("t", world.tenant().value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .param("amount", PRICE.amount())
                .update();
        if (credit) {
            tx(() -> {
                ledger.post(posting(
                        "PACKAGE_PURCHASE",
                        "test:credit:" + booking,
                        null,
                        Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, PRICE),
                        Line.credit(LedgerAccountType.STUDENT_CREDIT, student, PRICE)));
                return ledger.post(posting(
                        "CREDIT_USED",
                        "booking:" + booking + ":credit-used",
                        booking,
                        Line.debit(LedgerAccountType.STUDENT_CREDIT, student, PRICE),
                        Line.credit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, PRICE)));
            });
            world.creditBought().merge(booking, PRICE.amount(), Long::sum);
        } else {
            tx(() -> {
                Order order = orders.open(
                        new Orders.NewOrder(OrderKind.BOOKING, booking, student, student, tutor, "Lesson", PRICE, null),
                        Orders.Actor.SYSTEM);
                String customer = provider.createCustomer(student, null, null, "cus:" + student);
                String method =
                        provider.attachPaymentMethod(customer, "pm_card_visa").id();
                ProviderPayment payment = provider.createPayment(new PaymentRequest(
                        PRICE,
                        customer,
                        method,
                        "Lesson",
                        Map.of(
                                "tenantId",
                                world.tenant().value().toString(),
                                "orderId",
                                order.id().toString()),
                        null,
                        "pay:" + order.id()));
                recordPayment(order, payment);
                return order;
            });
        }
        return new Lesson(booking, tutor, student);
    }

    /** As the cancellation code does: refund, a fee for the platform and compensation for the tutor. */
    private void cancel(Lesson lesson, int refundPercent, boolean withFee) {
        lesson.state = "CANCELLED";
        setState(lesson);
        Money refund = PRICE.basisPoints(refundPercent * 100);
        Money rest = PRICE.minus(refund);
        Money fee = withFee ? rest.basisPoints(5000) : Money.zero(PRICE.currency());
        Money compensation = rest.minus(fee);
        tx(() -> {
            if (refund.isPositive()) {
                Order order = orders.findByReference(OrderKind.BOOKING, lesson.booking)
                        .orElse(null);
                if (order != null) {
                    refunds.refund(
                            order.id(),
                            List.of(Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, refund)),
                            "booking:" + lesson.booking + ":cancelled",
                            "cancelled",
                            Orders.Actor.SYSTEM);
                } else {
                    ledger.post(posting(
                            "REFUND_TO_CREDIT",
                            "booking:" + lesson.booking + ":cancelled",
                            lesson.booking,
                            Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, refund),
                            Line.credit(LedgerAccountType.STUDENT_CREDIT, lesson.student, refund)));
                }
            }
            if (rest.isPositive()) {
                ledger.post(new Posting(
                        "CANCELLATION_FEE",
                        "booking:" + lesson.booking + ":cancellation-fee",
                        "fee",
                        null,
                        lesson.booking,
                        null,
                        Instant.now(),
                        List.of(
                                Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, rest),
                                Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, fee),
                                Line.credit(LedgerAccountType.TUTOR_AVAILABLE, lesson.tutor, compensation))));
            }
            return null;
        });
    }

    private void dispute(Lesson lesson, int percent) {
        lesson.state = "DISPUTED";
        setState(lesson);
        tx(() -> {
            earnings.disputed(lesson.booking);
            return null;
        });
        DisputeOutcome outcome = DisputeOutcome.values()[percent % 3];
        Money refund =
                switch (outcome) {
                    case REFUND_STUDENT -> PRICE;
                    case RELEASE_TUTOR -> Money.zero(PRICE.currency());
                    case SPLIT -> PRICE.basisPoints(Math.max(1, Math.min(99, percent)) * 100);
                };
        count("dispute " + outcome);
        lesson.state = "RESOLVED";
        setState(lesson);
        tx(() -> {
            earnings.settleDispute(
                    lesson.booking, lesson.tutor, outcome, refund, PRICE.minus(refund), null, "property");
            return null;
        });
    }

    private void payoutNews(UUID withdrawalId, boolean paid) {
        Withdrawals.Withdrawal w = withdrawals.find(withdrawalId).orElseThrow();
        ProviderPayout payout = new ProviderPayout(
                w.providerPayoutId(),
                null,
                w.amount(),
                paid ? "paid" : "failed",
                paid ? null : "account_closed",
                paid ? null : "The bank account has been closed.",
                Map.of("tenantId", world.tenant().value().toString(), "withdrawalId", withdrawalId.toString()));
        ProviderEvent event = new ProviderEvent(
                "evt_" + UUID.randomUUID(),
                paid ? "payout.paid" : "payout.failed",
                Instant.now(),
                null,
                null,
                payout,
                payout.metadata());
        tx(() -> {
            withdrawals.handle(event);
            return null;
        });
    }

    private UUID tutorOf(UUID withdrawalId) {
        return withdrawals.find(withdrawalId).orElseThrow().tutorId();
    }

    private void setState(Lesson lesson) {
        jdbc.sql("UPDATE bookings SET state = :s, updated_at = now() WHERE id = :id")
                .param("s", lesson.state)
                .param("id", lesson.booking)
                .update();
    }

    /**
     * What {@link Orders#recordPayment} records (order, history, the receipt entry), without the booking fulfilment's
     * {@code BookingPaymentSucceeded}: the sequence moves its bookings' states itself, and scheduling's asynchronous
     * answer to a payment for a booking the sequence has meanwhile cancelled would race with it.
     */
    private void recordPayment(Order order, ProviderPayment payment) {
        Order locked = orders.lock(order.id());
        Instant now = Instant.now();
        Order paid = locked.withPayment(provider.name(), payment.id(), now);
        orders.save(paid);
        orders.transition(paid, OrderStatus.PAID, Orders.Actor.PROVIDER, "paid", null);
        ledger.post(new Posting(
                "PAYMENT",
                "order:" + order.id() + ":paid",
                order.description(),
                order.id(),
                order.referenceId(),
                null,
                now,
                List.of(
                        Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, payment.amount()),
                        Line.credit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, payment.amount()))));
    }

    private static Posting posting(String kind, String reference, UUID booking, Line... lines) {
        return new Posting(kind, reference, kind, null, booking, null, Instant.now(), List.of(lines));
    }

    private <T> T tx(Supplier<T> work) {
        return transactions.execute(s -> work.get());
    }

    private void checkInvariants() {
        long unbalanced = jdbc.sql("""
                        SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id, currency
                                              HAVING sum(amount) <> 0) x
                        """).query(Long.class).single();
        assertThat(unbalanced).as("entries that do not sum to zero").isZero();
        List<Long> totals = jdbc.sql("SELECT sum(amount) FROM journal_lines GROUP BY currency")
                .query(Long.class)
                .list();
        assertThat(totals).as("all balances together, per currency").allMatch(t -> t == 0);
        List<String> negative = jdbc.sql("""
                        SELECT a.type || ' ' || a.owner_id || ' ' || sum(l.amount)
                        FROM ledger_accounts a JOIN journal_lines l ON l.tenant_id = a.tenant_id AND l.account_id = a.id
                        WHERE a.type IN ('TUTOR_PENDING', 'TUTOR_AVAILABLE', 'TUTOR_PAYOUTS_IN_TRANSIT',
                                         'STUDENT_CREDIT', 'CUSTOMER_PREPAYMENTS', 'REFUNDS_IN_TRANSIT')
                        GROUP BY a.type, a.owner_id
                        HAVING sum(l.amount) > 0
                        """).query(String.class).list();
        assertThat(negative).as("credit-normal balances below zero").isEmpty();
        List<String> negativePrepayments = jdbc.sql("""
                        SELECT e.booking_id || ': ' || string_agg(e.kind || ' ' || e.reference || ' ' || l.amount, ', ')
                        FROM journal_entries e
                        JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE a.type = 'CUSTOMER_PREPAYMENTS' AND e.booking_id IS NOT NULL
                        GROUP BY e.booking_id HAVING sum(l.amount) > 0
                        """).query(String.class).list();
        assertThat(negativePrepayments)
                .as("bookings whose prepayment went below zero")
                .isEmpty();
        long clearing = ledger.balance(LedgerAccountType.PROVIDER_CLEARING, null, PRICE.currency())
                .amount();
        long payments = jdbc.sql("SELECT coalesce(sum(amount), 0) FROM orders WHERE status IN"
                        + " ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED') AND currency = 'GBP'")
                .query(Long.class)
                .single();
        long credits = world.creditBought().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long refunded = jdbc.sql("SELECT coalesce(sum(amount), 0) FROM refunds WHERE status = 'SUCCEEDED'")
                .query(Long.class)
                .single();
        long paidOut = jdbc.sql("SELECT coalesce(sum(amount), 0) FROM withdrawals WHERE status = 'PAID'")
                .query(Long.class)
                .single();
        assertThat(clearing)
                .as("clearing = payments - refunds settled - payouts paid")
                .isEqualTo(payments + credits - refunded - paidOut);
        long ordersOff = jdbc.sql("""
                        SELECT count(*) FROM orders o
                        WHERE o.refunded_amount <> (SELECT coalesce(sum(r.amount), 0) FROM refunds r
                                                    WHERE r.tenant_id = o.tenant_id AND r.order_id = o.id)
                        """).query(Long.class).single();
        assertThat(ordersOff)
                .as("orders whose refunded amount is not the sum of their refunds")
                .isZero();
    }
}
