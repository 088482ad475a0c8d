package io.lyceum.tenancy;

/** Lifecycle of a tenant: only active tenants serve requests. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED
}
