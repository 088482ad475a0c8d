package io.lyceum.scheduling;

import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.LessonQuote;
import io.lyceum.catalog.Level;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.scheduling.SlotFinder.Slot;
import io.lyceum.shared.ETags;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Scheduling: free slots")
class AvailableSlotsController {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final AvailableSlots slots;
    private final SlotAnswers answers;
    private final CatalogApi catalog;

    AvailableSlotsController(AvailableSlots slots, SlotAnswers answers, CatalogApi catalog) {
        this.slots = slots;
        this.answers = answers;
        this.catalog = catalog;
    }

    /** One free slot: UTC instants, and the start and end in the viewer's zone with their offsets. */
    record SlotView(Instant start, Instant end, String localStart, String localEnd) {}

    /** The start times (HH:mm) of one date of the viewer's zone. */
    record DayView(LocalDate date, List<String> times) {}

    record SlotsView(
            UUID tutorId,
            String tutorTimeZone,
            String timeZone,
            int duration,
            List<Integer> lessonLengths,
            Instant from,
            Instant to,
            List<SlotView> slots,
            List<DayView> days,

            @Schema(
                    description = "the exact price of a lesson of this length (absent when the tutor teaches"
                            + " several subjects or levels and none was named): POST /bookings charges it")
            @Nullable
            LessonQuote quote) {}

    @GetMapping("/api/v1/tutors/{id}/available-slots")
    @Operation(
            summary = "Free lesson start times of a tutor (public)",
            description = "Approved tutors only (else 404). Start times on the quarter-hour grid of the tutor's "
                    + "local time, within the tutor's windows and extra hours, outside blocked dates and times, at "
                    + "least the minimum notice ahead and within the booking horizon, and clear of existing bookings "
                    + "and holds plus the tutor's buffer (exactly as booking checks them). `from`/`to`: ISO instants "
                    + "(or dates, read in `tz`), default now and a week later, at most 62 days apart; slots start in "
                    + "[from, to). `duration`: one of the tutor's lesson lengths (default the shortest). `tz`: the "
                    + "viewer's IANA zone for localStart/localEnd and the grouping by date (default UTC). Invalid "
                    + "parameters are 422 with errors[]. `quote`: the price a booking of `subjectId` at `level` (each may "
                    + "be omitted when the tutor teaches one), of this duration (a trial with `trial=true`) charges, "
                    + "with `displayPrice` in `displayCurrency` when given. Carries an ETag and Cache-Control: no-cache: "
                    + "If-None-Match with it answers 304 while the slots, the quote and the query are unchanged.")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SlotsView.class)))
    ResponseEntity<byte[]> availableSlots(
            @PathVariable UUID id,
            @Parameter(description = "ISO instant or date; default now") @RequestParam(required = false) @Nullable
                    String from,
            @Parameter(description = "ISO instant or date; default from + 7 days")
                    @RequestParam(required = false)
                    @Nullable
                    String to,
            @Parameter(description = "lesson minutes; default the shortest the tutor offers")
                    @RequestParam(required = false)
                    @Nullable
                    Integer duration,
            @Parameter(description = "viewer's IANA time zone; default UTC") @RequestParam(required = false) @Nullable
                    String tz,
            @Parameter(description = "the lesson's subject, for the quote") @RequestParam(required = false) @Nullable
                    String subjectId,
            @Parameter(description = "the lesson's level, for the quote") @RequestParam(required = false) @Nullable
                    String level,
            @Parameter(description = "quote a trial lesson") @RequestParam(required = false) @Nullable Boolean trial,
            @Parameter(description = "ISO 4217 currency to show the quote's displayPrice in")
                    @RequestParam(required = false)
                    @Nullable
                    String displayCurrency,
            @RequestHeader(value = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
        AvailableSlots.Found found = slots.find(id, from, to, duration, tz);
        LessonQuote quote =
                quote(found.terms(), subjectId, level, found.minutes(), Boolean.TRUE.equals(trial), displayCurrency);
        SlotAnswers.Answer answer = answers.answer(found, quote, () -> view(id, found, quote));
        if (ETags.matches(ifNoneMatch, answer.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(answer.etag())
                    .cacheControl(CacheControl.noCache())
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(answer.etag())
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.json());
    }

    private static SlotsView view(UUID id, AvailableSlots.Found found, @Nullable LessonQuote quote) {
        ZoneId viewer = found.viewerZone();
        List<Slot> slots = found.slots();
        List<SlotView> views = new ArrayList<>(slots.size());
        Map<LocalDate, List<String>> days = new LinkedHashMap<>();
        for (Slot slot : slots) {
            OffsetDateTime localStart = slot.start().atZone(viewer).toOffsetDateTime();
            OffsetDateTime localEnd = slot.end().atZone(viewer).toOffsetDateTime();
            views.add(new SlotView(slot.start(), slot.end(), localStart.toString(), localEnd.toString()));
            days.computeIfAbsent(localStart.toLocalDate(), d -> new ArrayList<>())
                    .add(localStart.format(HH_MM));
        }
        return new SlotsView(
                id,
                found.schedule().zone().getId(),
                viewer.getId(),
                found.minutes(),
                found.schedule().lessonLengths(),
                found.from(),
                found.to(),
                views,
                days.entrySet().stream()
                        .map(e -> new DayView(e.getKey(), e.getValue()))
                        .toList(),
                quote);
    }

    /** The quote of the catalog's one pricing model; null when no subject or level was named and several exist. */
    private @Nullable LessonQuote quote(
            TutorTerms terms,
            @Nullable String subjectId,
            @Nullable String level,
            int minutes,
            boolean trial,
            @Nullable String displayCurrency) {
        List<FieldError> errors = new ArrayList<>();
        UUID subject = null;
        if (subjectId != null && !subjectId.isBlank()) {
            try {
                subject = UUID.fromString(subjectId.trim());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("subjectId", "must be a UUID"));
            }
        }
        Level lvl = null;
        if (level != null && !level.isBlank()) {
            try {
                lvl = Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("level", "must be one of " + List.of(Level.values())));
            }
        }
        String currency = null;
        if (displayCurrency != null && !displayCurrency.isBlank()) {
            try {
                currency = Money.currency(displayCurrency.trim().toUpperCase(Locale.ROOT))
                        .getCurrencyCode();
            } catch (LyceumException e) {
                errors.add(new FieldError("displayCurrency", "must be an ISO 4217 currency code such as GBP"));
            }
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The request has invalid fields.", errors);
        }
        if (subject == null && lvl == null && terms.offers().size() != 1) {
            return null;
        }
        return catalog.quoteLesson(terms, subject, lvl, minutes, trial, currency);
    }
}
