package io.lyceum.analytics;

/**
 * A report's progress: REQUESTED (waiting for the worker, also between attempts), RUNNING (a worker holds its lease),
 * READY (the file can be downloaded) and FAILED (every attempt failed).
 */
enum ReportStatus {
    REQUESTED,
    RUNNING,
    READY,
    FAILED
}
