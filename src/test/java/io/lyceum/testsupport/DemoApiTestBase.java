package io.lyceum.testsupport;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An API test against an application loaded with the demo marketplace (its own context and database, shared by all
 * subclasses), with the statements of each request countable ({@link StatementCounting}).
 */
@TestPropertySource(properties = "lyceum.demo-data.enabled=true")
@Import(StatementCounting.class)
public abstract class DemoApiTestBase extends ApiTestBase {}
