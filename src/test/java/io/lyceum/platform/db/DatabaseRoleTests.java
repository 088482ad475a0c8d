package io.lyceum.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiTestBase;
import org.junit.jupiter.api.Test;

/**
 * The application works on its tables as an ordinary role, so row-level security applies to it. Checked on the
 * shared test instance, which starts its embedded database exactly as development does.
 */
class DatabaseRoleTests extends ApiTestBase {

    @Test
    void applicationConnectsAsANonSuperuserRole() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("lyceum_app");
        assertThat(jdbc.sql("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }
}
