package io.lyceum.billing.offers;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lesson packages ({@code lyceum.payments.packages.*}).
 *
 * @param creditValidity how long a package's credits may be used after it was paid; unused credits then expire
 * @param expiryWarning how long before a package's unused credits expire its student (and buyer) are told, once
 * @param expiryTime when the daily expiry job runs, {@code HH:mm} UTC
 */
@Validated
@ConfigurationProperties("lyceum.payments.packages")
public record PackageProperties(
        @NotNull @DurationMin(days = 1) @DefaultValue("P180D")
        Duration creditValidity,

        @NotNull @DurationMin(hours = 1) @DefaultValue("P7D")
        Duration expiryWarning,

        @NotNull
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a time of day as HH:mm (UTC)")
        @DefaultValue("02:40")
        String expiryTime) {}
