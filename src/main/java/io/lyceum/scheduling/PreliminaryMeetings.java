package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.accounts.UserSummary;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.CoursePackFacts;
import io.lyceum.mail.Outbox;
import io.lyceum.scheduling.PreliminaryMeetingStore.Row;
import io.lyceum.scheduling.PreliminaryMeetingStore.Scope;
import io.lyceum.scheduling.PreliminaryMeetingStore.State;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Preliminary (screening) meetings for course packs that require one (seed 002). A student, or a guardian for a linked
 * student, asks once per pack; the pack's tutor approves (setting the time and a link, a Jitsi room unless they give
 * their own) or rejects with a reason; the student may withdraw a request that is still open. Billing refuses
 * enrollment in such a pack until {@link SchedulingApi#preliminaryMeetingApproved} is true.
 */
@Service
class PreliminaryMeetings {

    static final int DEFAULT_MINUTES = 30;
    private static final Duration MAX_AHEAD = Duration.ofDays(365);

    private final PreliminaryMeetingStore store;
    private final ScheduleStore schedules;
    private final CatalogApi catalog;
    private final AccountsApi accounts;
    private final LessonRoomProviders rooms;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PreliminaryMeetings(
            PreliminaryMeetingStore store,
            ScheduleStore schedules,
            CatalogApi catalog,
            AccountsApi accounts,
            LessonRoomProviders rooms,
            Outbox outbox,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.catalog = catalog;
        this.accounts = accounts;
        this.rooms = rooms;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Row request(CurrentUser user, UUID packId, @Nullable UUID studentId, @Nullable String message) {
        UUID student = studentId == null ? user.userId().value() : studentId;
        if (user.role() == Role.GUARDIAN && studentId == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "A guardian names the student the meeting is for.",
                    List.of(new FieldError("studentId", "is required for a guardian")));
        }
        if (user.role() == Role.GUARDIAN && student.equals(user.userId().value())
                || !accounts.mayActFor(user.userId(), UserId.of(student))) {
            throw LyceumException.notFound("student.not_found", "No student you may act for has this id.");
        }
        CoursePackFacts pack = catalog.coursePack(CoursePackId.of(packId))
                .filter(CoursePackFacts::open)
                .filter(p -> catalog.isApprovedTutor(p.tutorId()))
                .orElseThrow(() -> LyceumException.notFound("course_pack.not_found", "No such course pack."));
        if (!pack.preliminaryMeetingRequired()) {
            throw LyceumException.conflict(
                    "preliminary_meeting.not_required",
                    "This course pack does not require a preliminary meeting: enroll directly.");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        try {
            store.insert(
                    id, packId, pack.tutorId().value(), student, user.userId().value(), blankToNull(message), now);
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict(
                    "preliminary_meeting.exists",
                    "This student already has a preliminary meeting for this course pack (withdraw an open request "
                            + "to ask again; a rejection is final).");
        }
        events.publishEvent(new PreliminaryMeetingRequested(
                TenantContext.require(),
                id,
                CoursePackId.of(packId),
                pack.tutorId(),
                UserId.of(student),
                user.userId().value(),
                now));
        accounts.findUser(pack.tutorId().asUser())
                .filter(UserSummary::active)
                .ifPresent(tutor -> outbox.email(
                        tutor.email(),
                        "Preliminary meeting requested: " + pack.title(),
                        name(student) + " asks for a preliminary meeting before joining \"" + pack.title()
                                + "\". Approve it with a time, or reject it, from your preliminary meetings in "
                                + "Lyceum."));
        return store.find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    PageResponse<Row> list(CurrentUser user, @Nullable State state, @Nullable UUID packId, PageQuery page) {
        Scope scope =
                switch (user.role()) {
                    case STUDENT -> new Scope(user.userId().value(), null, null, List.of());
                    case GUARDIAN ->
                        new Scope(
                                null, null, user.userId().value(), UserId.valuesOf(accounts.studentsOf(user.userId())));
                    case TUTOR -> new Scope(null, user.userId().value(), null, List.of());
                    case ADMIN, OWNER -> Scope.all();
                };
        return PageResponse.of(
                store.list(scope, state, packId, page.size(), page.offset()), page, store.count(scope, state, packId));
    }

    @Transactional(readOnly = true)
    Row get(CurrentUser user, UUID id) {
        return store.find(id).filter(row -> visible(user, row)).orElseThrow(PreliminaryMeetings::notFound);
    }

    @Transactional
    Row approve(
            CurrentUser tutor,
            UUID id,
            @Nullable Instant startsAt,
            @Nullable Integer durationMinutes,
            @Nullable String meetingUrl) {
        Instant now = clock.instant();
        var errors = new java.util.ArrayList<FieldError>();
        if (startsAt == null) {
            errors.add(new FieldError("startsAt", "is required"));
        } else if (!startsAt.isAfter(now)) {
            errors.add(new FieldError("startsAt", "must be in the future"));
        } else if (startsAt.isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError("startsAt", "must be within a year"));
        }
        int minutes = durationMinutes == null ? DEFAULT_MINUTES : durationMinutes;
        if (minutes < 10 || minutes > 240) {
            errors.add(new FieldError("durationMinutes", "must be between 10 and 240"));
        }
        String url = blankToNull(meetingUrl);
        if (url != null && !httpsUrl(url)) {
            errors.add(new FieldError("meetingUrl", "must be an https URL of at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The approval is not valid.", errors);
        }
        Instant start = Objects.requireNonNull(startsAt); // listed as an error above when absent
        ownOpen(tutor, id);
        requireOpenHours(tutor.userId().value(), start, minutes);
        if (url == null) {
            url = Objects.requireNonNull(rooms.jitsi().room().url()); // a Jitsi room has a link anyone may use
        }
        try {
            store.approve(id, start, minutes, url, tutor.userId().value(), now);
        } catch (DataAccessException e) {
            throw timeTaken(e);
        }
        Row approved = store.find(id).orElseThrow();
        tell(
                approved,
                "Preliminary meeting approved",
                "Your preliminary meeting is on " + startsAt + " (UTC) for " + minutes + " minutes. Join at " + url
                        + " .");
        return approved;
    }

    @Transactional
    Row reject(CurrentUser tutor, UUID id, String reason) {
        ownOpen(tutor, id);
        store.reject(id, reason.trim(), tutor.userId().value(), clock.instant());
        Row rejected = store.find(id).orElseThrow();
        tell(rejected, "Preliminary meeting declined", "The tutor declined the preliminary meeting: " + reason.trim());
        return rejected;
    }

    @Transactional
    Row cancel(CurrentUser user, UUID id) {
        Row row = store.lock(id)
                .filter(r -> r.studentId().equals(user.userId().value())
                        || r.requestedBy().equals(user.userId().value())
                        || user.role() == Role.GUARDIAN && accounts.mayActFor(user.userId(), UserId.of(r.studentId())))
                .orElseThrow(PreliminaryMeetings::notFound);
        if (row.state() != State.REQUESTED) {
            throw LyceumException.conflict(
                    "preliminary_meeting.not_requested",
                    "Only an open request can be withdrawn; this meeting is " + row.state() + ".");
        }
        store.cancel(id, user.userId().value(), clock.instant());
        return store.find(id).orElseThrow();
    }

    /** A meeting, like a lesson, lies within the tutor's open hours (their schedule's windows and overrides). */
    private void requireOpenHours(UUID tutorId, Instant start, int minutes) {
        Instant end = start.plus(Duration.ofMinutes(minutes));
        boolean open = schedules
                .find(tutorId)
                .map(schedule ->
                        OpenHours.between(schedule, start, end).stream().anyMatch(i -> i.contains(start, end)))
                .orElse(false);
        if (!open) {
            throw LyceumException.conflict(
                    "preliminary_meeting.outside_hours",
                    "The meeting must lie within your open hours (your availability); " + start + " to " + end
                            + " does not.");
        }
    }

    /**
     * The database's refusal of a meeting over taken time (the exclusion constraints and the bookings' trigger of
     * migration V202612063002) as the API's conflict; anything else is rethrown.
     */
    private static RuntimeException timeTaken(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && BookingConflicts.EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                return String.valueOf(sql.getMessage()).contains("student_no_overlap")
                        ? LyceumException.conflict(
                                "preliminary_meeting.student_busy",
                                "The student has a lesson or another meeting at that time; choose another time.")
                        : LyceumException.conflict(
                                "preliminary_meeting.tutor_busy",
                                "You have a lesson or another meeting at that time; choose another time.");
            }
        }
        return e;
    }

    /** The tutor's own meeting, locked, still waiting for a decision. */
    private Row ownOpen(CurrentUser tutor, UUID id) {
        Row row = store.lock(id)
                .filter(r -> r.tutorId().equals(tutor.userId().value()))
                .orElseThrow(PreliminaryMeetings::notFound);
        if (row.state() != State.REQUESTED) {
            throw LyceumException.conflict(
                    "preliminary_meeting.not_requested",
                    "Only a requested meeting can be approved or rejected; this one is " + row.state() + ".");
        }
        return row;
    }

    private boolean visible(CurrentUser user, Row row) {
        if (user.isStaff()) {
            return true;
        }
        UUID me = user.userId().value();
        return row.tutorId().equals(me)
                || row.studentId().equals(me)
                || row.requestedBy().equals(me)
                || user.role() == Role.GUARDIAN && accounts.mayActFor(UserId.of(me), UserId.of(row.studentId()));
    }

    private void tell(Row row, String subject, String body) {
        for (UUID to : row.studentId().equals(row.requestedBy())
                ? List.of(row.studentId())
                : List.of(row.studentId(), row.requestedBy())) {
            accounts.findUser(UserId.of(to))
                    .filter(UserSummary::active)
                    .ifPresent(u -> outbox.email(u.email(), subject, body));
        }
    }

    private String name(UUID userId) {
        return accounts.findUser(UserId.of(userId)).map(UserSummary::fullName).orElse("A student");
    }

    private static boolean httpsUrl(String url) {
        if (url.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static LyceumException notFound() {
        return LyceumException.notFound("preliminary_meeting.not_found", "No such preliminary meeting.");
    }
}
