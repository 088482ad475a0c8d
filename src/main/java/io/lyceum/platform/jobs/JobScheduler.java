package io.lyceum.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.lyceum.platform.DueJobs;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Runs db-scheduler with the application context: started after the web server, stopped before it. A db-scheduler
 * {@link Scheduler} cannot start again once stopped, so every start builds a new one. That lets a paused context (the
 * test framework pauses a cached context while another one runs) stop its jobs: otherwise every cached context, each
 * with its own configuration, would keep claiming the shared database's jobs.
 */
final class JobScheduler implements SmartLifecycle, DueJobs {

    private final Supplier<Scheduler> schedulers;
    private volatile @Nullable Scheduler running;

    JobScheduler(Supplier<Scheduler> schedulers) {
        this.schedulers = schedulers;
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            Scheduler scheduler = schedulers.get();
            scheduler.start();
            running = scheduler;
        }
    }

    @Override
    public synchronized void stop() {
        Scheduler scheduler = running;
        running = null;
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    @Override
    public int getPhase() {
        // start after the web server and stop before it, so jobs never run against a closing context
        return Integer.MAX_VALUE - 100;
    }

    @Override
    public void checkNow() {
        Scheduler scheduler = running;
        if (scheduler != null) {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
