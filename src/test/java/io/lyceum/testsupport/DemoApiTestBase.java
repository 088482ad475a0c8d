package io.lyceum.testsupport;

import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An API test against an application loaded with the demo marketplace (its own context and database, shared by all
 * subclasses), with the statements of each request countable ({@link StatementCounting}).
 */
@TestPropertySource(properties = "lyceum.demo-data.enabled=true")
@Import(StatementCounting.class)
@Tag(DemoApiTestBase.TAG)
public abstract class DemoApiTestBase extends ApiTestBase {

    /** Marks the subclasses, which the whole suite runs through {@code io.lyceum.DemoContextSuiteTests}. */
    public static final String TAG = "demo-context";
}
