package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The state machine's table ({@link BookingLifecycle}) is what the API does: every route action is tried in every
 * state, by a party allowed to do it and at a time that suits it; the table's transitions succeed and land in one of
 * the table's targets, every other pair is 409 {@code booking.illegal_transition}. And {@code docs/bookings.md}'s
 * diagram is the table drawn.
 */
class BookingLifecycleTests extends BookingTestBase {

    /** The actions a party asks for through a route; the others are billing's answers and timers. */
    private static final List<BookingAction> ROUTE_ACTIONS = List.of(
            BookingAction.CANCEL,
            BookingAction.RESCHEDULE,
            BookingAction.ASSIGN_STUDENT,
            BookingAction.CONFIRM,
            BookingAction.DECLINE,
            BookingAction.MARK_NO_SHOW_STUDENT,
            BookingAction.MARK_NO_SHOW_TUTOR,
            BookingAction.DISPUTE,
            BookingAction.RESOLVE);

    /** Actions allowed only once the lesson has started (no-shows) or ended (disputes). */
    private static final Set<BookingAction> AFTER_THE_START =
            Set.of(BookingAction.MARK_NO_SHOW_STUDENT, BookingAction.MARK_NO_SHOW_TUTOR, BookingAction.DISPUTE);

    @Test
    void everyRouteActionInEveryStateDoesWhatTheTableSays() {
        Tutor tutor = tutor();
        SignedIn student = student();
        SignedIn sibling = student();
        SignedIn guardian = guardianOf(student, sibling);
        UUID siblingId = sibling.userId();
        Instant future = LocalDate.now(ZoneOffset.UTC).plusDays(5).atTime(1, 0).toInstant(ZoneOffset.UTC);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        int upcoming = 0;
        int past = 0;
        List<String> mismatches = new ArrayList<>();
        int allowed = 0;
        for (BookingState state : BookingState.values()) {
            for (BookingAction action : ROUTE_ACTIONS) {
                boolean legal = BookingLifecycle.allows(state, action);
                // a transition is tried at a time that suits it; a refusal by state comes before any time check
                Instant start = legal && AFTER_THE_START.contains(action)
                        ? now.minus(Duration.ofMinutes(10 + 70L * past++))
                        : future.plus(Duration.ofHours(3L * upcoming++));
                UUID id = SqlBookings.insert(
                        jdbc,
                        tutor.tenant(),
                        tutor.id(),
                        student.userId(),
                        guardian.userId(),
                        state,
                        start,
                        Duration.ofHours(1));
                Response answer = attempt(action, id, start, tutor, student, guardian, siblingId);
                String pair = state + " x " + action;
                if (legal) {
                    allowed++;
                    BookingState after = BookingState.valueOf(state(tutor.tenant(), id));
                    if (answer.statusCode() != 200
                            || !BookingLifecycle.targets(state, action).contains(after)) {
                        mismatches.add(pair + ": allowed, but " + answer.statusCode() + " " + answer.asString() + " -> "
                                + after);
                    }
                } else if (answer.statusCode() != 409
                        || !"booking.illegal_transition".equals(answer.path("code"))
                        || !state(tutor.tenant(), id).equals(state.name())) {
                    mismatches.add(pair + ": not allowed, but " + answer.statusCode() + " " + answer.asString());
                }
            }
        }
        assertThat(mismatches).isEmpty();
        // the table's route transitions: cancel 3, reschedule 2, assign 3, confirm, decline, 2 no-shows, dispute 3,
        // resolve
        assertThat(allowed).isEqualTo(16);
    }

    private Response attempt(
            BookingAction action,
            UUID id,
            Instant start,
            Tutor tutor,
            SignedIn student,
            SignedIn guardian,
            UUID siblingId) {
        String booking = BOOKINGS + "/" + id;
        String tutorRoute = "/api/v1/tutor/bookings/" + id;
        return switch (action) {
            case CANCEL -> post(student, booking + "/cancel", Map.of("reason", "plans changed"));
            case RESCHEDULE ->
                post(
                        student,
                        booking + "/reschedule",
                        Map.of("startsAt", start.plus(Duration.ofHours(1)).toString()));
            case ASSIGN_STUDENT -> post(guardian, booking + "/assign-student", Map.of("studentId", siblingId));
            case CONFIRM -> post(tutor.user(), tutorRoute + "/confirm", null);
            case DECLINE -> post(tutor.user(), tutorRoute + "/decline", Map.of("reason", "away"));
            case MARK_NO_SHOW_STUDENT -> post(tutor.user(), tutorRoute + "/mark-no-show-student", Map.of());
            case MARK_NO_SHOW_TUTOR -> post(student, booking + "/mark-no-show-tutor", Map.of());
            case DISPUTE -> post(student, booking + "/dispute", Map.of("reason", "it went wrong"));
            case RESOLVE ->
                post(
                        tutor.admin(),
                        "/api/v1/admin/bookings/" + id + "/resolve",
                        Map.of("outcome", "RELEASE_TUTOR", "note", "settled"));
            case BOOK, PAYMENT_SUCCEEDED, PAYMENT_FAILED, HOLD_EXPIRY, BILLING_RELEASE, AUTO_DECLINE, AUTO_COMPLETE ->
                throw new IllegalArgumentException(action + " has no route");
        };
    }

    @Test
    void aPartyTheTableDoesNotNameIsRefusedWith403() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID requested = SqlBookings.insert(
                jdbc,
                tutor.tenant(),
                tutor.id(),
                student.userId(),
                student.userId(),
                BookingState.REQUESTED,
                slot(),
                Duration.ofHours(1));
        assertThat(BookingAction.CONFIRM.mayBeDoneBy(Bookings.Party.STUDENT)).isFalse();
        post(student, "/api/v1/tutor/bookings/" + requested + "/confirm", null)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        assertThat(BookingAction.RESCHEDULE.mayBeDoneBy(Bookings.Party.ADMIN)).isFalse();
        post(tutor.admin(), BOOKINGS + "/" + requested + "/reschedule", Map.of("startsAt", slot().toString()))
                .then()
                .statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("booking.forbidden"));
        assertThat(state(tutor.tenant(), requested)).isEqualTo("REQUESTED");
    }

    @Test
    void everyTimerActionLeavesFromOneStateAndNamesItsJob() {
        for (BookingAction action : BookingAction.values()) {
            if (action.timer != null) {
                assertThat(BookingLifecycle.sources(action)).as(action.name()).hasSize(1);
                assertThat(action.parties).as(action.name()).isEmpty();
            }
        }
    }

    @Test
    void theDiagramInTheDocsIsTheTable() throws IOException {
        String docs = Files.readString(Path.of("docs/bookings.md"));
        int open = docs.indexOf("```mermaid\n");
        int close = docs.indexOf("```", open + 10);
        assertThat(open).isNotNegative();
        String documented = docs.substring(open + "```mermaid\n".length(), close);
        assertThat(documented)
                .as("docs/bookings.md's diagram, to be replaced by")
                .isEqualTo(diagram());
    }

    /** The table as a mermaid state diagram: one arrow per pair of states, labelled with the actions between them. */
    static String diagram() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        for (BookingState initial : BookingLifecycle.INITIAL) {
            out.append("    [*] --> ")
                    .append(initial)
                    .append(": ")
                    .append(BookingAction.BOOK.label)
                    .append('\n');
        }
        for (BookingState from : BookingState.values()) {
            Map<BookingState, List<String>> arrows = new EnumMap<>(BookingState.class);
            for (BookingAction action : BookingLifecycle.actionsIn(from)) {
                for (BookingState to : BookingLifecycle.targets(from, action)) {
                    arrows.computeIfAbsent(to, t -> new ArrayList<>()).add(action.label);
                }
            }
            arrows.forEach((to, labels) -> out.append("    ")
                    .append(from)
                    .append(" --> ")
                    .append(to)
                    .append(": ")
                    .append(labels.stream().collect(Collectors.joining(" / ")))
                    .append('\n'));
        }
        return out.toString();
    }
}
