package io.lyceum.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lyceum.shared.LyceumException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tenant look-ups, served from a short-lived in-process cache: every request resolves its tenant, and a tenant changes
 * rarely. A change made through this instance drops the cached row at once; another instance sees it within
 * {@link #CACHE_TTL}. Unknown slugs are not cached, so a tenant created a moment ago resolves at once.
 */
@Service
class TenantService implements TenancyApi {

    /** How long a tenant row may be served from memory (DESIGN.md section 12: tenants are cached briefly). */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private static final String COLUMNS = "id, slug, name, status, default_currency, time_zone, "
            + "coalesce((settings ->> 'requireEmailVerification')::boolean, true) AS require_email_verification";

    private final JdbcClient jdbc;
    private final TenantAdministration administration;
    private final Cache<TenantId, Tenant> byId = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(10_000)
            .build();
    private final Cache<String, Tenant> bySlug = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(10_000)
            .build();

    TenantService(JdbcClient jdbc, TenantAdministration administration) {
        this.jdbc = jdbc;
        this.administration = administration;
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
        Tenant cached = byId.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return remember(jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id")
                .param("id", id.value())
                .query((rs, row) -> map(rs))
                .optional());
    }

    @Override
    public Optional<Tenant> findBySlug(@Nullable String slug) {
        if (slug == null || slug.isBlank()) {
            return Optional.empty();
        }
        String normalised = slug.trim().toLowerCase(Locale.ROOT);
        Tenant cached = bySlug.getIfPresent(normalised);
        if (cached != null) {
            return Optional.of(cached);
        }
        return remember(jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE slug = :slug")
                .param("slug", normalised)
                .query((rs, row) -> map(rs))
                .optional());
    }

    @Override
    public List<TenantId> tenantIds() {
        return jdbc.sql("SELECT id FROM tenants ORDER BY id")
                .query((rs, row) -> new TenantId(rs.getObject("id", UUID.class)))
                .list();
    }

    @Override
    public io.lyceum.shared.PageResponse<Tenant> list(io.lyceum.shared.PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single();
        var tenants = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM tenants ORDER BY created_at, slug LIMIT :limit OFFSET :offset")
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, row) -> map(rs))
                .list();
        return io.lyceum.shared.PageResponse.of(tenants, page, total);
    }

    @Override
    public Tenant current() {
        TenantId id = TenantContext.require();
        return findById(id).orElseThrow(() -> LyceumException.notFound("tenant.not_found", "Unknown tenant."));
    }

    @Override
    public <T> T create(NewTenant tenant, java.util.function.Function<Tenant, T> setup) {
        return administration.create(tenant, setup);
    }

    /** A tenant changed through this instance: its cached row goes once the change is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(TenantUpdated event) {
        forget(event.tenantId());
    }

    void forget(TenantId id) {
        Tenant cached = byId.getIfPresent(id);
        byId.invalidate(id);
        if (cached != null) {
            bySlug.invalidate(cached.slug());
        }
    }

    private Optional<Tenant> remember(Optional<Tenant> found) {
        found.ifPresent(tenant -> {
            byId.put(tenant.id(), tenant);
            bySlug.put(tenant.slug(), tenant);
        });
        return found;
    }

    private static Tenant map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Tenant(
                new TenantId(rs.getObject("id", UUID.class)),
                rs.getString("slug"),
                rs.getString("name"),
                TenantStatus.valueOf(rs.getString("status")),
                rs.getString("default_currency"),
                rs.getString("time_zone"),
                rs.getBoolean("require_email_verification"));
    }
}
