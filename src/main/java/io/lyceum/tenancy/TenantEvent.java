package io.lyceum.tenancy;

/**
 * An event that happened in one tenant. Its listeners run with that tenant bound ({@link TenantContext}) before
 * their transaction starts, so row-level security applies to everything they do without a line of their own: the
 * binding is made by the tenancy module around every event listener method ({@code TenantListenerBinding}), and
 * {@code ArchitectureTests} fails the build when a listener of an application event takes one that is not a
 * {@code TenantEvent}.
 */
public interface TenantEvent {

    TenantId tenantId();
}
