package io.lyceum.platform;

import java.util.function.Supplier;

/**
 * Where demo data is loaded: the tenancy module binds the default tenant around each contribution, so that the
 * contribution's transaction (and row-level security) works for that tenant. Without such a bean contributions run
 * as they are.
 */
@FunctionalInterface
public interface DemoDataScope {

    <T> T call(Supplier<T> work);
}
