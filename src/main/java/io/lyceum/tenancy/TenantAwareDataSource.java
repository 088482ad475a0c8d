package io.lyceum.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells PostgreSQL which tenant every pooled connection works for, so row-level security confines all queries to
 * it (the second wall behind the service code, DESIGN.md section 4). The setting is written on every checkout,
 * so a connection never carries a previous borrower's tenant; with no tenant bound it is cleared and tenant-owned
 * tables look empty.
 */
class TenantAwareDataSource extends DelegatingDataSource {

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

    private static Connection bind(Connection connection) throws SQLException {
        String tenant = TenantContext.current().map(TenantId::toString).orElse("");
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT set_config('lyceum.tenant_id', ?, false)")) {
            statement.setString(1, tenant);
            statement.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
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
