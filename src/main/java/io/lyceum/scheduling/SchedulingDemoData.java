package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.scheduling.AvailabilityRules.OverrideInput;
import io.lyceum.scheduling.AvailabilityRules.SettingsInput;
import io.lyceum.scheduling.AvailabilityRules.WindowInput;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 30, after the catalog's tutors): weekly availability for the six demo tutors (Eleanor confirms
 * her bookings herself; Priya takes a day off next week, James adds a Sunday morning), and bookings in every state,
 * made through the booking service so that history rows, events, lesson rooms and invites are real.
 *
 * <p>Paid bookings are paid through billing ({@link DemoBookingPayments}: an order charged to a sandbox test card), and
 * the loader applies billing's answer at once so it can move them on. Lessons in the past are placed in the future (placement refuses the past) and then moved back in time
 * before their no-shows, completion and disputes. The PENDING_PAYMENT hold expires 15 minutes after loading, as any
 * unpaid hold does.
 */
@Component
class SchedulingDemoData implements DemoDataContributor {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> TUTORS = List.of(
            "priya.raman@lyceum.local",
            "james.oconnor@lyceum.local",
            "amara.okafor@lyceum.local",
            "eleanor.hughes@lyceum.local",
            "lucia.fernandez@lyceum.local",
            "hiroshi.tanaka@lyceum.local");

    private final Availability availability;
    private final Bookings bookings;
    private final BookingTimers timers;
    private final CatalogApi catalog;
    private final ObjectProvider<DemoBookingPayments> payments;
    private final PreliminaryMeetings preliminaryMeetings;
    private final JdbcClient jdbc;
    private final AccountsApi accounts;
    private final Clock clock;

    SchedulingDemoData(
            Availability availability,
            Bookings bookings,
            BookingTimers timers,
            CatalogApi catalog,
            ObjectProvider<DemoBookingPayments> payments,
            PreliminaryMeetings preliminaryMeetings,
            JdbcClient jdbc,
            AccountsApi accounts,
            Clock clock) {
        this.availability = availability;
        this.bookings = bookings;
        this.timers = timers;
        this.catalog = catalog;
        this.payments = payments;
        this.preliminaryMeetings = preliminaryMeetings;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduling";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void contribute() {
        TenantId tenant = TenantContext.require();
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        for (String email : TUTORS) {
            CurrentUser tutor = user(tenant, email, Role.TUTOR);
            List<OverrideInput> overrides = new ArrayList<>();
            if (email.startsWith("priya")) {
                overrides.add(new OverrideInput(
                        insetDay(today).toString(), "BLOCKED", null, null, "School inset day, no lessons"));
            }
            if (email.startsWith("james")) {
                LocalDate sunday = today.plusDays(7 - today.getDayOfWeek().getValue() % 7);
                overrides.add(new OverrideInput(sunday.toString(), "EXTRA", "10:00", "12:00", "Exam-season extra"));
            }
            availability.replace(
                    tutor,
                    null,
                    new SettingsInput("Europe/London", 10, 120, 60, List.of(30, 60), email.startsWith("eleanor")),
                    weeklyWindows(),
                    overrides);
        }

        CurrentUser admin = user(tenant, "demo.admin@lyceum.local", Role.ADMIN);
        // upcoming lessons
        Booking confirmed = paid(book("aisha.khan", "priya.raman", weekday(today, 2), 10));
        Booking requested = paid(book("noah.patel", "eleanor.hughes", weekday(today, 2), 15));
        Booking declined = paid(book("mia.rossi", "eleanor.hughes", weekday(today, 3), 15));
        bookings.decline(tutorUser(tenant, declined), declined.id(), "Fully booked that week, sorry");
        Booking cancelled = paid(book("liam.murphy", "james.oconnor", weekday(today, 3), 10));
        bookings.cancel(studentUser(tenant, cancelled), cancelled.id(), "School exam moved to that morning");
        book("chloe.dubois", "lucia.fernandez", weekday(today, 4), 10); // PENDING_PAYMENT: a hold
        Booking expired = book("yusuf.demir", "lucia.fernandez", weekday(today, 4), 15);
        jdbc.sql("UPDATE bookings SET hold_expires_at = :past WHERE id = :id")
                .param("past", Timestamp.from(clock.instant().minusSeconds(60)))
                .param("id", expired.id())
                .update();
        timers.expireHolds();

        // lessons in the past
        Booking noShowStudent =
                moveBack(paid(book("ethan.walsh", "amara.okafor", weekday(today, 5), 15)), today.minusDays(2));
        bookings.markNoShowStudent(tutorUser(tenant, noShowStudent), noShowStudent.id(), "Did not join the room");
        Booking noShowTutor =
                moveBack(paid(book("aisha.khan", "hiroshi.tanaka", weekday(today, 6), 10)), today.minusDays(3));
        bookings.markNoShowTutor(
                studentUser(tenant, noShowTutor), noShowTutor.id(), "Waited 20 minutes, the tutor never came");
        Booking completed = moveBack(
                paid(bookings.place(
                        user(tenant, "demo.guardian@lyceum.local", Role.GUARDIAN),
                        request("priya.raman", weekday(today, 5), 10, userId("sophie.clarke")))),
                today.minusDays(7));
        Booking disputed =
                moveBack(paid(book("noah.patel", "james.oconnor", weekday(today, 6), 15)), today.minusDays(1));
        Booking resolved = moveBack(paid(book("mia.rossi", "amara.okafor", weekday(today, 7), 10)), today.minusDays(2));
        timers.completeFinished();
        bookings.dispute(studentUser(tenant, disputed), disputed.id(), "The lesson ended after 20 minutes of the hour");
        bookings.dispute(studentUser(tenant, resolved), resolved.id(), "Half of the lesson was lost to a bad line");
        bookings.resolve(
                admin, resolved.id(), DisputeOutcome.SPLIT, 50, "Both sides agree half of the lesson took place");
        // Mia passed the screening for Priya's course pack (billing's demo enrolls her in it)
        catalog.coursePacksOf(TutorId.of(userId("priya.raman")), 100).stream()
                .reduce((newer, older) -> older) // the first pack she made
                .map(facts -> facts.packId().value())
                .ifPresent(pack -> {
                    var meeting = preliminaryMeetings.request(
                            user(tenant, "mia.rossi@lyceum.local", Role.STUDENT),
                            pack,
                            null,
                            "I would like to join the exam sprint");
                    preliminaryMeetings.approve(
                            user(tenant, "priya.raman@lyceum.local", Role.TUTOR),
                            meeting.id(),
                            weekday(today, 1)
                                    // before 17:00, when billing's demo books her weekly pack lessons on Thursdays
                                    .atTime(LocalTime.of(16, 0))
                                    .atZone(LONDON)
                                    .toInstant(),
                            20,
                            null);
                });
        if (confirmed.id() == null || requested.id() == null || completed.id() == null) {
            throw new IllegalStateException("demo bookings were not placed");
        }
    }

    /** Monday to Friday 09:00–12:00 and 14:00–19:00, Saturday 10:00–14:00. */
    private static List<WindowInput> weeklyWindows() {
        List<WindowInput> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day == DayOfWeek.SUNDAY) {
                continue;
            }
            if (day == DayOfWeek.SATURDAY) {
                windows.add(new WindowInput(day.name(), "10:00", "14:00"));
            } else {
                windows.add(new WindowInput(day.name(), "09:00", "12:00"));
                windows.add(new WindowInput(day.name(), "14:00", "19:00"));
            }
        }
        return windows;
    }

    /**
     * Priya's day off: the eighth weekday after {@code today}, or the Friday after it when that is a Thursday, the day
     * billing's demo books her course pack's weekly lessons (17:00 London for eight weeks from the coming Thursday). On
     * a Monday the eighth weekday is a Thursday, and a blocked Thursday failed the demo's start.
     */
    static LocalDate insetDay(LocalDate today) {
        LocalDate day = weekday(today, 8);
        return day.getDayOfWeek() == DayOfWeek.THURSDAY ? day.plusDays(1) : day;
    }

    /** The n-th weekday (Monday to Friday) after {@code from}. */
    private static LocalDate weekday(LocalDate from, int n) {
        LocalDate date = from;
        int found = 0;
        while (found < n) {
            date = date.plusDays(1);
            if (date.getDayOfWeek().getValue() <= 5) {
                found++;
            }
        }
        return date;
    }

    private Booking book(String student, String tutor, LocalDate date, int hour) {
        TenantId tenant = TenantContext.require();
        return bookings.place(user(tenant, student + "@lyceum.local", Role.STUDENT), request(tutor, date, hour, null));
    }

    private Bookings.NewBooking request(String tutor, LocalDate date, int hour, @Nullable UUID studentId) {
        UUID tutorId = userId(tutor);
        TutorTerms.Offer offer =
                catalog.tutorTerms(TutorId.of(tutorId)).orElseThrow().offers().getFirst();
        Instant start = date.atTime(LocalTime.of(hour, 0)).atZone(LONDON).toInstant();
        return new Bookings.NewBooking(
                tutorId, offer.subjectId(), offer.level().name(), start, 60, false, null, studentId);
    }

    /** Pays through billing when it is there, and applies its answer now (its event then finds it applied). */
    private Booking paid(Booking booking) {
        DemoBookingPayments billing = payments.getIfAvailable();
        String reference = billing == null ? "demo-payment-" + booking.id() : billing.pay(booking.id());
        bookings.paymentSucceeded(booking.id(), reference);
        return booking;
    }

    /** Moves a placed booking back to the same local time on an earlier date. */
    private Booking moveBack(Booking booking, LocalDate date) {
        Instant start = booking.startsAt()
                .atZone(LONDON)
                .toLocalTime()
                .atDate(date)
                .atZone(LONDON)
                .toInstant();
        Duration shift = Duration.between(start, booking.startsAt());
        jdbc.sql("""
                        UPDATE bookings SET starts_at = starts_at - make_interval(secs => :shift),
                            ends_at = ends_at - make_interval(secs => :shift),
                            occupied_until = occupied_until - make_interval(secs => :shift), hold_expires_at = NULL
                        WHERE id = :id
                        """)
                .param("shift", shift.toSeconds())
                .param("id", booking.id())
                .update();
        return booking;
    }

    private CurrentUser tutorUser(TenantId tenant, Booking booking) {
        return new CurrentUser(UserId.of(booking.tutorId()), tenant, Role.TUTOR, null);
    }

    private CurrentUser studentUser(TenantId tenant, Booking booking) {
        return new CurrentUser(UserId.of(booking.studentId()), tenant, Role.STUDENT, null);
    }

    private CurrentUser user(TenantId tenant, String email, Role role) {
        return new CurrentUser(UserId.of(userId(email)), tenant, role, null);
    }

    /** A demo user's id by email; a bare name means {@code name@lyceum.local}. */
    private UUID userId(String name) {
        return accounts.findUserByEmail(name.contains("@") ? name : name + "@lyceum.local")
                .orElseThrow(() -> new IllegalStateException("No demo user " + name))
                .id();
    }
}
