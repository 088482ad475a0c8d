/**
 * Accounts: users and roles, credentials, sessions and tokens, verification codes, second factors, external sign-in,
 * profiles, admin user management and guardian–student links. Also the web security of the whole application:
 * every module's endpoints are protected by the filter chain defined here.
 */
@NullMarked
@ApplicationModule(
        displayName = "Accounts",
        allowedDependencies = {"shared", "platform", "tenancy", "mail"})
package io.lyceum.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
