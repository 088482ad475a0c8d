package io.lyceum.tenancy;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating tenants and changing a tenant's own settings. The {@code tenants} table is not tenant-owned (it is the
 * list of tenants), so every statement here names the tenant it works on.
 */
@Component
class TenantAdministration {

    /** The tenants table's CHECK constraint, so bad input is a 422 and never a constraint violation. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /** Host-name labels that would shadow the installation's own names when tenants are resolved by host. */
    static final Set<String> RESERVED_SLUGS =
            Set.of("www", "api", "app", "admin", "docs", "static", "assets", "mail", "localhost", "status");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantAdministration(
            JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** A tenant with everything an owner may see and change. */
    record TenantDetails(
            UUID id,
            String slug,
            String name,
            TenantStatus status,
            String defaultCurrency,
            String timeZone,
            boolean requireEmailVerification,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    /** Changes an owner asks for; null leaves a field as it is. */
    record TenantChanges(
            @Nullable String name,
            @Nullable String defaultCurrency,
            @Nullable String timeZone,
            @Nullable Boolean requireEmailVerification) {}

    <T> T create(NewTenant request, Function<Tenant, T> setup) {
        List<FieldError> errors = new ArrayList<>();
        String slug = request.slug() == null ? "" : request.slug().trim();
        if (!SLUG.matcher(slug).matches()) {
            errors.add(new FieldError(
                    "slug", "must be 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit"));
        } else if (RESERVED_SLUGS.contains(slug)) {
            errors.add(new FieldError("slug", "is reserved"));
        }
        String name = validName(request.name(), errors);
        String currency = validCurrency(request.defaultCurrency(), errors);
        String timeZone = validTimeZone(request.timeZone(), errors);
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The request has invalid fields.", errors);
        }
        TenantId id = new TenantId(Ids.newId());
        Tenant tenant = new Tenant(id, slug, name, TenantStatus.ACTIVE, currency, timeZone, true);
        // bound before the transaction starts, so its connection is confined to the new tenant (row-level security)
        return TenantContext.callAs(
                id,
                () -> transactions.execute(status -> {
                    var now = clock.instant();
                    int inserted = jdbc.sql("""
                    INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                    VALUES (:id, :slug, :name, 'ACTIVE', :currency, :zone, :now, :now)
                    ON CONFLICT (slug) DO NOTHING
                    """)
                            .param("id", id.value())
                            .param("slug", slug)
                            .param("name", name)
                            .param("currency", currency)
                            .param("zone", timeZone)
                            .param("now", now.atOffset(ZoneOffset.UTC))
                            .update();
                    if (inserted == 0) {
                        throw LyceumException.conflict(
                                "tenant.slug_taken", "A tenant with the slug '" + slug + "' exists.");
                    }
                    events.publishEvent(new TenantCreated(id, slug, name, now, MDC.get("requestId")));
                    return setup.apply(tenant);
                }));
    }

    TenantDetails details(TenantId id) {
        return jdbc.sql("""
                SELECT id, slug, name, status, default_currency, time_zone,
                       coalesce((settings ->> 'requireEmailVerification')::boolean, true) AS require_email_verification,
                       created_at, updated_at, version
                  FROM tenants WHERE id = :id
                """)
                .param("id", id.value())
                .query(TenantAdministration::map)
                .optional()
                .orElseThrow(() -> LyceumException.notFound("tenant.not_found", "Unknown tenant."));
    }

    /**
     * Applies an owner's changes. With {@code expectedVersion} (from {@code If-Match}) a concurrent change is a 412;
     * the row is locked, so two owners' changes apply one after the other and each is audited against what it
     * replaced.
     */
    TenantDetails update(TenantId id, UUID actorId, TenantChanges changes, @Nullable Long expectedVersion) {
        List<FieldError> errors = new ArrayList<>();
        String name = changes.name() == null ? null : validName(changes.name(), errors);
        String currency = changes.defaultCurrency() == null ? null : validCurrency(changes.defaultCurrency(), errors);
        String timeZone = changes.timeZone() == null ? null : validTimeZone(changes.timeZone(), errors);
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The request has invalid fields.", errors);
        }
        return transactions.execute(status -> {
            TenantDetails current = jdbc.sql("""
                    SELECT id, slug, name, status, default_currency, time_zone,
                           coalesce((settings ->> 'requireEmailVerification')::boolean, true)
                               AS require_email_verification,
                           created_at, updated_at, version
                      FROM tenants WHERE id = :id FOR UPDATE
                    """)
                    .param("id", id.value())
                    .query(TenantAdministration::map)
                    .optional()
                    .orElseThrow(() -> LyceumException.notFound("tenant.not_found", "Unknown tenant."));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new LyceumException(
                        ErrorKind.PRECONDITION_FAILED,
                        "tenant.version_mismatch",
                        "The tenant was changed since you read it (version " + current.version()
                                + "); reload and try again.");
            }
            Map<String, Object> before = new LinkedHashMap<>();
            Map<String, Object> after = new LinkedHashMap<>();
            diff("name", current.name(), name, before, after);
            diff("defaultCurrency", current.defaultCurrency(), currency, before, after);
            diff("timeZone", current.timeZone(), timeZone, before, after);
            diff(
                    "settings.requireEmailVerification",
                    current.requireEmailVerification(),
                    changes.requireEmailVerification(),
                    before,
                    after);
            if (after.isEmpty()) {
                return current;
            }
            Instant now = clock.instant();
            jdbc.sql("""
                    UPDATE tenants
                       SET name = coalesce(:name, name),
                           default_currency = coalesce(:currency, default_currency),
                           time_zone = coalesce(:zone, time_zone),
                           settings = CASE WHEN :verify::boolean IS NULL THEN settings
                                           ELSE settings || jsonb_build_object('requireEmailVerification',
                                                                               :verify::boolean) END,
                           updated_at = :now,
                           version = version + 1
                     WHERE id = :id
                    """)
                    .param("name", name)
                    .param("currency", currency)
                    .param("zone", timeZone)
                    .param("verify", changes.requireEmailVerification())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", id.value())
                    .update();
            events.publishEvent(new TenantUpdated(id, actorId, before, after, now, MDC.get("requestId")));
            return details(id);
        });
    }

    /**
     * Suspends or reinstates a tenant (the platform operator's call). A suspended tenant serves no request: its
     * tokens and refresh tokens stop working at once. Changing to the current status changes nothing; the default
     * tenant cannot be suspended (it serves every request that names no tenant), and a closed tenant stays closed.
     */
    TenantDetails changeStatus(TenantId id, TenantStatus target, @Nullable String reason) {
        return transactions.execute(status -> {
            String current = jdbc.sql("SELECT status FROM tenants WHERE id = :id FOR UPDATE")
                    .param("id", id.value())
                    .query(String.class)
                    .optional()
                    .orElseThrow(() -> LyceumException.notFound("tenant.not_found", "Unknown tenant."));
            if (current.equals(target.name())) {
                return details(id);
            }
            if (TenantStatus.CLOSED.name().equals(current)) {
                throw LyceumException.conflict("tenant.closed", "The tenant is closed; it cannot be reopened.");
            }
            if (id.equals(TenantId.DEFAULT) && target != TenantStatus.ACTIVE) {
                throw LyceumException.conflict(
                        "tenant.default_not_suspendable",
                        "The default tenant serves every request that names no tenant; it cannot be suspended.");
            }
            Instant now = clock.instant();
            jdbc.sql("UPDATE tenants SET status = :status, updated_at = :now, version = version + 1 WHERE id = :id")
                    .param("status", target.name())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", id.value())
                    .update();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", target.name());
            if (reason != null && !reason.isBlank()) {
                after.put("reason", reason.trim());
            }
            events.publishEvent(
                    new TenantUpdated(id, null, Map.of("status", current), after, now, MDC.get("requestId")));
            return details(id);
        });
    }

    private static void diff(
            String field,
            @Nullable Object current,
            @Nullable Object requested,
            Map<String, Object> before,
            Map<String, Object> after) {
        if (requested != null && !requested.equals(current)) {
            before.put(field, current);
            after.put(field, requested);
        }
    }

    private static String validName(String name, List<FieldError> errors) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        } else if (!io.lyceum.shared.PlainText.isPlain(trimmed)) {
            errors.add(new FieldError("name", io.lyceum.shared.PlainText.MESSAGE));
        }
        return trimmed;
    }

    private static String validCurrency(String currency, List<FieldError> errors) {
        String code = currency == null ? "" : currency.trim();
        try {
            if (code.matches("[A-Z]{3}")) {
                return Currency.getInstance(code).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // not an ISO 4217 code: reported below
        }
        errors.add(new FieldError("defaultCurrency", "must be an ISO 4217 currency code such as GBP"));
        return code;
    }

    private static String validTimeZone(String zone, List<FieldError> errors) {
        String id = zone == null ? "" : zone.trim();
        if (ZoneId.getAvailableZoneIds().contains(id)) {
            return id;
        }
        errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/London"));
        return id;
    }

    private static TenantDetails map(ResultSet rs, int row) throws SQLException {
        return new TenantDetails(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("name"),
                TenantStatus.valueOf(rs.getString("status")),
                rs.getString("default_currency"),
                rs.getString("time_zone"),
                rs.getBoolean("require_email_verification"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
