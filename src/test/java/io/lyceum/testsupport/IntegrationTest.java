package io.lyceum.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A black-box test against the whole application on a random port, backed by a throwaway embedded PostgreSQL. All
 * tests with this annotation share one application context. Time is a {@link TestClock} that tests move forward;
 * a failed test prints its last HTTP exchanges ({@link RecentExchanges}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClock.Configuration.class)
@ExtendWith(RecentExchanges.class)
public @interface IntegrationTest {}
