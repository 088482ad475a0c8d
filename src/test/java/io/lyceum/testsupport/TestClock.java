package io.lyceum.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application's clock in tests: the system clock plus an offset that a test moves forward to make time pass (a
 * hold run out, a lesson end, a dispute window close) instead of rewriting rows with SQL or sleeping. Everything that
 * reads time reads this clock (DESIGN.md section 7), the booking timers and the job scheduler included, so a sweep
 * that is due after {@link #advance} runs at its next poll. {@link ApiTestBase} puts it back after every test.
 *
 * <p>Only forward: a test never moves time back, and {@link #reset} (after the test) pulls the recurring jobs that
 * were rescheduled in the moved time back to now, so the next test's sweeps are not days away.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private volatile JdbcClient jdbc;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Moves time forward by {@code amount}; returns the new now. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Time only moves forward in tests: " + amount);
        }
        offset.updateAndGet(current -> current.plus(amount));
        return instant();
    }

    /** Moves time forward to {@code when} (which must not have passed). */
    public Instant advanceTo(Instant when) {
        return advance(Duration.between(instant(), when));
    }

    /** Back to the system's time, with the recurring jobs due now rather than in the moved time. */
    public void reset() {
        if (offset.getAndSet(Duration.ZERO).isZero() || jdbc == null) {
            return;
        }
        jdbc.sql("""
                        UPDATE scheduled_tasks SET execution_time = now()
                         WHERE task_instance = 'recurring' AND NOT picked AND execution_time > now()
                        """).update();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock(JdbcClient jdbc) {
            TestClock clock = new TestClock();
            clock.jdbc = jdbc;
            return clock;
        }
    }
}
