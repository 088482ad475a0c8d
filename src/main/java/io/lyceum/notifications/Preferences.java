package io.lyceum.notifications;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.Contact;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's notification preferences: per category, the channels and the daily digest; and quiet hours. An update is
 * checked whole and refused with every problem at once (422 {@code notification_preferences.invalid}).
 */
@Service
class Preferences {

    /** One category's setting as the API shows it, with what may be changed. */
    record CategoryView(
            NotificationCategory category,
            boolean inApp,
            boolean email,
            boolean sms,
            boolean voice,
            boolean digest,
            boolean urgent,
            boolean locked,
            boolean voiceAvailable,
            boolean digestAvailable) {}

    record QuietHoursView(String start, String end) {}

    record View(List<CategoryView> categories, @Nullable QuietHoursView quietHours, boolean mobileVerified) {}

    /** A change: only the fields given change. */
    record CategoryChange(
            @Nullable String category,
            @Nullable Boolean inApp,
            @Nullable Boolean email,
            @Nullable Boolean sms,
            @Nullable Boolean voice,
            @Nullable Boolean digest) {}

    /** Quiet hours "HH:mm"; both null clears them. */
    record QuietHoursChange(
            @Nullable String start, @Nullable String end) {}

    private final AccountsApi accounts;
    private final PreferenceStore store;
    private final Clock clock;

    Preferences(AccountsApi accounts, PreferenceStore store, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.clock = clock;
    }

    /** What applies to the user now: their choices over the defaults, with security always on. */
    Map<NotificationCategory, CategoryPreference> effective(Contact contact) {
        boolean mobile = contact.verifiedMobile() != null;
        Map<NotificationCategory, CategoryPreference> chosen = store.chosen(contact.id());
        Map<NotificationCategory, CategoryPreference> result = new EnumMap<>(NotificationCategory.class);
        for (NotificationCategory category : NotificationCategory.values()) {
            CategoryPreference p = chosen.getOrDefault(category, CategoryPreference.defaults(category, mobile));
            if (!mobile && (p.sms() || p.voice())) {
                p = new CategoryPreference(category, p.inApp(), p.email(), false, false, p.digest());
            }
            result.put(category, p);
        }
        return result;
    }

    View view(UUID userId) {
        Contact contact = contact(userId);
        List<CategoryView> categories = new ArrayList<>();
        effective(contact)
                .values()
                .forEach(p -> categories.add(new CategoryView(
                        p.category(),
                        p.allows(NotificationChannel.IN_APP),
                        p.allows(NotificationChannel.EMAIL),
                        p.sms(),
                        p.voice() && p.category().voice,
                        p.digest(),
                        p.category().urgent,
                        p.category().essential,
                        p.category().voice,
                        p.category().digestible())));
        QuietHoursView quiet = store.quietHours(userId)
                .map(q -> new QuietHoursView(q.start().toString(), q.end().toString()))
                .orElse(null);
        return new View(categories, quiet, contact.verifiedMobile() != null);
    }

    /**
     * @param quietHours null leaves the quiet hours as they are
     */
    @Transactional
    View update(UUID userId, @Nullable List<CategoryChange> changes, @Nullable QuietHoursChange quietHours) {
        Contact contact = contact(userId);
        Map<NotificationCategory, CategoryPreference> current = effective(contact);
        boolean mobile = contact.verifiedMobile() != null;
        List<FieldError> errors = new ArrayList<>();
        List<CategoryPreference> next = new ArrayList<>();
        Set<NotificationCategory> seen = EnumSet.noneOf(NotificationCategory.class);
        List<CategoryChange> list = changes == null ? List.of() : changes;
        for (int i = 0; i < list.size(); i++) {
            CategoryChange change = list.get(i);
            String at = "categories[" + i + "]";
            if (change == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            NotificationCategory category;
            try {
                category = NotificationCategory.valueOf(String.valueOf(change.category()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        at + ".category", "unknown category; one of " + List.of(NotificationCategory.values())));
                continue;
            }
            if (!seen.add(category)) {
                errors.add(new FieldError(at + ".category", "given twice"));
                continue;
            }
            CategoryPreference was = Objects.requireNonNull(current.get(category)); // effective() holds every category
            CategoryPreference p = new CategoryPreference(
                    category,
                    or(change.inApp(), was.inApp()),
                    or(change.email(), was.email()),
                    or(change.sms(), was.sms()),
                    or(change.voice(), was.voice()),
                    or(change.digest(), was.digest()));
            if (category.essential && (!p.inApp() || !p.email())) {
                errors.add(new FieldError(at, "security messages cannot be switched off (in-app and email)"));
            }
            if (p.voice() && !category.voice) {
                errors.add(new FieldError(at + ".voice", "this category never calls"));
            }
            if ((p.sms() || p.voice()) && !mobile) {
                errors.add(new FieldError(at + (p.sms() ? ".sms" : ".voice"), "needs a verified mobile number"));
            }
            if (p.digest() && !category.digestible()) {
                errors.add(new FieldError(at + ".digest", "urgent categories are never held for the digest"));
            }
            if (p.digest() && !p.email()) {
                errors.add(new FieldError(at + ".digest", "the digest gathers emails: email must be on"));
            }
            next.add(p);
        }
        QuietHours quiet = null;
        if (quietHours != null && (quietHours.start() != null || quietHours.end() != null)) {
            LocalTime start = time(quietHours.start(), "quietHours.start", errors);
            LocalTime end = time(quietHours.end(), "quietHours.end", errors);
            if (start != null && end != null) {
                if (start.equals(end)) {
                    errors.add(new FieldError("quietHours.end", "must differ from the start"));
                } else {
                    quiet = new QuietHours(start, end);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid(
                    "notification_preferences.invalid", "These notification preferences cannot be saved.", errors);
        }
        var now = clock.instant();
        store.save(userId, next, now);
        if (quietHours != null) {
            store.saveQuietHours(userId, quiet, now);
        }
        return view(userId);
    }

    /** One click in an email: that category's emails stop (essential ones cannot). */
    @Transactional
    void unsubscribe(UUID userId, NotificationCategory category) {
        if (category.essential) {
            return;
        }
        Contact contact = contact(userId);
        CategoryPreference was = Objects.requireNonNull(effective(contact).get(category)); // holds every category
        store.save(
                userId,
                List.of(new CategoryPreference(category, was.inApp(), false, was.sms(), was.voice(), false)),
                clock.instant());
    }

    private Contact contact(UUID userId) {
        return accounts.contact(UserId.of(userId))
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
    }

    private static boolean or(@Nullable Boolean given, boolean current) {
        return given == null ? current : given;
    }

    private static @Nullable LocalTime time(@Nullable String text, String field, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(field, "required with the other end of the quiet hours"));
            return null;
        }
        try {
            if (!text.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("format", text, 0);
            }
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "a time of day as HH:mm"));
            return null;
        }
    }
}
