package io.lyceum.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL-backed job scheduler (db-scheduler). Every module contributes its jobs as {@link Task} beans;
 * recurring ones are registered on start. Executions are claimed with an optimistic row update, so with any number
 * of instances each due execution runs once, and a job left by a crashed instance is picked up again after its
 * heartbeat goes stale: four missed heartbeats, a minute by default (db-scheduler's own default is half an hour, during
 * which a recurring job such as the booking timers would not run anywhere).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "lyceum.jobs.enabled", matchIfMissing = true)
class JobSchedulerConfiguration {

    /**
     * The name of an optional second clock for the scheduler's own bookkeeping (when to poll, heartbeats, the next run
     * of a recurring job). Without one it is the application's clock. Tests that move the application's clock
     * forward give the scheduler the system clock, so recurring jobs keep running every interval while the jobs
     * themselves read the moved time.
     */
    public static final String SCHEDULER_CLOCK = "jobSchedulerClock";

    @Bean
    JobScheduler jobScheduler(
            DataSource dataSource,
            ObjectProvider<Task<?>> tasks,
            JobProperties properties,
            Clock clock,
            @Qualifier(SCHEDULER_CLOCK) ObjectProvider<Clock> schedulerClock) {
        Clock timing = schedulerClock.getIfAvailable(() -> clock);
        String name =
                properties.instanceName() == null || properties.instanceName().isBlank()
                        ? instanceName()
                        : properties.instanceName();
        return new JobScheduler(() -> {
            // recurring tasks are registered through startTasks, which also schedules their first run
            List<Task<?>> onDemand = new ArrayList<>();
            List<OnStartup> recurring = new ArrayList<>();
            tasks.orderedStream().forEach(task -> {
                if (task instanceof OnStartup startup) {
                    recurring.add(startup);
                } else {
                    onDemand.add(task);
                }
            });
            return Scheduler.create(dataSource, onDemand)
                    .schedulerName(new SchedulerName.Fixed(name))
                    .startTasks(castRecurring(recurring))
                    .pollingInterval(properties.pollingInterval())
                    .heartbeatInterval(properties.heartbeatInterval())
                    .missedHeartbeatsLimit(4)
                    .threads(properties.threads())
                    .clock(timing::instant)
                    .addExecutionInterceptor(new JobRunLog(JdbcClient.create(dataSource), clock, name))
                    .enableImmediateExecution()
                    // stay within Spring's graceful-shutdown phase; an interrupted job runs again elsewhere
                    .shutdownMaxWait(java.time.Duration.ofSeconds(15))
                    .build();
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List castRecurring(List<OnStartup> recurring) {
        return (List) recurring;
    }

    /** Host name plus a random suffix: two instances on one host (or two contexts in one test) stay distinguishable. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "lyceum";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
