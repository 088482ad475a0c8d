package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.CalendarDocuments.Lesson;
import io.lyceum.scheduling.CalendarDocuments.Person;
import io.lyceum.scheduling.CalendarFeedStore.CalendarBooking;
import io.lyceum.shared.UserId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * How a lesson reads in one person's calendar, in their language (English or French, from
 * {@code scheduling/lesson-texts*.properties}): the tutor sees the student's name, the student the tutor's, a guardian
 * both. Looks each user up once (one instance per feed or invite batch, not shared between threads).
 */
final class LessonTexts {

    private static final ResourceBundleMessageSource BUNDLE = bundle();

    private final AccountsApi accounts;
    private final Duration launchLeadTime;
    private final Locale locale;
    private final Map<UUID, Optional<UserSummary>> users;

    /** Texts in English; {@link #forReader} gives them in a person's own language. */
    LessonTexts(AccountsApi accounts, Duration launchLeadTime) {
        this(accounts, launchLeadTime, Locale.ENGLISH, new HashMap<>());
    }

    private LessonTexts(
            AccountsApi accounts, Duration launchLeadTime, Locale locale, Map<UUID, Optional<UserSummary>> users) {
        this.accounts = accounts;
        this.launchLeadTime = launchLeadTime;
        this.locale = locale;
        this.users = users;
    }

    /**
     * The same texts in the language of the person who reads them (French or English, from their language tag),
     * sharing the users already looked up.
     */
    LessonTexts forReader(UUID reader) {
        String language = accounts.contact(UserId.of(reader))
                .map(io.lyceum.accounts.Contact::language)
                .orElse(null);
        Locale readers =
                language != null && language.toLowerCase(Locale.ROOT).startsWith("fr") ? Locale.FRENCH : Locale.ENGLISH;
        return new LessonTexts(accounts, launchLeadTime, readers, users);
    }

    Locale locale() {
        return locale;
    }

    String text(String key, Object... values) {
        return BUNDLE.getMessage(key, values, locale);
    }

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("scheduling/lesson-texts");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setDefaultLocale(Locale.ENGLISH);
        bundle.setAlwaysUseMessageFormat(true);
        return bundle;
    }

    Optional<UserSummary> user(UUID id) {
        return users.computeIfAbsent(id, user -> accounts.findUser(UserId.of(user)));
    }

    String name(UUID id) {
        return user(id).map(UserSummary::fullName).orElseGet(() -> text("someone"));
    }

    CalendarDocuments.Meeting meeting(CalendarFeedStore.CalendarMeeting meeting, UUID viewer) {
        String summary = text(
                "summary.meeting",
                viewer.equals(meeting.tutorId()) ? name(meeting.studentId()) : name(meeting.tutorId()));
        return new CalendarDocuments.Meeting(
                meeting.id(),
                meeting.startsAt(),
                meeting.endsAt(),
                summary,
                text("meeting.description", meeting.id().toString(), meeting.meetingUrl()),
                meeting.updatedAt());
    }

    String summary(CalendarBooking booking, UUID viewer) {
        if (viewer.equals(booking.tutorId())) {
            return text("summary.with", name(booking.studentId()));
        }
        if (viewer.equals(booking.studentId())) {
            return text("summary.with", name(booking.tutorId()));
        }
        return text("summary.between", name(booking.studentId()), name(booking.tutorId()));
    }

    String description(CalendarBooking booking) {
        String base = text("description.base", booking.id().toString()) + " ";
        return switch (booking.state()) {
            case CANCELLED, DECLINED, EXPIRED -> base + text("description.cancelled");
            case REQUESTED -> base + text("description.requested");
            case PENDING_PAYMENT, CONFIRMED, COMPLETED, NO_SHOW_STUDENT, NO_SHOW_TUTOR, DISPUTED, RESOLVED ->
                base + text("description.join", String.valueOf(launchLeadTime.toMinutes()));
        };
    }

    /** Everyone taking part who has an email address. */
    List<Person> attendees(CalendarBooking booking) {
        return booking.participants().stream()
                .map(this::user)
                .flatMap(Optional::stream)
                .filter(u -> u.email() != null && !u.email().isBlank())
                .map(u -> new Person(u.fullName(), u.email()))
                .toList();
    }

    Lesson lesson(CalendarBooking booking, UUID viewer, boolean withAttendees) {
        boolean cancelled = !booking.state().occupiesSlot();
        return new Lesson(
                booking.id(),
                booking.state(),
                booking.startsAt(),
                booking.endsAt(),
                booking.rescheduleCount() + (cancelled ? 1 : 0),
                summary(booking, viewer),
                description(booking),
                withAttendees ? attendees(booking) : List.of(),
                booking.updatedAt());
    }
}
