package io.lyceum.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues a one-time job of the PostgreSQL job scheduler in the caller's transaction: the job exists exactly when the
 * work that asked for it committed (db-scheduler's own client would write on a connection of its own, so a rollback
 * could leave a job for work that never happened, or a crash lose the job of work that did). The table is the
 * scheduler's, owned by this module; the task must be registered by a module as a one-time task with that name.
 */
@Component
public final class JobQueue {

    private final JdbcClient jdbc;

    JobQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues {@code task}'s instance {@code instance} to run at {@code at}; a second call for it fails (unique key). */
    public void scheduleInThisTransaction(String task, String instance, Instant at) {
        jdbc.sql("""
                        INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                        VALUES (:task, :instance, :at, false, 1, 0)
                        """)
                .param("task", task)
                .param("instance", instance)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
