package io.lyceum.analytics;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates a tenant's marketplace history straight into the owning modules' tables (users, subjects, bookings, the
 * ledger), with a seeded random source, and keeps what it wrote as plain Java records, so tests compute the expected
 * dashboard figures independently of the SQL under test. Every row goes through the real schema (constraints, the
 * ledger's balance trigger, row-level security with the tenant bound).
 */
final class AnalyticsFixture {

    static final String[] STATES = {
        "PENDING_PAYMENT",
        "REQUESTED",
        "CONFIRMED",
        "COMPLETED",
        "CANCELLED",
        "DECLINED",
        "EXPIRED",
        "NO_SHOW_STUDENT",
        "NO_SHOW_TUTOR",
        "DISPUTED",
        "RESOLVED"
    };

    static final String[] SETTLED = {
        "COMPLETED", "CANCELLED", "DECLINED", "EXPIRED", "NO_SHOW_STUDENT", "NO_SHOW_TUTOR", "DISPUTED", "RESOLVED"
    };

    record User(UUID id, String role, Instant createdAt) {}

    record Booking(
            UUID id,
            UUID tutorId,
            UUID studentId,
            UUID subjectId,
            String state,
            Instant startsAt,
            int minutes,
            long price,
            String currency,
            Instant createdAt) {}

    /** One ledger movement as the dashboards define it. */
    record Movement(String kind, long amount, String currency, Instant at) {}

    final List<User> users = new ArrayList<>();
    final List<UUID> tutors = new ArrayList<>();
    final List<UUID> students = new ArrayList<>();
    final List<UUID> scheduled = new ArrayList<>();
    final List<UUID> subjects = new ArrayList<>();
    final Map<UUID, String> subjectNames = new HashMap<>();
    final List<Booking> bookings = new ArrayList<>();
    final List<Movement> movements = new ArrayList<>();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TenantId tenant;
    private final Random random;
    private final Map<String, UUID> accounts = new HashMap<>();

    AnalyticsFixture(JdbcClient jdbc, TransactionTemplate transactions, TenantId tenant, long seed) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenant = tenant;
        this.random = new Random(seed);
    }

    /** A random instant in [from, to). */
    Instant between(Instant from, Instant to) {
        long span = Duration.between(from, to).toSeconds();
        return from.plusSeconds((long) (random.nextDouble() * span));
    }

    AnalyticsFixture generate(
            Instant from, Instant to, int tutorCount, int studentCount, int bookingCount, int entries) {
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    UUID category = UUID.randomUUID();
                    jdbc.sql("""
                            INSERT INTO categories (id, tenant_id, name, slug, position, created_at)
                            VALUES (:id, :t, 'Fixture', :slug, 0, now())
                            """)
                            .param("id", category)
                            .param("t", tenant.value())
                            .param("slug", "fixture-" + category.toString().substring(0, 8))
                            .update();
                    for (String name : List.of("Mathematics", "Physics", "Chemistry")) {
                        UUID id = UUID.randomUUID();
                        jdbc.sql("""
                                INSERT INTO subjects (id, tenant_id, category_id, name, created_at)
                                VALUES (:id, :t, :c, :name, now())
                                """)
                                .param("id", id)
                                .param("t", tenant.value())
                                .param("c", category)
                                .param("name", name + " " + id.toString().substring(0, 4))
                                .update();
                        subjects.add(id);
                        subjectNames.put(id, name + " " + id.toString().substring(0, 4));
                    }
                    for (int i = 0; i < tutorCount; i++) {
                        tutors.add(user("TUTOR", between(from, to)));
                    }
                    // every other tutor has availability
                    for (int i = 0; i < tutors.size(); i += 2) {
                        jdbc.sql("""
                                INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, updated_at)
                                VALUES (:id, :t, 'Europe/Paris', now())
                                """)
                                .param("id", tutors.get(i))
                                .param("t", tenant.value())
                                .update();
                        scheduled.add(tutors.get(i));
                    }
                    for (int i = 0; i < studentCount; i++) {
                        students.add(user("STUDENT", between(from, to)));
                    }
                    // one lesson per distinct hour: no two bookings overlap, whoever takes them
                    long hours = Duration.between(from, to).toHours() - 2;
                    java.util.Set<Long> used = new java.util.HashSet<>();
                    for (int i = 0; i < bookingCount; i++) {
                        long hour;
                        do {
                            hour = (long) (random.nextDouble() * hours);
                        } while (!used.add(hour));
                        Instant start = from.plus(Duration.ofHours(hour));
                        int minutes = random.nextBoolean() ? 60 : 30;
                        // lessons that started already are settled: the booking timers would move a past
                        // REQUESTED or CONFIRMED one (auto-decline, auto-complete) under the test's feet
                        String state = start.isBefore(Instant.now())
                                ? SETTLED[random.nextInt(SETTLED.length)]
                                : STATES[random.nextInt(STATES.length)];
                        UUID student = students.get(random.nextInt(students.size()));
                        UUID tutor = tutors.get(random.nextInt(tutors.size()));
                        UUID subject = subjects.get(random.nextInt(subjects.size()));
                        String currency = random.nextInt(3) == 0 ? "GBP" : "EUR";
                        long price = 1000 + random.nextInt(5000);
                        Instant created = start.minus(Duration.ofHours(1 + random.nextInt(200)));
                        insertBooking(tutor, student, subject, state, start, minutes, price, currency, created);
                    }
                    for (int i = 0; i < entries; i++) {
                        String currency = random.nextInt(3) == 0 ? "GBP" : "EUR";
                        Instant at = between(from, to);
                        long amount = 500 + random.nextInt(10_000);
                        UUID tutor = tutors.get(random.nextInt(tutors.size()));
                        switch (random.nextInt(4)) {
                            case 0 -> {
                                entry(
                                        "PAYMENT",
                                        at,
                                        currency,
                                        amount,
                                        "PROVIDER_CLEARING",
                                        null,
                                        "CUSTOMER_PREPAYMENTS",
                                        null);
                                movements.add(new Movement("gross", amount, currency, at));
                            }
                            case 1 -> {
                                long fee = amount / 5;
                                entry(
                                        "EARNING",
                                        at,
                                        currency,
                                        amount - fee,
                                        "CUSTOMER_PREPAYMENTS",
                                        null,
                                        "TUTOR_PENDING",
                                        tutor);
                                entry("FEE", at, currency, fee, "CUSTOMER_PREPAYMENTS", null, "PLATFORM_REVENUE", null);
                                movements.add(new Movement("commission", fee, currency, at));
                            }
                            case 2 -> {
                                entry(
                                        "REFUND",
                                        at,
                                        currency,
                                        amount,
                                        "CUSTOMER_PREPAYMENTS",
                                        null,
                                        "REFUNDS_IN_TRANSIT",
                                        null);
                                movements.add(new Movement("refunds", amount, currency, at));
                            }
                            default -> {
                                entry(
                                        "PAYOUT",
                                        at,
                                        currency,
                                        amount,
                                        "TUTOR_PAYOUTS_IN_TRANSIT",
                                        tutor,
                                        "PROVIDER_CLEARING",
                                        null);
                                movements.add(new Movement("payouts", amount, currency, at));
                            }
                        }
                    }
                }));
        return this;
    }

    /** One extra payment at a given instant (month boundaries), recorded like the generated ones. */
    void payment(Instant at, String currency, long amount) {
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> entry(
                        "PAYMENT", at, currency, amount, "PROVIDER_CLEARING", null, "CUSTOMER_PREPAYMENTS", null)));
        movements.add(new Movement("gross", amount, currency, at));
    }

    /** A student registered at {@code registered} whose first booking (a completed lesson) was placed after {@code wait}. */
    void newStudentWithFirstBooking(Instant registered, Duration wait, Instant lessonStart) {
        TenantContext.runAs(tenant, () -> {
            UUID student = user("STUDENT", registered);
            students.add(student);
            insertBooking(
                    tutors.getFirst(),
                    student,
                    subjects.getFirst(),
                    "COMPLETED",
                    lessonStart,
                    60,
                    2000,
                    "EUR",
                    registered.plus(wait));
        });
    }

    /** One more booking of a fixture tutor and student, placed an hour before it starts. */
    Booking booking(String state, Instant start) {
        return TenantContext.callAs(
                tenant,
                () -> insertBooking(
                        tutors.get(random.nextInt(tutors.size())),
                        students.get(random.nextInt(students.size())),
                        subjects.get(random.nextInt(subjects.size())),
                        state,
                        start,
                        60,
                        2500,
                        "EUR",
                        start.minus(Duration.ofHours(1))));
    }

    private Booking insertBooking(
            UUID tutor,
            UUID student,
            UUID subject,
            String state,
            Instant start,
            int minutes,
            long price,
            String currency,
            Instant created) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id,
                                              starts_at, ends_at, occupied_until, state, price_amount,
                                              price_currency, created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :start, :end, :end, :state,
                                :price, :currency, :created, :created)
                        """)
                .param("id", id)
                .param("t", tenant.value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", subject)
                .param("start", utc(start))
                .param("end", utc(start.plus(Duration.ofMinutes(minutes))))
                .param("state", state)
                .param("price", price)
                .param("currency", currency)
                .param("created", utc(created))
                .update();
        Booking booking = new Booking(id, tutor, student, subject, state, start, minutes, price, currency, created);
        bookings.add(booking);
        return booking;
    }

    private UUID user(String role, Instant createdAt) {
        UUID id = UUID.randomUUID();
        String email = role.toLowerCase() + "-" + id + "@fixture.example";
        jdbc.sql("""
                        INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status, time_zone,
                                           locale, created_at, updated_at)
                        VALUES (:id, :t, :email, :email, :name, :role, 'ACTIVE', 'Europe/Paris', 'en', :at, :at)
                        """)
                .param("id", id)
                .param("t", tenant.value())
                .param("email", email)
                .param(
                        "name",
                        "Fixture " + role.toLowerCase() + " " + id.toString().substring(0, 6))
                .param("role", role)
                .param("at", utc(createdAt))
                .update();
        users.add(new User(id, role, createdAt));
        return id;
    }

    /** A balanced two-line entry: debit one account, credit the other, in one currency. */
    private void entry(
            String kind,
            Instant at,
            String currency,
            long amount,
            String debitType,
            UUID debitOwner,
            String creditType,
            UUID creditOwner) {
        UUID entry = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO journal_entries (id, tenant_id, kind, reference, occurred_at, created_at)
                        VALUES (:id, :t, :kind, :ref, :at, now())
                        """)
                .param("id", entry)
                .param("t", tenant.value())
                .param("kind", kind)
                .param("ref", "fixture:" + entry)
                .param("at", utc(at))
                .update();
        line(entry, account(debitType, debitOwner, currency), amount, currency);
        line(entry, account(creditType, creditOwner, currency), -amount, currency);
    }

    private void line(UUID entry, UUID account, long amount, String currency) {
        jdbc.sql("""
                        INSERT INTO journal_lines (id, tenant_id, entry_id, account_id, amount, currency)
                        VALUES (:id, :t, :entry, :account, :amount, :currency)
                        """)
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .param("entry", entry)
                .param("account", account)
                .param("amount", amount)
                .param("currency", currency)
                .update();
    }

    private UUID account(String type, UUID owner, String currency) {
        return accounts.computeIfAbsent(type + "/" + owner + "/" + currency, key -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO ledger_accounts (id, tenant_id, type, owner_id, currency, created_at)
                            VALUES (:id, :t, :type, :owner, :currency, now())
                            """)
                    .param("id", id)
                    .param("t", tenant.value())
                    .param("type", type)
                    .param("owner", owner)
                    .param("currency", currency)
                    .update();
            return id;
        });
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
