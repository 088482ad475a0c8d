package io.lyceum.accounts;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a user, for modules that write to them (notifications): their address, language and time zone, and
 * their mobile number only once it is verified.
 *
 * @param language a BCP 47 language tag such as {@code en} or {@code fr}
 * @param timeZone an IANA time zone id
 * @param verifiedMobile E.164, or null when the user has no verified mobile number
 */
public record Contact(
        UUID id,
        String fullName,
        String email,
        Role role,
        String timeZone,
        String language,
        @Nullable String verifiedMobile,
        boolean active) {}
