package io.lyceum.tenancy;

/**
 * What a new tenant starts with, for {@link TenancyApi#create}.
 *
 * @param slug lowercase letters, digits and hyphens, 2 to 63 characters, starting with a letter or digit; used in
 *     the {@code X-Tenant} header and as the first label of the tenant's host name
 * @param name display name, 1 to 200 characters
 * @param defaultCurrency ISO 4217 code such as {@code GBP}
 * @param timeZone IANA time zone such as {@code Europe/London}
 */
public record NewTenant(String slug, String name, String defaultCurrency, String timeZone) {}
