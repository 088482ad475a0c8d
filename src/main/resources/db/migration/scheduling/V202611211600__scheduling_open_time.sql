-- The catalog search's "free between X and Y" filter. Each tutor's open time for the coming booking horizon is kept as
-- rows of disjoint, non-adjacent intervals, computed in Java (OpenHours: weekly windows and dated overrides resolved
-- in the tutor's zone, DST included) whenever the availability changes, and rolled forward by a daily job. At query
-- time the occupying bookings around an interval are subtracted from it, so bookings never have to touch these tables.

-- One row per tutor with availability: what the open time was computed for, and copies of the settings the filter
-- needs.
CREATE TABLE tutor_open_time
(
    tutor_id               UUID PRIMARY KEY REFERENCES tutor_schedules (tutor_id) ON DELETE CASCADE,
    tenant_id              UUID        NOT NULL,
    -- the span [lower, upper) the intervals were computed for; the daily job extends it before it runs short
    covers                 TSTZRANGE   NOT NULL,
    buffer_minutes         INT         NOT NULL,
    minimum_notice_minutes INT         NOT NULL,
    horizon_days           INT         NOT NULL,
    shortest_lesson        INT         NOT NULL,
    schedule_version       BIGINT      NOT NULL,
    computed_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX tutor_open_time_tenant_idx ON tutor_open_time (tenant_id, tutor_id);
SELECT lyceum_enable_tenant_isolation('tutor_open_time');

-- The open intervals, merged, and cut into pieces of at most 48 hours that overlap by four hours (the longest lesson),
-- so a lesson fits in the open time exactly when it fits in one piece, and the pieces overlapping a span [lo, hi) are
-- among those with lo < ends_at < hi + 48 hours: a short range scan of the index per tutor. Plain timestamptz columns
-- rather than a range: their comparisons are leakproof, so they stay index conditions under row-level security.
CREATE TABLE tutor_open_intervals
(
    tutor_id  UUID        NOT NULL REFERENCES tutor_open_time (tutor_id) ON DELETE CASCADE,
    tenant_id UUID        NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at   TIMESTAMPTZ NOT NULL,
    CHECK (starts_at < ends_at AND ends_at - starts_at <= interval '48 hours')
);
CREATE INDEX tutor_open_intervals_idx ON tutor_open_intervals (tutor_id, ends_at) INCLUDE (starts_at, tenant_id);
SELECT lyceum_enable_tenant_isolation('tutor_open_intervals');

-- The first quarter-hour boundary at or after t. Slots start on a quarter-hour grid of the tutor's local time, which is
-- the UTC quarter-hour grid in every zone whose offset is a multiple of 15 minutes (every zone in use today).
CREATE FUNCTION scheduling_quarter_ceil(t TIMESTAMPTZ) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT to_timestamp(ceil(extract(epoch FROM t) / 900) * 900) $$;
