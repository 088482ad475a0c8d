package io.lyceum.scheduling;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calendar feeds and invites ({@code lyceum.scheduling.calendar.*}).
 *
 * @param publicBaseUrl the address calendar clients reach this API at, such as {@code https://lyceum.example.com};
 *     empty: taken from the request that asks for the feed URL
 * @param pastDays how far back a feed reaches (30 days)
 * @param maxEvents the most lessons one feed lists (the earliest first from {@code pastDays} ago)
 * @param organizerEmail the ORGANIZER of invites: an address of the installation, not of a person
 * @param organizerName its display name
 * @param invites whether confirmation, change and cancellation emails carry an .ics invite
 */
@ConfigurationProperties("lyceum.scheduling.calendar")
record CalendarProperties(
        @Nullable String publicBaseUrl,
        Integer pastDays,
        Integer maxEvents,
        String organizerEmail,
        String organizerName,
        Boolean invites) {

    CalendarProperties {
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank()
                ? null
                : publicBaseUrl.trim().replaceAll("/+$", "");
        pastDays = pastDays == null ? 30 : pastDays;
        maxEvents = maxEvents == null ? 1000 : maxEvents;
        organizerEmail = organizerEmail == null || organizerEmail.isBlank() ? "lessons@lyceum.invalid" : organizerEmail;
        organizerName = organizerName == null || organizerName.isBlank() ? "Lyceum" : organizerName;
        invites = invites == null || invites;
        if (pastDays < 0 || pastDays > 3650) {
            throw new IllegalArgumentException("lyceum.scheduling.calendar.past-days must be between 0 and 3650");
        }
        if (maxEvents < 1 || maxEvents > 10000) {
            throw new IllegalArgumentException("lyceum.scheduling.calendar.max-events must be between 1 and 10000");
        }
    }
}
