package io.lyceum.accounts;

import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user row as the accounts module works with it. */
record User(
        UUID id,
        TenantId tenantId,
        String email,
        @Nullable String passwordHash,
        String fullName,
        Role role,
        UserStatus status,
        @Nullable Instant emailVerifiedAt,
        @Nullable String mobile,
        @Nullable Instant mobileVerifiedAt,
        String timeZone,
        String locale,
        @Nullable String displayCurrency,
        @Nullable Instant archivedAt,
        Instant createdAt,
        long version) {

    boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    Contact contact() {
        return new Contact(
                id,
                fullName,
                email,
                role,
                timeZone,
                locale,
                mobileVerifiedAt == null ? null : mobile,
                status == UserStatus.ACTIVE);
    }

    UserSummary summary() {
        return new UserSummary(id, fullName, email, role, timeZone, status == UserStatus.ACTIVE);
    }
}
