package io.lyceum.platform;

/**
 * The job scheduler as the modules see it: a module that has just committed a job's row asks it to look for due jobs
 * now instead of at its next poll. Where jobs are disabled (or the scheduler is stopped) the job still runs at the
 * next poll of a running instance.
 */
public interface DueJobs {

    /** Looks for due jobs at once, if this instance's scheduler is running. */
    void checkNow();
}
