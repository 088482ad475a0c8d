package io.lyceum;

import io.lyceum.agents.ModelTestBase;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Every test with an assistant model ({@link ModelTestBase}), run together in one test JVM so that its application
 * context starts once in the whole suite instead of once in each of the two JVMs. The whole suite runs the classes
 * through here only (pom.xml's profile {@code whole-suite} excludes the classes listed in
 * {@code src/test/resources/suite-members.txt}); a chosen class ({@code -Dtest=...}) runs on its own.
 */
@Suite
@SuiteDisplayName("Tests with an assistant model")
@SelectPackages("io.lyceum")
@IncludeEngines("junit-jupiter")
@IncludeTags(ModelTestBase.TAG)
class ModelContextSuiteTests {}
