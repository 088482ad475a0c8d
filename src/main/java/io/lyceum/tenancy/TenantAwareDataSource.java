package io.lyceum.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells PostgreSQL which tenant every pooled connection works for, so row-level security confines all queries to
 * it (the second wall behind the service code, DESIGN.md section 4). A checkout whose tenant differs from the one
 * the physical connection last carried writes the session setting (outside any transaction: it happens before the
 * transaction manager turns auto-commit off, so no rollback can undo it); a checkout for the same tenant writes
 * nothing. A connection thus never carries a previous borrower's tenant, and a request of the tenant the pool
 * already serves costs no statement (DESIGN.md section 12). With no tenant bound the setting is cleared and
 * tenant-owned tables look empty.
 */
class TenantAwareDataSource extends DelegatingDataSource {

    /** The tenant each physical connection carries ("" for none); weak keys, so closed connections drop out. */
    private final Map<Object, String> carried = Collections.synchronizedMap(new WeakHashMap<>());

    TenantAwareDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bind(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return bind(super.getConnection(username, password));
    }

    private Connection bind(Connection connection) throws SQLException {
        String tenant = TenantContext.current().map(TenantId::toString).orElse("");
        try {
            Object physical = physical(connection);
            if (tenant.equals(carried.get(physical))) {
                return connection;
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT set_config('lyceum.tenant_id', ?, false)")) {
                statement.setString(1, tenant);
                statement.execute();
            }
            carried.put(physical, tenant);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The driver's connection behind the pool's per-checkout proxy: the one that keeps the session setting. */
    private static Object physical(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class) ? connection.unwrap(PGConnection.class) : connection;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Wraps the application's data source bean; Flyway's own migration connection is left alone. */
        @Bean
        static BeanPostProcessor tenantAwareDataSourcePostProcessor() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof DataSource dataSource
                            && !(bean instanceof TenantAwareDataSource)
                            && "dataSource".equals(beanName)) {
                        return new TenantAwareDataSource(dataSource);
                    }
                    return bean;
                }
            };
        }
    }
}
