package io.lyceum.platform.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Lyceum's PostgreSQL lives.
 *
 * @param embedded start an embedded PostgreSQL (development and evaluation) instead of using spring.datasource.*
 * @param embeddedDataDir data directory of the embedded server; blank for a throwaway directory (tests)
 * @param embeddedPort port of the embedded server; 0 picks a free one
 * @param appRole non-superuser role the application connects as, so row-level security applies to it
 */
@ConfigurationProperties("lyceum.db")
record DatabaseProperties(boolean embedded, String embeddedDataDir, int embeddedPort, String appRole) {

    DatabaseProperties {
        if (appRole == null || !appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("lyceum.db.app-role must be a plain lower-case PostgreSQL role name");
        }
    }
}
