-- db-scheduler's task table: one row per scheduled execution. Instances claim rows with an optimistic
-- version update, so a recurring or one-time task runs on exactly one instance however many are running.
CREATE TABLE scheduled_tasks
(
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Append-only record of every job execution: which instance ran it, when, and how it ended.
CREATE TABLE job_runs
(
    id             UUID PRIMARY KEY,
    task_name      TEXT        NOT NULL,
    task_instance  TEXT        NOT NULL,
    scheduled_for  TIMESTAMPTZ NOT NULL,
    executed_by    TEXT        NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ NOT NULL,
    succeeded      BOOLEAN     NOT NULL,
    failure        TEXT
);
CREATE INDEX job_runs_task_started_idx ON job_runs (task_name, started_at DESC);
