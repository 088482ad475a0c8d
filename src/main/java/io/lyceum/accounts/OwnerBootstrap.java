package io.lyceum.accounts;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * First run (DESIGN.md section 10): the default tenant gets its owner from {@code LYCEUM_OWNER_EMAIL} and
 * {@code LYCEUM_OWNER_PASSWORD}. With the embedded database and neither set, a development owner is created and its
 * generated password printed once in the log. In production without them, a warning says how to create one.
 */
@Component
class OwnerBootstrap {

    static final String DEV_OWNER_EMAIL = "owner@lyceum.local";
    private static final Logger log = LoggerFactory.getLogger(OwnerBootstrap.class);

    private final AuthService auth;
    private final UserStore users;
    private final AuthProperties properties;
    private final boolean embeddedDatabase;

    OwnerBootstrap(
            AuthService auth,
            UserStore users,
            AuthProperties properties,
            @Value("${lyceum.db.embedded:true}") boolean embeddedDatabase) {
        this.auth = auth;
        this.users = users;
        this.properties = properties;
        this.embeddedDatabase = embeddedDatabase;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureOwner() {
        TenantContext.runAs(TenantId.DEFAULT, () -> {
            if (users.ownerExists()) {
                return;
            }
            String email = properties.ownerEmail();
            String password = properties.ownerPassword();
            if (email != null && !email.isBlank() && password != null && !password.isBlank()) {
                if (auth.createVerified(email, password, "Owner", Role.OWNER)) {
                    log.info("Created the owner account {}", email);
                }
            } else if (embeddedDatabase) {
                byte[] random = new byte[15];
                new SecureRandom().nextBytes(random);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                if (auth.createVerified(DEV_OWNER_EMAIL, generated, "Development Owner", Role.OWNER)) {
                    log.warn(
                            "\n\n    Development owner created: {} / {}\n    This password is shown only once.\n",
                            DEV_OWNER_EMAIL,
                            generated);
                }
            } else {
                log.warn("No owner account exists. Set LYCEUM_OWNER_EMAIL and LYCEUM_OWNER_PASSWORD and restart.");
            }
        });
    }
}
