package io.lyceum.scheduling;

import io.lyceum.scheduling.SlotFinder.Slot;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Scheduling: free slots")
class AvailableSlotsController {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final AvailableSlots slots;

    AvailableSlotsController(AvailableSlots slots) {
        this.slots = slots;
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
            List<DayView> days) {}

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
                    + "parameters are 422 with errors[]. Not cacheable (Cache-Control: no-store).")
    ResponseEntity<SlotsView> availableSlots(
            @PathVariable UUID id,
            @Parameter(description = "ISO instant or date; default now") @RequestParam(required = false) String from,
            @Parameter(description = "ISO instant or date; default from + 7 days") @RequestParam(required = false)
                    String to,
            @Parameter(description = "lesson minutes; default the shortest the tutor offers")
                    @RequestParam(required = false)
                    Integer duration,
            @Parameter(description = "viewer's IANA time zone; default UTC") @RequestParam(required = false)
                    String tz) {
        AvailableSlots.Found found = slots.find(id, from, to, duration, tz);
        ZoneId viewer = found.viewerZone();
        List<SlotView> views = new ArrayList<>(found.slots().size());
        Map<LocalDate, List<String>> days = new LinkedHashMap<>();
        for (Slot slot : found.slots()) {
            OffsetDateTime localStart = slot.start().atZone(viewer).toOffsetDateTime();
            OffsetDateTime localEnd = slot.end().atZone(viewer).toOffsetDateTime();
            views.add(new SlotView(slot.start(), slot.end(), localStart.toString(), localEnd.toString()));
            days.computeIfAbsent(localStart.toLocalDate(), d -> new ArrayList<>())
                    .add(localStart.format(HH_MM));
        }
        SlotsView body = new SlotsView(
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
                        .toList());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
