package io.lyceum.tenancy;

import io.lyceum.shared.LyceumException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class TenantService implements TenancyApi {

    private static final String COLUMNS = "id, slug, name, status, default_currency, time_zone, "
            + "coalesce((settings ->> 'requireEmailVerification')::boolean, true) AS require_email_verification";

    private final JdbcClient jdbc;
    private final TenantAdministration administration;

    TenantService(JdbcClient jdbc, TenantAdministration administration) {
        this.jdbc = jdbc;
        this.administration = administration;
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id")
                .param("id", id.value())
                .query((rs, row) -> map(rs))
                .optional();
    }

    @Override
    public Optional<Tenant> findBySlug(String slug) {
        if (slug == null || slug.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE slug = :slug")
                .param("slug", slug.trim().toLowerCase(java.util.Locale.ROOT))
                .query((rs, row) -> map(rs))
                .optional();
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
