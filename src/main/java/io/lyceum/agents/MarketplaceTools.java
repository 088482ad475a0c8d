package io.lyceum.agents;

import static io.lyceum.agents.Schemas.bool;
import static io.lyceum.agents.Schemas.dateTime;
import static io.lyceum.agents.Schemas.integer;
import static io.lyceum.agents.Schemas.number;
import static io.lyceum.agents.Schemas.object;
import static io.lyceum.agents.Schemas.oneOf;
import static io.lyceum.agents.Schemas.page;
import static io.lyceum.agents.Schemas.paged;
import static io.lyceum.agents.Schemas.props;
import static io.lyceum.agents.Schemas.result;
import static io.lyceum.agents.Schemas.string;
import static io.lyceum.agents.Schemas.uuid;

import io.lyceum.catalog.CatalogToolsApi;
import io.lyceum.catalog.CatalogToolsApi.TutorFilters;
import io.lyceum.platform.IdempotentCalls;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.SchedulingToolsApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Tools over the catalog and scheduling: find tutors, their free time, and book and manage lessons. */
@Component
class MarketplaceTools implements ToolSource {

    private static final String[] LEVELS = {"PRIMARY", "GCSE", "A_LEVEL", "IB", "UNIVERSITY", "ADULT"};
    private static final String[] STATES =
            java.util.Arrays.stream(BookingState.values()).map(Enum::name).toArray(String[]::new);

    private final CatalogToolsApi catalog;
    private final SchedulingToolsApi scheduling;
    private final IdempotentCalls idempotency;
    private final JsonMapper json;
    private final TutorFinder finder;
    private final io.lyceum.reviews.ReviewsToolsApi reviews;

    MarketplaceTools(
            CatalogToolsApi catalog,
            SchedulingToolsApi scheduling,
            IdempotentCalls idempotency,
            JsonMapper json,
            TutorFinder finder,
            io.lyceum.reviews.ReviewsToolsApi reviews) {
        this.finder = finder;
        this.reviews = reviews;
        this.catalog = catalog;
        this.scheduling = scheduling;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Override
    public List<AgentTool> tools() {
        return List.of(
                searchTutors(),
                findTutors(),
                getTutor(),
                availableSlots(),
                bookLesson(),
                myBookings(),
                cancel(),
                reschedule());
    }

    private AgentTool searchTutors() {
        return new AgentTool(
                "search_tutors",
                "catalog",
                "Search tutors",
                "Approved tutors matching the filters (GET /api/v1/tutors): subject, level, price range in minor units"
                        + " of the tutor's currency, language, teaching mode, minimum rating, free text, free time.",
                false,
                object(paged(
                        "q", string("free text over name, headline and description", 200),
                        "subjectId", uuid("a subject's id"),
                        "level", oneOf("the level taught", LEVELS),
                        "minPrice", integer("lowest hourly price, minor units", 0, 100_000_000),
                        "maxPrice", integer("highest hourly price, minor units", 0, 100_000_000),
                        "currency", string("ISO 4217 currency of the price range", 3),
                        "language", string("ISO 639-1 language the tutor teaches in", 2),
                        "teachingMode", oneOf("how lessons are held", "ONLINE", "IN_PERSON", "BOTH"),
                        "minRating", number("lowest average rating", 0, 5),
                        "freeFrom", dateTime("with freeTo: tutors with a bookable lesson in [freeFrom, freeTo)"),
                        "freeTo", dateTime("end of the free-time window, at most 14 days after freeFrom"))),
                page("A page of tutor search hits with facets"),
                (caller, a) -> {
                    Object found = catalog.searchTutors(
                            caller,
                            new TutorFilters(
                                    a.string("subjectId"),
                                    a.string("level"),
                                    a.longValue("minPrice"),
                                    a.longValue("maxPrice"),
                                    a.string("currency"),
                                    a.string("language"),
                                    a.string("teachingMode"),
                                    a.decimal("minRating"),
                                    a.string("q"),
                                    a.string("freeFrom"),
                                    a.string("freeTo"),
                                    null),
                            a.page());
                    Map<String, Object> query = new LinkedHashMap<>(a.asMap());
                    return FrontendActions.with(
                            toMap(found),
                            FrontendActions.dataView(
                                    "Tutors",
                                    "catalog",
                                    "searchTutors",
                                    "/api/v1/tutors",
                                    query,
                                    List.of(
                                            FrontendActions.column("fullName", "Tutor"),
                                            FrontendActions.column("headline", "Headline"),
                                            FrontendActions.column("priceFrom", "From"),
                                            FrontendActions.column("rating", "Rating"))));
                });
    }

    private AgentTool findTutors() {
        return new AgentTool(
                "find_tutors_by_description",
                "catalog",
                "Find tutors from a sentence",
                "Reads a request such as 'a patient chemistry tutor for A-level, evenings, under 40 pounds' into the"
                        + " tutor search's filters (subject, level, price and currency, the next matching free time,"
                        + " other words as free text) and searches. The answer shows how it was read.",
                false,
                object(
                        paged(
                                "query", string("the request, in a sentence", 500),
                                "timeZone", string("IANA zone for times such as 'evenings'; default UTC", 60)),
                        "query"),
                result(
                        "How the request was read, and the tutors found",
                        props(
                                "parser", Map.of("type", "string", "enum", List.of("model", "rules")),
                                "criteria", Map.of("type", "object"),
                                "results", Map.of("type", "object")),
                        "parser",
                        "criteria",
                        "results"),
                (caller, a) -> TutorFinder.asMap(
                        finder.find(caller, a.requiredString("query"), a.string("timeZone"), a.page(), "mcp"), json));
    }

    private AgentTool getTutor() {
        return new AgentTool(
                "get_tutor",
                "catalog",
                "A tutor's profile and reviews",
                "An approved tutor's public profile (GET /api/v1/tutors/{id}): subjects, levels, prices, lesson lengths,"
                        + " languages; with `reviews`, the latest five visible reviews and the rating summary (GET"
                        + " /api/v1/reviews/tutors/{id}).",
                false,
                object(props("tutorId", uuid("the tutor's id")), "tutorId"),
                result(
                        "The tutor's public profile with their reviews",
                        props("tutorId", Map.of("type", "string"), "reviews", Map.of("type", "object")),
                        "tutorId",
                        "reviews"),
                (caller, a) -> {
                    var tutorId = a.requiredUuid("tutorId");
                    Map<String, Object> profile = toMap(catalog.tutorProfile(TutorId.of(tutorId)));
                    profile.put(
                            "reviews",
                            toMap(reviews.tutorReviews(
                                    TutorId.of(tutorId), io.lyceum.shared.PageQuery.first(5), caller)));
                    return FrontendActions.with(
                            profile,
                            FrontendActions.qrCode(
                                    "/tutors/" + tutorId, "Tutor profile", "Scan to open this tutor's page"));
                });
    }

    private AgentTool availableSlots() {
        return new AgentTool(
                "available_slots",
                "scheduling",
                "A tutor's free lesson times",
                "Bookable start times of a tutor (GET /api/v1/tutors/{id}/available-slots): from/to ISO instants or"
                        + " dates (default the next 7 days), lesson length in minutes, the viewer's IANA time zone.",
                false,
                object(
                        props(
                                "tutorId", uuid("the tutor's id"),
                                "from", string("ISO instant or date; default now", 40),
                                "to", string("ISO instant or date; default from + 7 days", 40),
                                "durationMinutes", integer("lesson length; default the tutor's shortest", 5, 600),
                                "timeZone", string("IANA time zone for local times, such as Europe/London", 60)),
                        "tutorId"),
                result(
                        "The tutor's free slots",
                        props("slots", Map.of("type", "array"), "durationMinutes", Map.of("type", "integer")),
                        "slots"),
                (caller, a) -> scheduling.availableSlots(
                        TutorId.of(a.requiredUuid("tutorId")),
                        a.string("from"),
                        a.string("to"),
                        a.integer("durationMinutes"),
                        a.string("timeZone")));
    }

    private AgentTool bookLesson() {
        return new AgentTool(
                "book_lesson",
                "scheduling",
                "Book a lesson",
                "Books a lesson as the signed-in student or guardian (POST /api/v1/bookings). startsAt must be one of"
                        + " available_slots' starts. A paid lesson is held PENDING_PAYMENT: then call pay_order with"
                        + " the booking's id. idempotencyKey makes a retry safe: the same key returns the first booking.",
                true,
                object(
                        props(
                                "tutorId", uuid("the tutor's id"),
                                "startsAt", dateTime("the lesson's start, one of the tutor's free starts"),
                                "durationMinutes", integer("a lesson length the tutor offers", 5, 600),
                                "subjectId", uuid("the subject; may be omitted when the tutor teaches one"),
                                "level", oneOf("the level; may be omitted when the tutor teaches one", LEVELS),
                                "trial", bool("a trial lesson at the tutor's trial price"),
                                "note", string("a note for the tutor", 2000),
                                "studentId", uuid("GUARDIAN: the linked student the lesson is for"),
                                "idempotencyKey",
                                        string("a key of your choosing: a retry with it books nothing new", 255)),
                        "tutorId",
                        "startsAt",
                        "durationMinutes",
                        "idempotencyKey"),
                result(
                        "The booking",
                        props("id", Map.of("type", "string"), "state", Map.of("type", "string")),
                        "id",
                        "state"),
                (caller, a) -> {
                    var lesson = new SchedulingToolsApi.NewLesson(
                            TutorId.of(a.requiredUuid("tutorId")),
                            a.uuid("subjectId"),
                            a.string("level"),
                            a.requiredInstant("startsAt"),
                            a.requiredInteger("durationMinutes"),
                            a.bool("trial"),
                            a.string("note"),
                            java.util.Optional.ofNullable(a.uuid("studentId"))
                                    .map(UserId::of)
                                    .orElse(null));
                    Map<String, Object> request = new LinkedHashMap<>(a.asMap());
                    request.remove("idempotencyKey");
                    var answer = idempotency.once(
                            "user:" + caller.userId().value(),
                            a.string("idempotencyKey"),
                            "POST /api/v1/bookings",
                            json.writeValueAsString(new java.util.TreeMap<>(request)),
                            () -> json.writeValueAsString(scheduling.book(caller, lesson)));
                    Map<String, Object> booking = toMap(json.readValue(answer.json(), Map.class));
                    booking.put("idempotentReplayed", answer.replayed());
                    return booking;
                });
    }

    private AgentTool myBookings() {
        return new AgentTool(
                "list_my_bookings",
                "scheduling",
                "My bookings",
                "The caller's bookings (GET /api/v1/bookings): students their own, guardians those of their linked"
                        + " students, tutors theirs. Optional states and a start-time window.",
                false,
                object(paged(
                        "states", Schemas.arrayOf("only these states", oneOf("a booking state", STATES), 8),
                        "from", dateTime("starts at or after"),
                        "to", dateTime("starts before"))),
                page("A page of bookings"),
                (caller, a) -> {
                    List<String> states = a.strings("states");
                    Object found = scheduling.myBookings(
                            caller,
                            states == null
                                    ? null
                                    : states.stream().map(BookingState::valueOf).toList(),
                            a.instant("from"),
                            a.instant("to"),
                            a.page());
                    return FrontendActions.with(
                            toMap(found),
                            FrontendActions.dataView(
                                    "My bookings",
                                    "scheduling",
                                    "listBookings",
                                    "/api/v1/bookings",
                                    Map.of(),
                                    List.of(
                                            FrontendActions.column("startsAt", "Starts"),
                                            FrontendActions.column("state", "State"),
                                            FrontendActions.column("tutorId", "Tutor"),
                                            FrontendActions.column("price", "Price"))));
                });
    }

    private AgentTool cancel() {
        return new AgentTool(
                "cancel_booking",
                "scheduling",
                "Cancel a booking",
                "Cancels one of the caller's bookings (POST /api/v1/bookings/{id}/cancel); the tenant's cancellation"
                        + " policy decides refund and fee.",
                true,
                object(
                        props(
                                "bookingId",
                                uuid("the booking's id"),
                                "reason",
                                string("why, shown to the other party", 1000)),
                        "bookingId",
                        "reason"),
                result("The booking after cancelling", props("id", Map.of("type", "string")), "id"),
                (caller, a) -> scheduling.cancel(
                        caller, BookingId.of(a.requiredUuid("bookingId")), a.requiredString("reason")));
    }

    private AgentTool reschedule() {
        return new AgentTool(
                "reschedule_booking",
                "scheduling",
                "Move a booking",
                "Moves one of the caller's bookings to a new free start (POST /api/v1/bookings/{id}/reschedule), within"
                        + " the policy's deadline and number of moves.",
                true,
                object(
                        props("bookingId", uuid("the booking's id"), "startsAt", dateTime("the new start")),
                        "bookingId",
                        "startsAt"),
                result("The booking after the move", props("id", Map.of("type", "string")), "id"),
                (caller, a) -> scheduling.reschedule(
                        caller, BookingId.of(a.requiredUuid("bookingId")), a.requiredInstant("startsAt")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(Object body) {
        return new LinkedHashMap<>((Map<String, Object>) json.convertValue(body, Map.class));
    }
}
