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

/**
 * The application's clock in tests: the system clock plus an offset that a test moves forward to make time pass (a
 * hold run out, a lesson end, a dispute window close) instead of rewriting rows with SQL or sleeping. Everything that
 * reads time reads this clock (DESIGN.md section 7), the booking timers included, so a sweep that is due after
 * {@link #advance} acts at its next run. {@link ApiTestBase} puts it back after every test.
 *
 * <p>The job scheduler's own bookkeeping (polling, heartbeats, each recurring job's next run) stays on the system
 * clock ({@code JobSchedulerConfiguration.SCHEDULER_CLOCK}): recurring jobs run every interval whatever the tests do
 * to time, and read the moved time when they run.
 */
public final class TestClock extends Clock {

    /** The clock of the application the running test talks to ({@link ApiTestBase} sets it before each test). */
    private static volatile Clock active = Clock.systemUTC();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** The time of the application the running test talks to: what its token validation compares expiry with. */
    public static Instant activeNow() {
        return active.instant();
    }

    static void activate(TestClock clock) {
        active = clock;
    }

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

    /** Back to the system's time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

        @Bean("jobSchedulerClock") // JobSchedulerConfiguration.SCHEDULER_CLOCK
        Clock jobSchedulerClock() {
            return Clock.systemUTC();
        }
    }
}
