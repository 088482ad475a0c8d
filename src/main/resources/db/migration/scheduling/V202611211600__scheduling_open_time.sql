-- The catalog search's "free between X and Y" filter. Each tutor's open time for the coming booking horizon is kept as
-- one multirange, computed in Java (OpenHours: weekly windows and dated overrides resolved in the tutor's zone, DST
-- included) whenever the availability changes, and rolled forward by a daily job. At query time the occupying
-- bookings are subtracted from it, so bookings never have to touch this table.
CREATE TABLE tutor_open_time
(
    tutor_id               UUID PRIMARY KEY REFERENCES tutor_schedules (tutor_id) ON DELETE CASCADE,
    tenant_id              UUID           NOT NULL,
    open                   TSTZMULTIRANGE NOT NULL,
    -- the span [lower, upper) the multirange was computed for; the daily job extends it before it runs short
    covers                 TSTZRANGE      NOT NULL,
    -- copies of the schedule's settings the filter needs, so the query reads one row per tutor
    buffer_minutes         INT            NOT NULL,
    minimum_notice_minutes INT            NOT NULL,
    horizon_days           INT            NOT NULL,
    shortest_lesson        INT            NOT NULL,
    schedule_version       BIGINT         NOT NULL,
    computed_at            TIMESTAMPTZ    NOT NULL
);
CREATE INDEX tutor_open_time_tenant_idx ON tutor_open_time (tenant_id, tutor_id);
CREATE INDEX tutor_open_time_covers_idx ON tutor_open_time (upper(covers));
SELECT lyceum_enable_tenant_isolation('tutor_open_time');

-- The first quarter-hour boundary at or after t. Slots start on a quarter-hour grid of the tutor's local time, which is
-- the UTC quarter-hour grid in every zone whose offset is a multiple of 15 minutes (every zone in use today).
CREATE FUNCTION scheduling_quarter_ceil(t TIMESTAMPTZ) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT to_timestamp(ceil(extract(epoch FROM t) / 900) * 900) $$;

-- Whether the tutor has a bookable start s with [s, s + shortest lesson) inside the open time and inside [x, y), at
-- least the minimum notice after now and before now + horizon, and [s, s + lesson + buffer) clear of every occupying
-- booking's [starts_at, occupied_until): the same rule as the exclusion constraint bookings_tutor_no_overlap.
-- Subtracting [starts_at - buffer, occupied_until) from the open time leaves exactly the possible lesson spans.
CREATE FUNCTION scheduling_has_free_time(o tutor_open_time, x TIMESTAMPTZ, y TIMESTAMPTZ, now_ts TIMESTAMPTZ)
    RETURNS BOOLEAN
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH span AS (
    SELECT greatest(x, now_ts + make_interval(mins => o.minimum_notice_minutes)) AS lo,
           least(y, now_ts + make_interval(mins => o.horizon_days * 1440 + o.shortest_lesson)
               - interval '1 microsecond') AS hi),
     window_open AS (
         SELECT o.open * tstzmultirange(tstzrange(span.lo, span.hi)) AS open, span.lo, span.hi
         FROM span
         WHERE span.lo < span.hi),
     busy AS (
         SELECT coalesce(range_agg(tstzrange(b.starts_at - make_interval(mins => o.buffer_minutes), b.occupied_until)),
                         '{}'::tstzmultirange) AS busy
         FROM bookings b, window_open w
         WHERE b.tenant_id = o.tenant_id
           AND b.tutor_id = o.tutor_id
           AND b.state NOT IN ('CANCELLED', 'DECLINED', 'EXPIRED')
           AND b.starts_at < w.hi + make_interval(mins => o.buffer_minutes)
           AND b.occupied_until > w.lo)
SELECT EXISTS (SELECT 1
               FROM window_open w, busy, unnest(w.open - busy.busy) AS free
               WHERE scheduling_quarter_ceil(lower(free)) + make_interval(mins => o.shortest_lesson) <= upper(free))
$$;
