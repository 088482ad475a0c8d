package io.lyceum.tenancy;

import java.util.Objects;
import java.util.UUID;

/** Identifier of a tenant. */
public record TenantId(UUID value) {

    /** The tenant every fresh install starts with, so a single-business deployment needs no setup. */
    public static final TenantId DEFAULT = new TenantId(UUID.fromString("00000000-0000-7000-8000-000000000001"));

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
