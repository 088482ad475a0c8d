package io.lyceum.scheduling;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * iCalendar documents built with iCal4j: a user's feed of lessons (no METHOD; cancelled lessons stay with
 * {@code STATUS:CANCELLED} so subscribed calendars drop them) and single-lesson invites ({@code METHOD:REQUEST} for a
 * new or moved lesson, {@code METHOD:CANCEL} for a cancelled one). A lesson's UID is stable across both, and its
 * SEQUENCE grows with every reschedule and once more on cancellation, so calendars apply updates in order. Times are
 * UTC, so no VTIMEZONE is needed.
 */
final class CalendarDocuments {

    static final String PRODUCT = "-//Lyceum//Lessons 1.0//EN";

    private CalendarDocuments() {}

    record Person(String name, String email) {}

    /** One lesson as a calendar shows it. */
    record Lesson(
            UUID bookingId,
            BookingState state,
            Instant startsAt,
            Instant endsAt,
            int sequence,
            String summary,
            String description,
            List<Person> attendees,
            Instant lastModified) {

        boolean cancelled() {
            return !state.occupiesSlot();
        }
    }

    static String uid(UUID bookingId) {
        return "booking-" + bookingId + "@lyceum";
    }

    /** An approved preliminary meeting as a feed shows it. */
    record Meeting(
            UUID id, Instant startsAt, Instant endsAt, String summary, String description, Instant lastModified) {}

    static String feed(String name, List<Lesson> lessons, List<Meeting> meetings, Instant now) {
        Calendar calendar = calendar();
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
        for (Lesson lesson : lessons) {
            calendar.add(event(lesson, now, null));
        }
        for (Meeting meeting : meetings) {
            VEvent event = new VEvent(utc(meeting.startsAt()), utc(meeting.endsAt()), meeting.summary());
            event.add(new Uid("preliminary-meeting-" + meeting.id() + "@lyceum"));
            event.replace(new DtStamp(utc(now)));
            event.add(new LastModified(utc(meeting.lastModified())));
            event.add(ImmutableStatus.VEVENT_CONFIRMED);
            event.add(new Description(meeting.description()));
            calendar.add(event);
        }
        return write(calendar, false);
    }

    /** An invite for one lesson: REQUEST, or CANCEL when the lesson is cancelled. */
    static String invite(Lesson lesson, Person organizer, Instant now) {
        Calendar calendar = calendar();
        calendar.add(lesson.cancelled() ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(event(lesson, now, organizer));
        return write(calendar, true);
    }

    private static Calendar calendar() {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        return calendar;
    }

    private static VEvent event(Lesson lesson, Instant now, @Nullable Person organizer) {
        VEvent event = new VEvent(utc(lesson.startsAt()), utc(lesson.endsAt()), lesson.summary());
        event.add(new Uid(uid(lesson.bookingId())));
        event.replace(new DtStamp(utc(now))); // the constructor stamps the wall clock; use ours
        if (lesson.lastModified() != null) {
            event.add(new LastModified(utc(lesson.lastModified())));
        }
        event.add(new Sequence(lesson.sequence()));
        event.add(status(lesson));
        if (lesson.description() != null) {
            event.add(new Description(lesson.description()));
        }
        if (organizer != null) {
            Organizer org = new Organizer(mailto(organizer.email()));
            org.add(new Cn(organizer.name()));
            event.add(org);
            for (Person person : lesson.attendees()) {
                Attendee attendee = new Attendee(mailto(person.email()));
                attendee.add(new Cn(person.name()));
                attendee.add(Role.REQ_PARTICIPANT);
                attendee.add(lesson.state() == BookingState.REQUESTED ? PartStat.NEEDS_ACTION : PartStat.ACCEPTED);
                event.add(attendee);
            }
        }
        return event;
    }

    private static Status status(Lesson lesson) {
        if (lesson.cancelled()) {
            return ImmutableStatus.VEVENT_CANCELLED;
        }
        return lesson.state() == BookingState.REQUESTED
                ? ImmutableStatus.VEVENT_TENTATIVE
                : ImmutableStatus.VEVENT_CONFIRMED;
    }

    private static Instant utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static URI mailto(String email) {
        return URI.create(
                "mailto:" + URLEncoder.encode(email, StandardCharsets.UTF_8).replace("%40", "@"));
    }

    private static String write(Calendar calendar, boolean validate) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(validate).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("An invalid calendar was built: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
