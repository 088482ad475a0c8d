package io.lyceum.analytics;

import io.lyceum.accounts.AccountsReporting;
import io.lyceum.billing.BillingReporting;
import io.lyceum.catalog.CatalogReporting;
import io.lyceum.scheduling.SchedulingReporting;
import io.lyceum.shared.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes a report as CSV (RFC 4180, a header row, UTF-8): the rows stream from the owning module's reporting
 * interface straight into the file, with names looked up a chunk of rows at a time. Times are in the report's time
 * zone, money as a decimal amount plus its currency code. Text a user typed (names, emails) that a spreadsheet would
 * run as a formula is prefixed with an apostrophe (CSV injection).
 */
@Component
class ReportWriter {

    private static final int CHUNK = 1000;

    private final AccountsReporting accounts;
    private final CatalogReporting catalog;
    private final SchedulingReporting scheduling;
    private final BillingReporting billing;

    ReportWriter(
            AccountsReporting accounts,
            CatalogReporting catalog,
            SchedulingReporting scheduling,
            BillingReporting billing) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.scheduling = scheduling;
        this.billing = billing;
    }

    /** Writes the report's rows to {@code out}; returns how many data rows it wrote. */
    long write(ReportType type, Period period, Writer out) throws IOException {
        ZoneId zone = period.zone();
        Instant from = period.start();
        Instant to = period.end();
        return switch (type) {
            case BOOKINGS -> {
                CSVPrinter csv = printer(
                        out,
                        "booking_id",
                        "tutor_id",
                        "tutor_name",
                        "student_id",
                        "student_name",
                        "subject",
                        "state",
                        "trial",
                        "starts_at",
                        "ends_at",
                        "price",
                        "currency",
                        "placed_at");
                Chunks<SchedulingReporting.BookingRow> chunks = new Chunks<>(rows -> {
                    Set<UUID> people = new HashSet<>();
                    Set<UUID> subjects = new HashSet<>();
                    rows.forEach(r -> {
                        people.add(r.tutorId().value());
                        people.add(r.studentId().value());
                        subjects.add(r.subjectId());
                    });
                    Map<UUID, String> names = accounts.displayNames(people);
                    Map<UUID, String> subjectNames = catalog.subjectNames(subjects);
                    for (var r : rows) {
                        print(
                                csv,
                                r.bookingId(),
                                r.tutorId(),
                                text(names.get(r.tutorId().value())),
                                r.studentId(),
                                text(names.get(r.studentId().value())),
                                text(subjectNames.get(r.subjectId())),
                                r.state(),
                                r.trial(),
                                time(r.startsAt(), zone),
                                time(r.endsAt(), zone),
                                amount(r.price()),
                                r.price().currencyCode(),
                                time(r.createdAt(), zone));
                    }
                });
                scheduling.forEachBooking(from, to, chunks);
                yield chunks.finish();
            }
            case REVENUE -> {
                CSVPrinter csv = printer(out, "month", "currency", "gross", "commission", "refunds", "payouts", "net");
                long rows = 0;
                for (var m : billing.moneyByMonth(from, to, zone)) {
                    print(
                            csv,
                            m.month(),
                            m.gross().currencyCode(),
                            amount(m.gross()),
                            amount(m.commission()),
                            amount(m.refunds()),
                            amount(m.payouts()),
                            amount(m.gross().minus(m.refunds())));
                    rows++;
                }
                yield rows;
            }
            case TUTORS -> {
                CSVPrinter csv = printer(
                        out,
                        "tutor_id",
                        "tutor_name",
                        "bookings",
                        "completed",
                        "cancelled",
                        "no_shows",
                        "disputed",
                        "hours_taught");
                Chunks<SchedulingReporting.TutorActivity> chunks = new Chunks<>(rows -> {
                    Map<UUID, String> names = accounts.displayNames(rows.stream()
                            .map(activity -> activity.tutorId().value())
                            .toList());
                    for (var r : rows) {
                        print(
                                csv,
                                r.tutorId(),
                                text(names.get(r.tutorId().value())),
                                r.bookings(),
                                r.done(),
                                r.cancelled(),
                                r.noShows(),
                                r.disputed(),
                                BigDecimal.valueOf(r.minutesTaught())
                                        .divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP));
                    }
                });
                scheduling.forEachTutorActivity(from, to, chunks);
                yield chunks.finish();
            }
            case USERS -> {
                CSVPrinter csv = printer(
                        out, "user_id", "full_name", "email", "role", "status", "email_verified", "registered_at");
                long[] rows = {0};
                accounts.forEachUser(from, to, u -> {
                    print(
                            csv,
                            u.userId().value(),
                            text(u.fullName()),
                            text(u.email()),
                            u.role(),
                            u.status(),
                            u.emailVerified(),
                            time(u.registeredAt(), zone));
                    rows[0]++;
                });
                yield rows[0];
            }
            case PAYOUTS -> {
                CSVPrinter csv = printer(
                        out,
                        "withdrawal_id",
                        "tutor_id",
                        "tutor_name",
                        "amount",
                        "currency",
                        "status",
                        "requested_at",
                        "completed_at");
                Chunks<BillingReporting.Payout> chunks = new Chunks<>(rows -> {
                    Map<UUID, String> names = accounts.displayNames(
                            rows.stream().map(p -> p.tutorId().value()).toList());
                    for (var p : rows) {
                        print(
                                csv,
                                p.withdrawalId(),
                                p.tutorId(),
                                text(names.get(p.tutorId().value())),
                                amount(p.amount()),
                                p.amount().currencyCode(),
                                p.status(),
                                time(p.requestedAt(), zone),
                                time(p.completedAt(), zone));
                    }
                });
                billing.forEachPayout(from, to, chunks);
                yield chunks.finish();
            }
        };
    }

    private static CSVPrinter printer(Writer out, String... header) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader(header).get().print(out);
    }

    private static void print(CSVPrinter csv, Object... values) {
        try {
            csv.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decimal amount in the currency's usual unit, e.g. 2500 GBP minor units is 25.00. */
    static String amount(Money money) {
        return BigDecimal.valueOf(money.amount())
                .movePointLeft(Math.max(0, money.currency().getDefaultFractionDigits()))
                .toPlainString();
    }

    private static String time(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? "" : instant.atZone(zone).toOffsetDateTime().toString();
    }

    /** Text as a spreadsheet will show it, never run it: a leading =, +, -, @, tab or CR gets an apostrophe. */
    static String text(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    /** Collects streamed rows into chunks and hands each full chunk (and the last one) to {@code flush}. */
    private static final class Chunks<T> implements Consumer<T> {

        private final Consumer<List<T>> flush;
        private final List<T> chunk = new ArrayList<>(CHUNK);
        private long count;

        Chunks(Consumer<List<T>> flush) {
            this.flush = flush;
        }

        @Override
        public void accept(T row) {
            chunk.add(row);
            count++;
            if (chunk.size() == CHUNK) {
                flush.accept(List.copyOf(chunk));
                chunk.clear();
            }
        }

        long finish() {
            if (!chunk.isEmpty()) {
                flush.accept(List.copyOf(chunk));
                chunk.clear();
            }
            return count;
        }
    }
}
