package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.scheduling.AvailabilityRules.Located;
import io.lyceum.scheduling.AvailabilityRules.OverrideInput;
import io.lyceum.scheduling.AvailabilityRules.SettingsInput;
import io.lyceum.scheduling.AvailabilityRules.WindowInput;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tutor's own availability: reading it (with defaults before the first edit), adding and deleting windows and
 * overrides, replacing everything, editing settings. Every write locks the schedule row, validates the result as a
 * whole, bumps the version, recomputes the open time for the search filter and publishes {@link AvailabilityChanged},
 * all in one transaction.
 */
@Service
class Availability {

    static final int DEFAULT_BUFFER = 0;
    static final int DEFAULT_NOTICE = 720;
    static final int DEFAULT_HORIZON = 60;
    static final ZoneId UTC = ZoneId.of("UTC");

    /** One added item: a window or an override (exactly one is set), with the path of its input. */
    record Item(
            @Nullable String path, TutorSchedule.@Nullable Window window, TutorSchedule.@Nullable Override override) {}

    private final ScheduleStore store;
    private final OpenTimeIndex openTime;
    private final CatalogApi catalog;
    private final AccountsApi accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Availability(
            ScheduleStore store,
            OpenTimeIndex openTime,
            CatalogApi catalog,
            AccountsApi accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.openTime = openTime;
        this.catalog = catalog;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** The tutor's schedule, or the defaults (version 0, nothing open) before the first edit. */
    @Transactional(readOnly = true)
    TutorSchedule mine(CurrentUser tutor) {
        return store.find(tutor.userId().value())
                .orElseGet(() -> unsaved(tutor.userId().value()));
    }

    /** The settings a schedule starts with: the profile's zone and rates when there are, the usual defaults else. */
    ScheduleStore.Settings defaults(UUID tutorId) {
        Optional<TutorTerms> terms = catalog.tutorTerms(TutorId.of(tutorId));
        ZoneId zone = terms.map(TutorTerms::timeZone)
                .or(() -> accounts.findUser(UserId.of(tutorId))
                        .map(UserSummary::timeZone)
                        .filter(AvailabilityRules::isZone)
                        .map(ZoneId::of))
                .orElse(UTC);
        List<Integer> lengths = terms.map(t -> t.lessonLengths().stream()
                        .filter(m ->
                                m >= AvailabilityRules.MIN_LESSON && m <= AvailabilityRules.MAX_LESSON && m % 5 == 0)
                        .distinct()
                        .sorted()
                        .limit(AvailabilityRules.MAX_LESSON_LENGTHS)
                        .toList())
                .filter(l -> !l.isEmpty())
                .orElse(List.of(60));
        return new ScheduleStore.Settings(zone, DEFAULT_BUFFER, DEFAULT_NOTICE, DEFAULT_HORIZON, lengths, false);
    }

    TutorSchedule unsaved(UUID tutorId) {
        ScheduleStore.Settings s = defaults(tutorId);
        return new TutorSchedule(
                tutorId,
                s.zone(),
                Duration.ofMinutes(s.bufferMinutes()),
                Duration.ofMinutes(s.minimumNoticeMinutes()),
                s.horizonDays(),
                s.lessonLengths(),
                s.requiresConfirmation(),
                List.of(),
                List.of(),
                0);
    }

    /** Adds windows and overrides, all or nothing; errors[] point at the offending inputs by their paths. */
    @Transactional
    List<Item> add(CurrentUser tutor, List<ItemInput> inputs) {
        if (inputs.isEmpty()) {
            throw LyceumException.invalid(
                    "availability.invalid", "Send at least one item.", List.of(new FieldError("items", "empty")));
        }
        TutorSchedule schedule = lock(tutor);
        List<FieldError> errors = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (ItemInput input : inputs) {
            Item item = input.parse(errors);
            if (item != null) {
                items.add(item);
            }
        }
        List<Located<TutorSchedule.Window>> windows = items.stream()
                .filter(i -> i.window() != null)
                .map(i -> new Located<>(i.path(), i.window()))
                .toList();
        List<Located<TutorSchedule.Override>> overrides = items.stream()
                .filter(i -> i.override() != null)
                .map(i -> new Located<>(i.path(), i.override()))
                .toList();
        if (!windows.isEmpty()) {
            AvailabilityRules.checkWindows(schedule.windows(), new ArrayList<>(windows), errors);
        }
        if (!overrides.isEmpty()) {
            AvailabilityRules.refusePastOverrides(
                    List.of(), overrides, LocalDate.now(clock.withZone(schedule.zone())), errors);
            AvailabilityRules.checkOverrides(schedule.overrides(), new ArrayList<>(overrides), errors);
        }
        AvailabilityRules.fail("availability.invalid", "The availability has invalid items; see errors[].", errors);
        Instant now = clock.instant();
        store.insertWindows(
                tutor.userId().value(), windows.stream().map(Located::item).toList(), now);
        store.insertOverrides(
                tutor.userId().value(), overrides.stream().map(Located::item).toList(), now);
        changed(tutor, inputs.size() == 1 ? "ITEM_ADDED" : "ITEMS_ADDED", now);
        return items;
    }

    /** A window or override of the caller; 404 for anyone else's id. */
    @Transactional(readOnly = true)
    Item item(CurrentUser tutor, UUID id) {
        TutorSchedule schedule = store.find(tutor.userId().value()).orElseThrow(Availability::itemNotFound);
        return schedule.windows().stream()
                .filter(w -> w.id().equals(id))
                .findFirst()
                .map(w -> new Item(null, w, null))
                .or(() -> schedule.overrides().stream()
                        .filter(o -> o.id().equals(id))
                        .findFirst()
                        .map(o -> new Item(null, null, o)))
                .orElseThrow(Availability::itemNotFound);
    }

    @Transactional
    void delete(CurrentUser tutor, UUID id) {
        if (store.find(tutor.userId().value()).isEmpty()) {
            throw itemNotFound();
        }
        lock(tutor);
        if (!store.deleteItem(tutor.userId().value(), id)) {
            throw itemNotFound();
        }
        changed(tutor, "ITEM_DELETED", clock.instant());
    }

    /** Replaces settings, windows and overrides at once; checks the expected version when one is given. */
    @Transactional
    TutorSchedule replace(
            CurrentUser tutor,
            @Nullable Long expectedVersion,
            @Nullable SettingsInput settingsInput,
            @Nullable List<WindowInput> windowInputs,
            @Nullable List<OverrideInput> overrideInputs) {
        TutorSchedule schedule = lock(tutor);
        checkVersion(schedule, expectedVersion);
        List<FieldError> errors = new ArrayList<>();
        ScheduleStore.Settings settings =
                AvailabilityRules.settings("settings.", ScheduleStore.Settings.of(schedule), settingsInput, errors);
        List<Located<TutorSchedule.Window>> windows = new ArrayList<>();
        List<WindowInput> ws = windowInputs == null ? List.of() : windowInputs;
        for (int i = 0; i < ws.size(); i++) {
            String path = "windows[" + i + "]";
            TutorSchedule.Window w = AvailabilityRules.window(path + ".", ws.get(i), errors);
            if (w != null) windows.add(new Located<>(path, w));
        }
        List<Located<TutorSchedule.Override>> overrides = new ArrayList<>();
        List<OverrideInput> os = overrideInputs == null ? List.of() : overrideInputs;
        for (int i = 0; i < os.size(); i++) {
            String path = "overrides[" + i + "]";
            TutorSchedule.Override o = AvailabilityRules.override(path + ".", os.get(i), errors);
            if (o != null) overrides.add(new Located<>(path, o));
        }
        AvailabilityRules.checkWindows(List.of(), windows, errors);
        AvailabilityRules.refusePastOverrides(
                schedule.overrides(), overrides, LocalDate.now(clock.withZone(settings.zone())), errors);
        AvailabilityRules.checkOverrides(List.of(), overrides, errors);
        AvailabilityRules.fail("availability.invalid", "The availability is invalid; see errors[].", errors);
        Instant now = clock.instant();
        store.updateSettings(tutor.userId().value(), settings);
        store.deleteAllItems(tutor.userId().value());
        store.insertWindows(
                tutor.userId().value(), windows.stream().map(Located::item).toList(), now);
        store.insertOverrides(
                tutor.userId().value(), overrides.stream().map(Located::item).toList(), now);
        return changed(tutor, "REPLACED", now);
    }

    /** Changes the settings given (null fields stay); checks the expected version when one is given. */
    @Transactional
    TutorSchedule updateSettings(CurrentUser tutor, @Nullable Long expectedVersion, SettingsInput input) {
        TutorSchedule schedule = lock(tutor);
        checkVersion(schedule, expectedVersion);
        List<FieldError> errors = new ArrayList<>();
        ScheduleStore.Settings settings =
                AvailabilityRules.settings("", ScheduleStore.Settings.of(schedule), input, errors);
        AvailabilityRules.fail("availability.invalid_settings", "The settings are invalid; see errors[].", errors);
        store.updateSettings(tutor.userId().value(), settings);
        return changed(tutor, "SETTINGS_CHANGED", clock.instant());
    }

    // ---- helpers

    private TutorSchedule lock(CurrentUser tutor) {
        return store.lockOrCreate(
                tutor.userId().value(), defaults(tutor.userId().value()), clock.instant());
    }

    private static void checkVersion(TutorSchedule schedule, @Nullable Long expected) {
        if (expected != null && expected != schedule.version()) {
            throw new LyceumException(
                    ErrorKind.PRECONDITION_FAILED,
                    "availability.version_mismatch",
                    "The availability changed since you read it (now version " + schedule.version() + ").");
        }
    }

    private TutorSchedule changed(CurrentUser tutor, String change, Instant now) {
        long version = store.bumpVersion(tutor.userId().value(), now);
        TutorSchedule schedule = store.find(tutor.userId().value()).orElseThrow();
        openTime.refresh(schedule);
        events.publishEvent(
                new AvailabilityChanged(TenantContext.require(), tutor.userId().asTutor(), version, change, now));
        return schedule;
    }

    static LyceumException itemNotFound() {
        return LyceumException.notFound("availability.not_found", "No such availability window or override.");
    }

    /** One item of a POST body: a window or an override, told apart by {@code type}. */
    record ItemInput(
            @Nullable String path,
            @Nullable String type,
            @Nullable String dayOfWeek,
            @Nullable String date,
            @Nullable String kind,
            @Nullable String start,
            @Nullable String end,
            @Nullable String note) {

        @Nullable
        Item parse(List<FieldError> errors) {
            String prefix = path == null || path.isEmpty() ? "" : path + ".";
            String t = type == null ? "" : type.trim().toUpperCase(java.util.Locale.ROOT);
            return switch (t) {
                case "WINDOW" -> {
                    TutorSchedule.Window w =
                            AvailabilityRules.window(prefix, new WindowInput(dayOfWeek, start, end), errors);
                    yield w == null ? null : new Item(pathOrItem(), w, null);
                }
                case "OVERRIDE" -> {
                    TutorSchedule.Override o =
                            AvailabilityRules.override(prefix, new OverrideInput(date, kind, start, end, note), errors);
                    yield o == null ? null : new Item(pathOrItem(), null, o);
                }
                default -> {
                    errors.add(new FieldError(prefix + "type", "must be WINDOW or OVERRIDE"));
                    yield null;
                }
            };
        }

        private String pathOrItem() {
            // a single item has no path: its overlap is reported on its start
            return path == null || path.isEmpty() ? "start" : path;
        }
    }
}
