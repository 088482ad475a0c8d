package io.lyceum.accounts;

import java.util.Set;

/** A user's one role within a tenant. {@code OWNER} is the tenant's top role; only owners manage admins. */
public enum Role {
    STUDENT,
    GUARDIAN,
    TUTOR,
    ADMIN,
    OWNER;

    /** Roles anyone may pick when registering; staff roles are only ever granted. */
    public static final Set<Role> SELF_SERVICE = Set.of(STUDENT, GUARDIAN, TUTOR);

    public boolean isStaff() {
        return this == ADMIN || this == OWNER;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
