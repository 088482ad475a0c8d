package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.CalendarDocuments.Lesson;
import io.lyceum.scheduling.CalendarDocuments.Person;
import io.lyceum.scheduling.CalendarFeedStore.CalendarBooking;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How a lesson reads in one person's calendar: the tutor sees the student's name, the student the tutor's, a guardian
 * both. Looks each user up once (one instance per feed or invite batch, not shared between threads).
 */
final class LessonTexts {

    private final AccountsApi accounts;
    private final Duration launchLeadTime;
    private final Map<UUID, Optional<UserSummary>> users = new HashMap<>();

    LessonTexts(AccountsApi accounts, Duration launchLeadTime) {
        this.accounts = accounts;
        this.launchLeadTime = launchLeadTime;
    }

    Optional<UserSummary> user(UUID id) {
        return users.computeIfAbsent(id, accounts::findUser);
    }

    String name(UUID id) {
        return user(id).map(UserSummary::fullName).orElse("a Lyceum user");
    }

    CalendarDocuments.Meeting meeting(CalendarFeedStore.CalendarMeeting meeting, UUID viewer) {
        String summary = viewer.equals(meeting.tutorId())
                ? "Preliminary meeting with " + name(meeting.studentId())
                : "Preliminary meeting with " + name(meeting.tutorId());
        return new CalendarDocuments.Meeting(
                meeting.id(),
                meeting.startsAt(),
                meeting.endsAt(),
                summary,
                "Lyceum preliminary meeting (" + meeting.id() + "). Join at " + meeting.meetingUrl(),
                meeting.updatedAt());
    }

    String summary(CalendarBooking booking, UUID viewer) {
        if (viewer.equals(booking.tutorId())) {
            return "Lesson with " + name(booking.studentId());
        }
        if (viewer.equals(booking.studentId())) {
            return "Lesson with " + name(booking.tutorId());
        }
        return "Lesson: " + name(booking.studentId()) + " with " + name(booking.tutorId());
    }

    String description(CalendarBooking booking) {
        String base = "Lyceum lesson (booking " + booking.id() + ").";
        return switch (booking.state()) {
            case CANCELLED, DECLINED, EXPIRED -> base + " This lesson is cancelled.";
            case REQUESTED -> base + " Waiting for the tutor to confirm.";
            case PENDING_PAYMENT, CONFIRMED, COMPLETED, NO_SHOW_STUDENT, NO_SHOW_TUTOR, DISPUTED, RESOLVED ->
                base + " Join from Lyceum: the lesson room opens " + launchLeadTime.toMinutes()
                        + " minutes before the start.";
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
