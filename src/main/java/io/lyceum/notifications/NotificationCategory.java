package io.lyceum.notifications;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a notification is about, the unit of a user's preferences. {@code urgent} categories are never held for the
 * daily digest; {@code essential} ones (security) cannot be switched off; {@code voice} ones may call.
 */
public enum NotificationCategory {
    BOOKING_REQUESTS(
            true,
            false,
            true,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL, NotificationChannel.SMS)),
    BOOKING_UPDATES(true, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    LESSON_REMINDERS(
            true,
            false,
            true,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL, NotificationChannel.SMS)),
    PAYMENTS(true, false, true, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    DISPUTES(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    PACKAGES_AND_ENROLLMENTS(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    PAYOUTS(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    INVOICES(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    TUTOR_PROFILE(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    GUARDIAN_LINKS(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    MESSAGES(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    REVIEWS(false, false, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL)),
    SECURITY(true, true, false, EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL));

    final boolean urgent;
    final boolean essential;
    final boolean voice;
    /** The channels a user who never chose gets. */
    final Set<NotificationChannel> defaults;

    NotificationCategory(boolean urgent, boolean essential, boolean voice, Set<NotificationChannel> defaults) {
        this.urgent = urgent;
        this.essential = essential;
        this.voice = voice;
        this.defaults = Set.copyOf(defaults);
    }

    /** Whether emails of this category may wait for the daily digest. */
    boolean digestible() {
        return !urgent;
    }
}
