package io.lyceum.analytics;

import io.lyceum.accounts.AccountsReporting;
import io.lyceum.accounts.Role;
import io.lyceum.analytics.DashboardViews.Activity;
import io.lyceum.analytics.DashboardViews.CurrencyRate;
import io.lyceum.analytics.DashboardViews.GrowthMonth;
import io.lyceum.analytics.DashboardViews.Health;
import io.lyceum.analytics.DashboardViews.MoneyFigures;
import io.lyceum.analytics.DashboardViews.MonthlyRevenue;
import io.lyceum.analytics.DashboardViews.OwnerDashboard;
import io.lyceum.analytics.DashboardViews.Party;
import io.lyceum.analytics.DashboardViews.PeriodView;
import io.lyceum.analytics.DashboardViews.RecentActivities;
import io.lyceum.analytics.DashboardViews.RevenueMonth;
import io.lyceum.analytics.DashboardViews.SessionMetrics;
import io.lyceum.analytics.DashboardViews.Stats;
import io.lyceum.analytics.DashboardViews.SubjectDistribution;
import io.lyceum.analytics.DashboardViews.SubjectShare;
import io.lyceum.analytics.DashboardViews.UpcomingSession;
import io.lyceum.analytics.DashboardViews.UserCount;
import io.lyceum.analytics.DashboardViews.UserGrowth;
import io.lyceum.billing.BillingReporting;
import io.lyceum.billing.BillingReporting.MonthlyMoney;
import io.lyceum.catalog.CatalogReporting;
import io.lyceum.scheduling.SchedulingReporting;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenancyApi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Composes the admins' and the owner's dashboards from the owning modules' reporting interfaces. Every figure is
 * computed in SQL by its module; this class only chooses the period (the tenant's time zone), joins names, fills the
 * months of the period and divides for rates. Money is kept per currency throughout.
 */
@Service
class Dashboards {

    static final int MAX_ACTIVITIES = 100;

    private final AccountsReporting accounts;
    private final CatalogReporting catalog;
    private final SchedulingReporting scheduling;
    private final BillingReporting billing;
    private final TenancyApi tenancy;
    private final AnalyticsProperties properties;
    private final Clock clock;

    Dashboards(
            AccountsReporting accounts,
            CatalogReporting catalog,
            SchedulingReporting scheduling,
            BillingReporting billing,
            TenancyApi tenancy,
            AnalyticsProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.scheduling = scheduling;
        this.billing = billing;
        this.tenancy = tenancy;
        this.properties = properties;
        this.clock = clock;
    }

    ZoneId zone() {
        return ZoneId.of(tenancy.current().timeZone());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone()));
    }

    /** A period ending today that starts with the month eleven months back: the last twelve calendar months. */
    Period lastTwelveMonths(@Nullable String from, @Nullable String to) {
        LocalDate today = today();
        return Period.parse(from, to, zone(), today.withDayOfMonth(1).minusMonths(11), today, properties.maxSpan());
    }

    /** A period starting today and lasting {@code days} days. */
    Period comingDays(String from, String to, int days) {
        LocalDate today = today();
        return Period.parse(from, to, zone(), today, today.plusDays(days - 1), properties.maxSpan());
    }

    Stats stats(Period period) {
        List<UserCount> users = accounts.usersByRole().stream()
                .map(count -> new UserCount(count.role(), count.total(), count.active()))
                .toList();
        return new Stats(
                PeriodView.of(period),
                users,
                catalog.tutorProfilesByStatus(),
                sessionMetrics(period),
                totals(billing.moneyByMonth(period.start(), period.end(), period.zone())));
    }

    SessionMetrics sessionMetrics(Period period) {
        SchedulingReporting.SessionMetrics m = scheduling.sessionMetrics(period.start(), period.end());
        return new SessionMetrics(
                PeriodView.of(period),
                m.total(),
                m.done(),
                m.upcoming(),
                m.cancelled(),
                m.noShows(),
                m.disputed(),
                m.minutesTaught() / 60,
                rate(m.done(), m.total()),
                rate(m.cancelled(), m.total()));
    }

    /** The lessons still to happen in the period, from now on. */
    PageResponse<UpcomingSession> upcomingSessions(Period period, PageQuery page) {
        Instant from = max(period.start(), clock.instant());
        Instant to = period.end();
        if (!from.isBefore(to)) {
            return PageResponse.of(List.of(), page, 0);
        }
        List<SchedulingReporting.UpcomingSession> sessions =
                scheduling.upcomingSessions(from, to, page.offset(), page.size());
        long total = scheduling.upcomingSessionCount(from, to);
        Set<UUID> people = new HashSet<>();
        Set<UUID> subjects = new HashSet<>();
        for (var s : sessions) {
            people.add(s.tutorId().value());
            people.add(s.studentId().value());
            subjects.add(s.subjectId());
        }
        Map<UUID, String> names = accounts.displayNames(people);
        Map<UUID, String> subjectNames = catalog.subjectNames(subjects);
        List<UpcomingSession> content = sessions.stream()
                .map(s -> new UpcomingSession(
                        s.bookingId().value(),
                        new Party(s.tutorId().value(), names.get(s.tutorId().value())),
                        new Party(s.studentId().value(), names.get(s.studentId().value())),
                        new Party(s.subjectId(), subjectNames.get(s.subjectId())),
                        s.state(),
                        s.startsAt(),
                        s.endsAt(),
                        s.price()))
                .toList();
        return PageResponse.of(content, page, total);
    }

    /** The latest registrations, booking state changes and money movements merged, newest first. */
    RecentActivities recentActivities(int limit) {
        List<Activity> all = new ArrayList<>();
        var signups = accounts.recentSignups(limit);
        Map<UUID, String> names = accounts.displayNames(
                signups.stream().map(signup -> signup.userId().value()).toList());
        for (var signup : signups) {
            all.add(new Activity(
                    "USER_REGISTERED",
                    signup.registeredAt(),
                    signup.userId().value(),
                    names.get(signup.userId().value()),
                    signup.role(),
                    null,
                    null,
                    null,
                    null));
        }
        for (var change : scheduling.recentChanges(limit)) {
            all.add(new Activity(
                    "BOOKING_STATE_CHANGED",
                    change.occurredAt(),
                    change.bookingId().value(),
                    null,
                    null,
                    change.from(),
                    change.to(),
                    change.bookingId().value(),
                    null));
        }
        for (var movement : billing.recentMovements(limit)) {
            all.add(new Activity(
                    movement.kind(),
                    movement.occurredAt(),
                    movement.entryId(),
                    null,
                    null,
                    null,
                    null,
                    movement.bookingId() == null ? null : movement.bookingId().value(),
                    movement.amount()));
        }
        all.sort(Comparator.comparing(Activity::occurredAt).reversed());
        return new RecentActivities(List.copyOf(all.subList(0, Math.min(limit, all.size()))));
    }

    MonthlyRevenue monthlyRevenue(Period period) {
        List<MonthlyMoney> money = billing.moneyByMonth(period.start(), period.end(), period.zone());
        return new MonthlyRevenue(PeriodView.of(period), months(period, money), totals(money));
    }

    SubjectDistribution subjectDistribution(Period period) {
        var counts = scheduling.subjectDistribution(period.start(), period.end());
        Map<UUID, String> names = catalog.subjectNames(
                counts.stream().map(SchedulingReporting.SubjectCount::subjectId).toList());
        long total = counts.stream()
                .mapToLong(SchedulingReporting.SubjectCount::bookings)
                .sum();
        List<SubjectShare> shares = counts.stream()
                .map(c -> new SubjectShare(
                        c.subjectId(), names.get(c.subjectId()), c.bookings(), c.done(), rate(c.bookings(), total)))
                .toList();
        return new SubjectDistribution(PeriodView.of(period), total, shares);
    }

    UserGrowth userGrowth(Period period) {
        Map<YearMonth, Map<Role, Long>> byMonth = new TreeMap<>();
        for (YearMonth month : monthsOf(period)) {
            byMonth.put(month, zeroPerRole());
        }
        Map<Role, Long> totals = zeroPerRole();
        for (var s : accounts.signupsByMonth(period.start(), period.end(), period.zone())) {
            byMonth.computeIfAbsent(s.month(), m -> zeroPerRole()).merge(s.role(), s.count(), Long::sum);
            totals.merge(s.role(), s.count(), Long::sum);
        }
        Map<YearMonth, Long> bookings = new TreeMap<>();
        for (var b : scheduling.bookingsPlacedByMonth(period.start(), period.end(), period.zone())) {
            bookings.put(b.month(), b.count());
        }
        List<GrowthMonth> months = byMonth.entrySet().stream()
                .map(e -> new GrowthMonth(
                        e.getKey(),
                        e.getValue(),
                        e.getValue().values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                        bookings.getOrDefault(e.getKey(), 0L)))
                .toList();
        return new UserGrowth(PeriodView.of(period), months, totals);
    }

    Health health(Period period) {
        Instant start = period.start();
        Instant end = period.end();
        long searches = catalog.searches(start, end);
        long placed = scheduling.bookingsPlaced(start, end);
        SchedulingReporting.SessionMetrics m = scheduling.sessionMetrics(start, end);
        long withAvailability = scheduling.tutorsWithSchedule();
        List<AccountsReporting.Signup> newStudents = accounts.signups(start, end, Role.STUDENT);
        Map<UUID, Instant> first = scheduling.firstBookingPlaced(
                newStudents.stream().map(student -> student.userId().value()).toList());
        List<Duration> waits = new ArrayList<>();
        for (var student : newStudents) {
            Instant booked = first.get(student.userId().value());
            if (booked != null && !booked.isBefore(student.registeredAt())) {
                waits.add(Duration.between(student.registeredAt(), booked));
            }
        }
        List<CurrencyRate> refundRates = totals(billing.moneyByMonth(start, end, period.zone())).stream()
                .map(t -> new CurrencyRate(
                        t.currency(), rate(t.refunds().amount(), t.gross().amount())))
                .toList();
        return new Health(
                PeriodView.of(period),
                searches,
                placed,
                rate(placed, searches),
                withAvailability,
                m.tutorsTeaching(),
                rate(m.tutorsTeaching(), withAvailability),
                m.studentsBooking(),
                m.repeatStudents(),
                rate(m.repeatStudents(), m.studentsBooking()),
                newStudents.size(),
                waits.size(),
                median(waits),
                refundRates,
                m.taught(),
                m.disputed(),
                m.taught() == 0
                        ? null
                        : BigDecimal.valueOf(m.disputed() * 100L)
                                .divide(BigDecimal.valueOf(m.taught()), 2, RoundingMode.HALF_UP));
    }

    DashboardViews.OwnerRevenue ownerRevenue(Period period) {
        MonthlyRevenue revenue = monthlyRevenue(period);
        return new DashboardViews.OwnerRevenue(revenue.period(), revenue.months(), revenue.totals());
    }

    OwnerDashboard ownerDashboard(Period period) {
        return new OwnerDashboard(
                PeriodView.of(period),
                totals(billing.moneyByMonth(period.start(), period.end(), period.zone())),
                userGrowth(period),
                sessionMetrics(period),
                health(period));
    }

    /** Every month the period touches, each with a row per currency that moved at all in the period. */
    private static List<RevenueMonth> months(Period period, List<MonthlyMoney> money) {
        Set<String> currencies = new TreeSet<>();
        Map<YearMonth, Map<String, MonthlyMoney>> byMonth = new TreeMap<>();
        for (YearMonth month : monthsOf(period)) {
            byMonth.put(month, new TreeMap<>());
        }
        for (MonthlyMoney m : money) {
            currencies.add(m.gross().currencyCode());
            byMonth.computeIfAbsent(m.month(), x -> new TreeMap<>())
                    .put(m.gross().currencyCode(), m);
        }
        List<RevenueMonth> months = new ArrayList<>();
        byMonth.forEach((month, rows) -> {
            List<MoneyFigures> figures = new ArrayList<>();
            for (String currency : currencies) {
                MonthlyMoney m = rows.get(currency);
                figures.add(
                        m == null
                                ? figures(currency, zero(currency), zero(currency), zero(currency), zero(currency))
                                : figures(currency, m.gross(), m.commission(), m.refunds(), m.payouts()));
            }
            months.add(new RevenueMonth(month, figures));
        });
        return months;
    }

    /** The period's money per currency: each currency's months added up, never across currencies. */
    static List<MoneyFigures> totals(List<MonthlyMoney> money) {
        Map<String, MoneyFigures> totals = new LinkedHashMap<>();
        money.stream()
                .sorted(Comparator.comparing(m -> m.gross().currencyCode()))
                .forEach(m -> totals.merge(
                        m.gross().currencyCode(),
                        figures(m.gross().currencyCode(), m.gross(), m.commission(), m.refunds(), m.payouts()),
                        (a, b) -> figures(
                                a.currency(),
                                a.gross().plus(b.gross()),
                                a.commission().plus(b.commission()),
                                a.refunds().plus(b.refunds()),
                                a.payouts().plus(b.payouts()))));
        return List.copyOf(totals.values());
    }

    /** Net: what the payers paid and kept paid (gross less refunds). */
    private static MoneyFigures figures(String currency, Money gross, Money commission, Money refunds, Money payouts) {
        return new MoneyFigures(currency, gross, commission, refunds, payouts, gross.minus(refunds));
    }

    private static Money zero(String currency) {
        return Money.zero(Money.currency(currency));
    }

    static List<YearMonth> monthsOf(Period period) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(period.from());
                !m.isAfter(YearMonth.from(period.to()));
                m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static Map<Role, Long> zeroPerRole() {
        Map<Role, Long> counts = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            counts.put(role, 0L);
        }
        return counts;
    }

    /** part / whole to four decimals; null when the whole is zero. */
    static @Nullable BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    static @Nullable Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
