package io.lyceum.testsupport;

import static org.awaitility.Awaitility.await;

import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Base for black-box API tests: the tests' HTTP client pointed at the running application, plus SQL access. */
@IntegrationTest
public abstract class ApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** The application's time: move it forward to let time pass ({@link TestClock}); reset after each test. */
    @Autowired
    protected TestClock testClock;

    @BeforeEach
    void pointTheClientAtTheApplication() {
        Http.port = port;
        TestClock.activate(testClock);
    }

    @AfterEach
    void backToTheSystemsTime() {
        testClock.reset();
    }

    protected RequestSpecification api() {
        return Http.given().accept("application/json, application/problem+json");
    }

    /**
     * Waits until no event publication whose event names one of {@code ids} is left incomplete: the listeners of the
     * events about them, and of what those listeners published in turn, have all finished.
     */
    protected void awaitListenersOf(Duration atMost, Collection<?> ids) {
        List<String> patterns = ids.stream().map(id -> "%" + id + "%").toList();
        await().atMost(atMost)
                .until(() -> jdbc.sql("""
                                        SELECT count(*) FROM event_publication
                                        WHERE completion_date IS NULL AND serialized_event LIKE ANY (ARRAY[:patterns])
                                        """)
                                .param("patterns", patterns)
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
