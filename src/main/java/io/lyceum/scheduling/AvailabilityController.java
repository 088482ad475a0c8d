package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.AvailabilityRules.OverrideInput;
import io.lyceum.scheduling.AvailabilityRules.SettingsInput;
import io.lyceum.scheduling.AvailabilityRules.WindowInput;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tutor's own availability: weekly windows, dated overrides and booking settings. */
@RestController
@PreAuthorize("hasRole('TUTOR')")
@Tag(name = "Scheduling: my availability")
class AvailabilityController {

    static final String BASE = "/api/v1/tutors/availability";
    static final int MAX_BULK = AvailabilityRules.MAX_WINDOWS + AvailabilityRules.MAX_OVERRIDES;

    private static final String TUTOR = "TUTOR only; the caller's own schedule (approval is not needed to set it). ";
    private static final String ITEM_RULES = "Times are HH:mm on the quarter hour in the tutor's zone, 24:00 allowed "
            + "as an end; windows of one day must not overlap (422 `availability.overlapping_window`), overrides of "
            + "one "
            + "date must not overlap (422 `availability.overlapping_override`, a whole-day block overlaps everything); "
            + "at most " + AvailabilityRules.MAX_WINDOWS + " windows and " + AvailabilityRules.MAX_OVERRIDES
            + " overrides. ";
    private static final String IF_MATCH = " Optional If-Match with the ETag from GET (or `version` in the body): 412 "
            + "`availability.version_mismatch` when the schedule changed since.";

    private final Availability availability;

    AvailabilityController(Availability availability) {
        this.availability = availability;
    }

    // ---- wire types

    record SettingsView(
            String timeZone,
            int bufferMinutes,
            int minimumNoticeMinutes,
            int horizonDays,
            List<Integer> lessonLengths,
            boolean requiresConfirmation) {}

    record WindowView(UUID id, DayOfWeek dayOfWeek, String start, String end) {}

    record OverrideView(
            UUID id,
            LocalDate date,
            TutorSchedule.OverrideKind kind,
            @Nullable String start,
            @Nullable String end,
            @Nullable String note) {}

    record AvailabilityView(
            UUID tutorId,

            @Schema(description = "0 until the first change; send it back as If-Match or `version` in PUT/PATCH")
            long version,

            SettingsView settings,
            List<WindowView> windows,
            List<OverrideView> overrides) {

        static AvailabilityView of(TutorSchedule s) {
            return new AvailabilityView(
                    s.tutorId(),
                    s.version(),
                    new SettingsView(
                            s.zone().getId(),
                            (int) s.buffer().toMinutes(),
                            (int) s.minimumNotice().toMinutes(),
                            s.horizonDays(),
                            s.lessonLengths(),
                            s.requiresConfirmation()),
                    s.windows().stream().map(AvailabilityController::window).toList(),
                    s.overrides().stream().map(AvailabilityController::override).toList());
        }
    }

    /** A window ({@code type} WINDOW: dayOfWeek, start, end) or an override (OVERRIDE: date, kind, times, note). */
    record ItemView(
            String type,
            UUID id,
            @Nullable DayOfWeek dayOfWeek,
            @Nullable LocalDate date,
            TutorSchedule.@Nullable OverrideKind kind,
            @Nullable String start,
            @Nullable String end,
            @Nullable String note) {

        static ItemView of(Availability.Item item) {
            if (item.window() != null) {
                WindowView w = window(item.window());
                return new ItemView("WINDOW", w.id(), w.dayOfWeek(), null, null, w.start(), w.end(), null);
            }
            OverrideView o = override(Objects.requireNonNull(item.override())); // an item is one or the other
            return new ItemView("OVERRIDE", o.id(), null, o.date(), o.kind(), o.start(), o.end(), o.note());
        }
    }

    @Schema(
            description = "WINDOW: dayOfWeek (MONDAY..SUNDAY), start, end (HH:mm, end may be 24:00). OVERRIDE: date "
                    + "(YYYY-MM-DD), kind BLOCKED (no times: the whole day) or EXTRA (extra hours), start and end, "
                    + "optional note (at most 200 characters).")
    record ItemRequest(
            @Schema(
                    allowableValues = {"WINDOW", "OVERRIDE"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable
            String type,

            @Schema(example = "MONDAY") @Nullable String dayOfWeek,
            @Schema(example = "2026-12-24") @Nullable String date,

            @Schema(allowableValues = {"BLOCKED", "EXTRA"}) @Nullable
            String kind,

            @Schema(example = "09:00") @Nullable String start,
            @Schema(example = "17:00") @Nullable String end,
            @Nullable String note) {

        Availability.ItemInput input(String path) {
            return new Availability.ItemInput(path, type, dayOfWeek, date, kind, start, end, note);
        }
    }

    record BulkRequest(@Nullable List<ItemRequest> items) {}

    record BulkResponse(List<ItemView> items) {}

    record ReplaceRequest(
            @Schema(description = "the version read; checked like If-Match when given") @Nullable
            Long version,

            @Schema(description = "absent fields (or no settings at all) keep their current values") @Nullable
            SettingsInput settings,

            @Nullable List<WindowInput> windows,
            @Nullable List<OverrideInput> overrides) {}

    // ---- routes

    @GetMapping(BASE)
    @PreAuthorize("isAnonymous() or hasRole('TUTOR')") // the path is under the catalog's public GET /api/v1/tutors/*
    @Operation(
            summary = "My availability",
            description = TUTOR + "Settings, weekly windows and dated overrides, with the ETag of the version. Before "
                    + "the first change: the defaults (the profile's time zone, else the account's, else UTC; the "
                    + "profile's lesson lengths, else 60) and no windows, that is no free time.")
    ResponseEntity<AvailabilityView> mine(@AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED, "auth.unauthenticated", "Sign in first: send an access token.");
        }
        if (!user.role().name().equals("TUTOR")) {
            throw new org.springframework.security.access.AccessDeniedException("tutors only");
        }
        return withEtag(HttpStatus.OK, availability.mine(user));
    }

    @PostMapping(BASE)
    @Operation(
            summary = "Add a weekly window or a dated override",
            description = TUTOR + ITEM_RULES + "201 with Location; invalid input is 422 with errors[].")
    @ApiResponse(responseCode = "201", description = "Added")
    ResponseEntity<ItemView> add(@AuthenticationPrincipal CurrentUser user, @RequestBody ItemRequest body) {
        if (body == null) {
            throw invalidBody("body");
        }
        Availability.Item item = availability.add(user, List.of(body.input(""))).getFirst();
        ItemView view = ItemView.of(item);
        return ResponseEntity.created(URI.create(BASE + "/" + view.id())).body(view);
    }

    @PostMapping(BASE + "/bulk")
    @Operation(
            summary = "Add many windows and overrides at once",
            description = TUTOR + ITEM_RULES + "All or nothing: one invalid item rejects the whole request (422, "
                    + "errors[] name items[i]). At most " + MAX_BULK + " items.")
    @ApiResponse(responseCode = "201", description = "Added")
    ResponseEntity<BulkResponse> bulk(@AuthenticationPrincipal CurrentUser user, @RequestBody BulkRequest body) {
        if (body == null || body.items() == null || body.items().isEmpty()) {
            throw invalidBody("items");
        }
        if (body.items().size() > MAX_BULK) {
            throw LyceumException.invalid(
                    "availability.invalid",
                    "Too many items.",
                    List.of(new FieldError("items", "at most " + MAX_BULK + " items")));
        }
        List<Availability.ItemInput> inputs = new ArrayList<>();
        for (int i = 0; i < body.items().size(); i++) {
            ItemRequest item = body.items().get(i);
            inputs.add(
                    item == null
                            ? new Availability.ItemInput("items[" + i + "]", null, null, null, null, null, null, null)
                            : item.input("items[" + i + "]"));
        }
        List<ItemView> added =
                availability.add(user, inputs).stream().map(ItemView::of).toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(new BulkResponse(added));
    }

    @GetMapping(BASE + "/{id}")
    @Operation(summary = "One of my windows or overrides", description = TUTOR + "Others' ids are 404.")
    ItemView item(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ItemView.of(availability.item(user, id));
    }

    @DeleteMapping(BASE + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete one of my windows or overrides",
            description = TUTOR + "Others' ids are 404. Existing bookings stay.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        availability.delete(user, id);
    }

    @PutMapping("/api/v1/tutors/me/availability")
    @Operation(
            summary = "Replace my whole availability",
            description = TUTOR + "Settings (absent fields unchanged), windows and overrides replace the current ones "
                    + "atomically: any invalid part rejects everything (422, errors[] name settings.x, windows[i], "
                    + "overrides[i]). Items get new ids. " + ITEM_RULES + IF_MATCH)
    ResponseEntity<AvailabilityView> replace(
            @AuthenticationPrincipal CurrentUser user,
            @RequestBody ReplaceRequest body,
            @Parameter(description = "ETag from GET") @RequestHeader(value = "If-Match", required = false) @Nullable
                    String ifMatch) {
        if (body == null) {
            throw invalidBody("body");
        }
        Long expected = version(ifMatch);
        TutorSchedule schedule = availability.replace(
                user, expected != null ? expected : body.version(), body.settings(), body.windows(), body.overrides());
        return withEtag(HttpStatus.OK, schedule);
    }

    @PatchMapping("/api/v1/tutors/me/availability/settings")
    @Operation(
            summary = "Change my booking settings",
            description = TUTOR + "Only the fields sent change: timeZone (IANA), bufferMinutes (0-240, kept free after "
                    + "each lesson), minimumNoticeMinutes (0-43200), horizonDays (1-365), lessonLengths (1-8 lengths "
                    + "of 15-240 minutes in steps of 5), requiresConfirmation. Existing bookings keep their times."
                    + IF_MATCH)
    ResponseEntity<AvailabilityView> settings(
            @AuthenticationPrincipal CurrentUser user,
            @RequestBody SettingsInput body,
            @Parameter(description = "ETag from GET") @RequestHeader(value = "If-Match", required = false) @Nullable
                    String ifMatch) {
        if (body == null) {
            throw invalidBody("body");
        }
        return withEtag(HttpStatus.OK, availability.updateSettings(user, version(ifMatch), body));
    }

    // ---- helpers

    static WindowView window(TutorSchedule.Window w) {
        return new WindowView(w.id(), w.day(), AvailabilityRules.format(w.start()), AvailabilityRules.format(w.end()));
    }

    static OverrideView override(TutorSchedule.Override o) {
        return new OverrideView(
                o.id(),
                o.date(),
                o.kind(),
                AvailabilityRules.formatOptional(o.start()),
                AvailabilityRules.formatOptional(o.end()),
                o.note());
    }

    private static ResponseEntity<AvailabilityView> withEtag(HttpStatus status, TutorSchedule schedule) {
        return ResponseEntity.status(status)
                .eTag("\"" + schedule.version() + "\"")
                .body(AvailabilityView.of(schedule));
    }

    /** The version in an If-Match header; null when there is none (or it is {@code *}). */
    static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new LyceumException(
                    ErrorKind.BAD_REQUEST,
                    "request.invalid_parameter",
                    "If-Match must be the ETag of the availability.",
                    List.of(new FieldError("If-Match", "must be an ETag such as \"3\"")));
        }
    }

    private static LyceumException invalidBody(String field) {
        return LyceumException.invalid(
                "availability.invalid", "The request body is missing.", List.of(new FieldError(field, "required")));
    }
}
