package io.lyceum.platform;

/**
 * A module's share of the demo marketplace loaded when {@code lyceum.demo-data.enabled=true}. Contributors run once
 * per database, in {@link #order()} (lower first), each in its own transaction, so later modules can build on the
 * data of earlier ones.
 */
public interface DemoDataContributor {

    /** A stable name, recorded so the contribution is not loaded twice. */
    String name();

    int order();

    void contribute();
}
