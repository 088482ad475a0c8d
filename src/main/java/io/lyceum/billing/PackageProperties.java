package io.lyceum.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lesson packages ({@code lyceum.payments.packages.*}).
 *
 * @param creditValidity how long a package's credits may be used after it was paid; unused credits then expire
 * @param expiryTime when the daily expiry job runs, {@code HH:mm} UTC
 */
@ConfigurationProperties("lyceum.payments.packages")
record PackageProperties(
        @DefaultValue("P180D") Duration creditValidity,
        @DefaultValue("02:40") String expiryTime) {}
