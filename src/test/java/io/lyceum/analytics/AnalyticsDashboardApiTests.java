package io.lyceum.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.analytics.AnalyticsFixture.Booking;
import io.lyceum.analytics.AnalyticsFixture.Movement;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin and owner dashboards against figures computed here, in Java, from a generated year of a fresh tenant's
 * history (tenant zone Europe/Paris, so months are Paris months): the SQL of the owning modules and the composition in
 * analytics must agree with a straightforward recount.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsDashboardApiTests extends ApiTestBase {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate TO = LocalDate.of(2025, 12, 31);
    static final Instant START = FROM.atStartOfDay(PARIS).toInstant();
    static final Instant END = TO.plusDays(1).atStartOfDay(PARIS).toInstant();
    static final String RANGE = "?from=" + FROM + "&to=" + TO;

    @Autowired
    TransactionTemplate transactions;

    String slug;
    SignedIn owner;
    SignedIn admin;
    SignedIn student;
    AnalyticsFixture data;

    @BeforeAll
    void generate() {
        io.lyceum.testsupport.http.Http.port = port;
        slug = Tenants.uniqueSlug("analytics");
        owner = Tenants.newTenantWithOwner(slug);
        admin = Tenants.newStaff(jdbc, "ADMIN", slug);
        student = Accounts.newUser("STUDENT", slug);
        data = new AnalyticsFixture(jdbc, transactions, Tenants.idOf(jdbc, slug), 18)
                .generate(
                        Instant.parse("2024-12-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), 12, 40, 600, 400);
        // students who registered in 2025 and booked after a known wait (lessons in March 2026, after the history)
        for (int i = 0; i < 5; i++) {
            data.newStudentWithFirstBooking(
                    Instant.parse("2025-0" + (i + 3) + "-10T10:00:00Z"),
                    Duration.ofHours(5 + 24L * i),
                    Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofHours(2L * i)));
        }
        // 23:30 UTC on 31 January is 00:30 on 1 February in Paris: a February payment
        data.payment(Instant.parse("2025-01-31T23:30:00Z"), "GBP", 777);
        // 23:30 UTC on 31 December 2024 is already 2025 in Paris; 23:30 UTC on 31 December 2025 is 2026
        data.payment(Instant.parse("2024-12-31T23:30:00Z"), "EUR", 555);
        data.payment(Instant.parse("2025-12-31T23:30:00Z"), "EUR", 999);
    }

    static boolean inPeriod(Instant at) {
        return !at.isBefore(START) && at.isBefore(END);
    }

    List<Booking> periodBookings() {
        return data.bookings.stream().filter(b -> inPeriod(b.startsAt())).toList();
    }

    static boolean in(String state, String... states) {
        return Set.of(states).contains(state);
    }

    /** month -> currency -> [gross, commission, refunds, payouts] */
    Map<YearMonth, Map<String, long[]>> expectedMoney() {
        Map<YearMonth, Map<String, long[]>> expected = new TreeMap<>();
        for (Movement m : data.movements) {
            if (!inPeriod(m.at())) {
                continue;
            }
            long[] row = expected.computeIfAbsent(YearMonth.from(m.at().atZone(PARIS)), x -> new TreeMap<>())
                    .computeIfAbsent(m.currency(), c -> new long[4]);
            row[List.of("gross", "commission", "refunds", "payouts").indexOf(m.kind())] += m.amount();
        }
        return expected;
    }

    @Test
    void monthlyRevenueMatchesTheLedgerRecountedPerParisMonthAndCurrency() {
        JsonPath json = admin.api()
                .get("/api/v1/admin/dashboard/monthly-revenue" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getString("period.timeZone")).isEqualTo("Europe/Paris");
        List<Map<String, Object>> months = json.getList("months");
        assertThat(months).hasSize(12);
        Map<YearMonth, Map<String, long[]>> expected = expectedMoney();
        Map<String, long[]> totals = new TreeMap<>();
        for (Map<String, Object> month : months) {
            YearMonth ym = YearMonth.parse((String) month.get("month"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) month.get("currencies");
            assertThat(rows).extracting(r -> r.get("currency")).containsExactly("EUR", "GBP");
            for (Map<String, Object> row : rows) {
                String currency = (String) row.get("currency");
                long[] want = expected.getOrDefault(ym, Map.of()).getOrDefault(currency, new long[4]);
                assertThat(amount(row, "gross", currency))
                        .as(ym + " " + currency + " gross")
                        .isEqualTo(want[0]);
                assertThat(amount(row, "commission", currency))
                        .as(ym + " commission")
                        .isEqualTo(want[1]);
                assertThat(amount(row, "refunds", currency)).as(ym + " refunds").isEqualTo(want[2]);
                assertThat(amount(row, "payouts", currency)).as(ym + " payouts").isEqualTo(want[3]);
                assertThat(amount(row, "net", currency)).isEqualTo(want[0] - want[2]);
                long[] total = totals.computeIfAbsent(currency, c -> new long[4]);
                for (int i = 0; i < 4; i++) {
                    total[i] += want[i];
                }
            }
        }
        // the boundary payments landed in the Paris month
        assertThat(expected.get(YearMonth.of(2025, 2)).get("GBP")[0]).isGreaterThanOrEqualTo(777);
        List<Map<String, Object>> apiTotals = json.getList("totals");
        assertThat(apiTotals).hasSize(2);
        for (Map<String, Object> row : apiTotals) {
            String currency = (String) row.get("currency");
            assertThat(amount(row, "gross", currency)).isEqualTo(totals.get(currency)[0]);
            assertThat(amount(row, "payouts", currency)).isEqualTo(totals.get(currency)[3]);
        }
    }

    @SuppressWarnings("unchecked")
    static long amount(Map<String, Object> row, String field, String currency) {
        Map<String, Object> money = (Map<String, Object>) row.get(field);
        assertThat(money.get("currency")).isEqualTo(currency);
        return ((Number) money.get("amount")).longValue();
    }

    @Test
    void sessionMetricsAndStatsCountTheBookingsStartingInThePeriod() {
        List<Booking> period = periodBookings();
        long done = period.stream()
                .filter(b -> in(b.state(), "COMPLETED", "RESOLVED"))
                .count();
        long upcoming = period.stream()
                .filter(b -> in(b.state(), "PENDING_PAYMENT", "REQUESTED", "CONFIRMED"))
                .count();
        long cancelled = period.stream()
                .filter(b -> in(b.state(), "CANCELLED", "DECLINED", "EXPIRED"))
                .count();
        long noShows = period.stream()
                .filter(b -> in(b.state(), "NO_SHOW_STUDENT", "NO_SHOW_TUTOR"))
                .count();
        long disputed = period.stream()
                .filter(b -> in(b.state(), "DISPUTED", "RESOLVED"))
                .count();
        long minutes = period.stream()
                .filter(b -> in(b.state(), "COMPLETED", "DISPUTED", "RESOLVED"))
                .mapToLong(Booking::minutes)
                .sum();

        JsonPath json = admin.api()
                .get("/api/v1/admin/dashboard/session-metrics" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("total")).isEqualTo(period.size()).isPositive();
        assertThat(json.getLong("completed")).isEqualTo(done);
        assertThat(json.getLong("upcoming")).isEqualTo(upcoming);
        assertThat(json.getLong("cancelled")).isEqualTo(cancelled);
        assertThat(json.getLong("noShows")).isEqualTo(noShows);
        assertThat(json.getLong("disputed")).isEqualTo(disputed);
        assertThat(json.getLong("hoursTaught")).isEqualTo(minutes / 60);
        assertThat(new BigDecimal(json.getString("completionRate")))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(done).divide(BigDecimal.valueOf(period.size()), 4, RoundingMode.HALF_UP));

        JsonPath stats = admin.api()
                .get("/api/v1/admin/dashboard/stats" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stats.getLong("sessions.total")).isEqualTo(period.size());
        // users per role: the fixture's plus the owner, the admin and the student signed up through the API
        assertThat(stats.getLong("users.find { it.role == 'TUTOR' }.total")).isEqualTo(data.tutors.size());
        assertThat(stats.getLong("users.find { it.role == 'STUDENT' }.total")).isEqualTo(data.students.size() + 1);
        assertThat(stats.getLong("users.find { it.role == 'OWNER' }.total")).isEqualTo(1);
        assertThat(stats.getLong("users.find { it.role == 'ADMIN' }.total")).isEqualTo(1);
        Map<YearMonth, Map<String, long[]>> money = expectedMoney();
        long eurGross = money.values().stream()
                .mapToLong(m -> m.getOrDefault("EUR", new long[4])[0])
                .sum();
        assertThat(stats.getLong("revenue.find { it.currency == 'EUR' }.gross.amount"))
                .isEqualTo(eurGross);
    }

    @Test
    void subjectDistributionCountsBookingsThatHeldASlot() {
        Map<UUID, Long> expected = periodBookings().stream()
                .filter(b -> !in(b.state(), "CANCELLED", "DECLINED", "EXPIRED"))
                .collect(Collectors.groupingBy(Booking::subjectId, Collectors.counting()));
        JsonPath json = admin.api()
                .get("/api/v1/admin/dashboard/subject-distribution" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> subjects = json.getList("subjects");
        assertThat(subjects).hasSize(expected.size());
        long previous = Long.MAX_VALUE;
        for (Map<String, Object> s : subjects) {
            UUID id = UUID.fromString((String) s.get("subjectId"));
            long bookings = ((Number) s.get("bookings")).longValue();
            assertThat(bookings).isEqualTo(expected.get(id)).isLessThanOrEqualTo(previous);
            assertThat(s.get("name")).isEqualTo(data.subjectNames.get(id));
            previous = bookings;
        }
        assertThat(json.getLong("totalBookings"))
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void userGrowthCountsRegistrationsPerParisMonthAndRole() {
        Map<YearMonth, Map<String, Long>> expected = new TreeMap<>();
        for (var user : data.users) {
            if (inPeriod(user.createdAt())) {
                expected.computeIfAbsent(YearMonth.from(user.createdAt().atZone(PARIS)), m -> new HashMap<>())
                        .merge(user.role(), 1L, Long::sum);
            }
        }
        Map<YearMonth, Long> placed = new TreeMap<>();
        for (Booking b : data.bookings) {
            if (inPeriod(b.createdAt())) {
                placed.merge(YearMonth.from(b.createdAt().atZone(PARIS)), 1L, Long::sum);
            }
        }
        for (String path : List.of("/api/v1/admin/dashboard/user-growth", "/api/v1/owner/growth")) {
            SignedIn caller = path.startsWith("/api/v1/owner") ? owner : admin;
            JsonPath json = caller.api()
                    .get(path + RANGE)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> months = json.getList("months");
            assertThat(months).hasSize(12);
            for (Map<String, Object> month : months) {
                YearMonth ym = YearMonth.parse((String) month.get("month"));
                @SuppressWarnings("unchecked")
                Map<String, Object> signups = (Map<String, Object>) month.get("signups");
                for (String role : List.of("TUTOR", "STUDENT")) {
                    assertThat(((Number) signups.get(role)).longValue())
                            .as(ym + " " + role)
                            .isEqualTo(expected.getOrDefault(ym, Map.of()).getOrDefault(role, 0L));
                }
                assertThat(((Number) month.get("bookingsPlaced")).longValue()).isEqualTo(placed.getOrDefault(ym, 0L));
            }
        }
    }

    @Test
    void healthRatesMatchARecount() {
        List<Booking> period = periodBookings();
        Map<UUID, Long> perStudent = period.stream()
                .filter(b -> !in(b.state(), "CANCELLED", "DECLINED", "EXPIRED"))
                .collect(Collectors.groupingBy(Booking::studentId, Collectors.counting()));
        long repeat = perStudent.values().stream().filter(n -> n >= 2).count();
        long taught = period.stream()
                .filter(b -> in(b.state(), "COMPLETED", "DISPUTED", "RESOLVED"))
                .count();
        long disputed = period.stream()
                .filter(b -> in(b.state(), "DISPUTED", "RESOLVED"))
                .count();
        long teaching = period.stream()
                .filter(b -> in(b.state(), "COMPLETED", "DISPUTED", "RESOLVED"))
                .map(Booking::tutorId)
                .distinct()
                .count();
        // median time from registration to first booking of the students who registered in the period
        Map<UUID, Instant> first = new HashMap<>();
        for (Booking b : data.bookings) {
            first.merge(b.studentId(), b.createdAt(), (a, c) -> a.isBefore(c) ? a : c);
        }
        List<Duration> waits = data.users.stream()
                .filter(u -> u.role().equals("STUDENT") && inPeriod(u.createdAt()))
                .filter(u -> first.containsKey(u.id()) && !first.get(u.id()).isBefore(u.createdAt()))
                .map(u -> Duration.between(u.createdAt(), first.get(u.id())))
                .sorted()
                .toList();
        Duration median = waits.isEmpty()
                ? null
                : waits.size() % 2 == 1
                        ? waits.get(waits.size() / 2)
                        : waits.get(waits.size() / 2 - 1)
                                .plus(waits.get(waits.size() / 2))
                                .dividedBy(2);

        JsonPath json = owner.api()
                .get("/api/v1/owner/health" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("studentsBooking")).isEqualTo(perStudent.size());
        assertThat(json.getLong("repeatStudents")).isEqualTo(repeat);
        assertThat(new BigDecimal(json.getString("repeatBookingRate")))
                .isEqualByComparingTo(BigDecimal.valueOf(repeat)
                        .divide(BigDecimal.valueOf(perStudent.size()), 4, RoundingMode.HALF_UP));
        assertThat(json.getLong("lessonsTaught")).isEqualTo(taught);
        assertThat(json.getLong("disputedLessons")).isEqualTo(disputed);
        assertThat(new BigDecimal(json.getString("disputesPer100Lessons")))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(disputed * 100).divide(BigDecimal.valueOf(taught), 2, RoundingMode.HALF_UP));
        assertThat(json.getLong("tutorsWithAvailability")).isEqualTo(data.scheduled.size());
        assertThat(json.getLong("tutorsTeaching")).isEqualTo(teaching);
        assertThat(new BigDecimal(json.getString("tutorUtilisation")))
                .isEqualByComparingTo(BigDecimal.valueOf(teaching)
                        .divide(BigDecimal.valueOf(data.scheduled.size()), 4, RoundingMode.HALF_UP));
        assertThat(json.getLong("newStudentsWhoBooked")).isEqualTo(waits.size());
        assertThat(median).isNotNull();
        assertThat(Duration.parse(json.getString("medianTimeToFirstBooking"))).isEqualTo(median);
        Map<YearMonth, Map<String, long[]>> money = expectedMoney();
        long gbpGross = 0;
        long gbpRefunds = 0;
        for (var m : money.values()) {
            long[] row = m.getOrDefault("GBP", new long[4]);
            gbpGross += row[0];
            gbpRefunds += row[2];
        }
        assertThat(new BigDecimal(json.getString("refundRates.find { it.currency == 'GBP' }.rate")))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(gbpRefunds).divide(BigDecimal.valueOf(gbpGross), 4, RoundingMode.HALF_UP));
    }

    @Test
    void searchesAreCountedInMemoryAndFlushedForTheConversionRate() {
        LocalDate today = LocalDate.now(testClock.withZone(PARIS));
        for (int i = 0; i < 7; i++) {
            Accounts.request(slug).get("/api/v1/tutors?page=" + i).then().statusCode(200);
        }
        String range = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(owner.api()
                        .get("/api/v1/owner/health" + range)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("searches"))
                .isEqualTo(7));
        JsonPath json = owner.api()
                .get("/api/v1/owner/health" + range)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // bookings placed in the same days (the upcoming-sessions test may have placed some) over the 7 searches
        Instant from = today.minusDays(1).atStartOfDay(PARIS).toInstant();
        Instant to = today.plusDays(2).atStartOfDay(PARIS).toInstant();
        long placed = data.bookings.stream()
                .filter(b -> !b.createdAt().isBefore(from) && b.createdAt().isBefore(to))
                .count();
        assertThat(json.getLong("bookingsPlaced")).isEqualTo(placed);
        assertThat(new BigDecimal(json.getString("searchToBooking")))
                .isEqualByComparingTo(
                        BigDecimal.valueOf(placed).divide(BigDecimal.valueOf(7), 4, RoundingMode.HALF_UP));
    }

    @Test
    void ownerRevenueAndDashboardAgreeWithTheAdminFigures() {
        JsonPath admins = admin.api()
                .get("/api/v1/admin/dashboard/monthly-revenue" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath revenue = owner.api()
                .get("/api/v1/owner/revenue" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(revenue.getList("totals")).isEqualTo(admins.getList("totals"));
        assertThat(revenue.getList("months")).isEqualTo(admins.getList("months"));
        JsonPath dashboard = owner.api()
                .get("/api/v1/owner/dashboard" + RANGE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(dashboard.getList("revenue")).isEqualTo(admins.getList("totals"));
        assertThat(dashboard.getLong("sessions.total"))
                .isEqualTo(periodBookings().size());
        assertThat(dashboard.getLong("health.lessonsTaught")).isPositive();
    }

    @Test
    void recentActivitiesMergeTheNewestOfEachSourceNewestFirst() {
        JsonPath json = admin.api()
                .get("/api/v1/admin/dashboard/recent-activities?limit=15")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> times = json.getList("content.occurredAt");
        assertThat(times).hasSize(15);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Instant.parse(times.get(i))).isBeforeOrEqualTo(Instant.parse(times.get(i - 1)));
        }
        // the newest things are the API sign-ups of the owner, admin and student (the fixture's history is older)
        assertThat(json.getList("content.type").subList(0, 3)).containsOnly("USER_REGISTERED");
        assertThat(json.getList("content.subjectId").subList(0, 3))
                .containsExactlyInAnyOrder(
                        owner.userId().toString(),
                        admin.userId().toString(),
                        student.userId().toString());
        admin.api()
                .get("/api/v1/admin/dashboard/recent-activities?limit=0")
                .then()
                .statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("analytics.invalid_limit"));
    }

    @Test
    void onlyAdminsSeeTheDashboardAndOnlyOwnersTheOwnerRoutes() {
        for (String path : List.of(
                "/api/v1/admin/dashboard/stats",
                "/api/v1/admin/dashboard/recent-activities",
                "/api/v1/admin/dashboard/upcoming-sessions",
                "/api/v1/admin/dashboard/session-metrics",
                "/api/v1/admin/dashboard/monthly-revenue",
                "/api/v1/admin/dashboard/subject-distribution",
                "/api/v1/admin/dashboard/user-growth",
                "/api/v1/owner/dashboard",
                "/api/v1/owner/revenue",
                "/api/v1/owner/growth",
                "/api/v1/owner/health")) {
            student.api()
                    .get(path)
                    .then()
                    .statusCode(403)
                    .body("code", org.hamcrest.Matchers.equalTo("auth.forbidden"));
            Accounts.request(slug).get(path).then().statusCode(401);
            // the owner sees everything (OWNER includes ADMIN)
            owner.api().get(path).then().statusCode(200);
            if (path.startsWith("/api/v1/owner")) {
                admin.api()
                        .get(path)
                        .then()
                        .statusCode(403)
                        .body("code", org.hamcrest.Matchers.equalTo("auth.forbidden"));
            }
        }
    }

    @Test
    void badPeriodsAreRefusedWithEveryProblemListed() {
        admin.api()
                .get("/api/v1/admin/dashboard/stats?from=2025-13-01&to=yesterday")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("analytics.invalid_period"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("from", "to"));
        admin.api()
                .get("/api/v1/admin/dashboard/monthly-revenue?from=2025-06-01&to=2025-05-31")
                .then()
                .statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("analytics.invalid_period"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        owner.api()
                .get("/api/v1/owner/health?from=2020-01-01&to=2025-01-01")
                .then()
                .statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("analytics.invalid_period"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("at most"));
    }

    @Test
    void upcomingSessionsArePagedWithNamesFromNowOn() {
        // lessons over the next days in every state; only pending, requested and confirmed ones are upcoming, and only
        // those inside the default window (today and the next 29 days)
        Instant base = testClock
                .instant()
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(Duration.ofHours(3));
        String[] states = {"CONFIRMED", "REQUESTED", "CANCELLED", "PENDING_PAYMENT", "DECLINED", "CONFIRMED"};
        List<Booking> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Booking b = data.booking(states[i % states.length], base.plus(Duration.ofHours(7L * i)));
            if (in(b.state(), "PENDING_PAYMENT", "REQUESTED", "CONFIRMED")) {
                expected.add(b);
            }
        }
        data.booking("CONFIRMED", base.plus(Duration.ofDays(45)));
        JsonPath json = admin.api()
                .get("/api/v1/admin/dashboard/upcoming-sessions?size=3&page=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getLong("page.totalElements")).isEqualTo(expected.size());
        assertThat(json.getList("content.bookingId"))
                .containsExactlyElementsOf(expected.subList(3, 6).stream()
                        .map(b -> b.id().toString())
                        .toList());
        assertThat(json.getString("content[0].subject.name"))
                .isEqualTo(data.subjectNames.get(expected.get(3).subjectId()));
        assertThat(json.getString("content[0].tutor.name")).startsWith("Fixture tutor");
        assertThat(json.getString("content[0].student.name")).startsWith("Fixture student");
    }
}
