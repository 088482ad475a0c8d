package io.lyceum.platform.jobs;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.lyceum.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Records every job execution in {@code job_runs}: which instance ran what, for which scheduled time, and how. */
class JobRunLog implements ExecutionInterceptor {

    private static final Logger log = LoggerFactory.getLogger(JobRunLog.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String instanceName;

    JobRunLog(JdbcClient jdbc, Clock clock, String instanceName) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.instanceName = instanceName;
    }

    @Override
    public CompletionHandler<?> execute(TaskInstance<?> taskInstance, ExecutionContext context, ExecutionChain chain) {
        Instant started = clock.instant();
        Instant scheduledFor = context.getExecution().getExecutionTime();
        try {
            CompletionHandler<?> result = chain.proceed(taskInstance, context);
            record(taskInstance, scheduledFor, started, true, null);
            return result;
        } catch (RuntimeException e) {
            record(taskInstance, scheduledFor, started, false, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private void record(
            TaskInstance<?> task, Instant scheduledFor, Instant started, boolean succeeded, @Nullable String failure) {
        try {
            jdbc.sql("""
                    INSERT INTO job_runs (id, task_name, task_instance, scheduled_for, executed_by, started_at,
                                          finished_at, succeeded, failure)
                    VALUES (:id, :task, :instance, :scheduledFor, :executedBy, :started, :finished, :succeeded,
                            :failure)
                    """)
                    .param("id", Ids.newId())
                    .param("task", task.getTaskName())
                    .param("instance", task.getId())
                    .param("scheduledFor", scheduledFor.atOffset(ZoneOffset.UTC))
                    .param("executedBy", instanceName)
                    .param("started", started.atOffset(ZoneOffset.UTC))
                    .param("finished", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("succeeded", succeeded)
                    .param("failure", failure)
                    .update();
        } catch (RuntimeException e) {
            // the log is for operators; losing a line must never fail the job itself
            log.warn("Could not record run of job {}", task.getTaskAndInstance(), e);
        }
    }
}
