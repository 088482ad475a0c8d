-- Scheduling: tutors' schedules (settings, weekly windows, dated overrides), bookings with their history.
-- Overlapping active bookings of one tutor (buffer included) and of one student are impossible by exclusion
-- constraints; the application maps their violation to 409 booking.slot_unavailable.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per tutor who has set up availability. Lengths are the lesson lengths (minutes) a student may book.
CREATE TABLE tutor_schedules
(
    tutor_id               UUID PRIMARY KEY,
    tenant_id              UUID        NOT NULL,
    time_zone              TEXT        NOT NULL,
    buffer_minutes         INT         NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
    minimum_notice_minutes INT         NOT NULL DEFAULT 720 CHECK (minimum_notice_minutes BETWEEN 0 AND 43200),
    horizon_days           INT         NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 365),
    lesson_lengths         INT[]       NOT NULL DEFAULT '{60}' CHECK (cardinality(lesson_lengths) BETWEEN 1 AND 8),
    requires_confirmation  BOOLEAN     NOT NULL DEFAULT FALSE,
    version                BIGINT      NOT NULL DEFAULT 1,
    updated_at             TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('tutor_schedules');

-- Weekly recurring windows in the tutor's zone; ISO day of week (1 = Monday); end may be 24:00.
CREATE TABLE availability_windows
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    tutor_id    UUID        NOT NULL REFERENCES tutor_schedules (tutor_id) ON DELETE CASCADE,
    day_of_week SMALLINT    NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_time  TIME        NOT NULL,
    end_time    TIME        NOT NULL CHECK (end_time > start_time),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX availability_windows_tutor_idx ON availability_windows (tutor_id, day_of_week);
SELECT lyceum_enable_tenant_isolation('availability_windows');

-- Dated exceptions in the tutor's zone: BLOCKED without times blocks the whole day (holiday), with times a part of
-- it; EXTRA adds hours to that date.
CREATE TABLE availability_overrides
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    tutor_id   UUID        NOT NULL REFERENCES tutor_schedules (tutor_id) ON DELETE CASCADE,
    on_date    DATE        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('BLOCKED', 'EXTRA')),
    start_time TIME,
    end_time   TIME,
    note       TEXT CHECK (length(note) <= 200),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((start_time IS NULL AND end_time IS NULL AND kind = 'BLOCKED')
        OR (start_time IS NOT NULL AND end_time IS NOT NULL AND end_time > start_time))
);
CREATE INDEX availability_overrides_tutor_idx ON availability_overrides (tutor_id, on_date);
SELECT lyceum_enable_tenant_isolation('availability_overrides');

CREATE TABLE bookings
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    tutor_id         UUID        NOT NULL,
    student_id       UUID        NOT NULL,
    booked_by        UUID        NOT NULL,
    subject_id       UUID        NOT NULL,
    level            TEXT,
    course_pack_id   UUID,
    trial            BOOLEAN     NOT NULL DEFAULT FALSE,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    -- the end of the tutor's occupied time: ends_at plus the tutor's buffer when booked
    occupied_until   TIMESTAMPTZ NOT NULL CHECK (occupied_until >= ends_at),
    state            TEXT        NOT NULL CHECK (state IN ('PENDING_PAYMENT', 'REQUESTED', 'CONFIRMED', 'COMPLETED',
                                                           'CANCELLED', 'DECLINED', 'EXPIRED', 'NO_SHOW_STUDENT',
                                                           'NO_SHOW_TUTOR', 'DISPUTED', 'RESOLVED')),
    price_amount     BIGINT      NOT NULL CHECK (price_amount >= 0),
    price_currency   CHAR(3)     NOT NULL,
    student_note     TEXT CHECK (length(student_note) <= 2000),
    hold_expires_at  TIMESTAMPTZ,
    reschedule_count INT         NOT NULL DEFAULT 0,
    meeting_provider TEXT,
    meeting_room     TEXT,
    meeting_url      TEXT,
    recording_url    TEXT,
    attendance       JSONB,
    reminded_24h_at  TIMESTAMPTZ,
    reminded_1h_at   TIMESTAMPTZ,
    version          BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, booked_by) REFERENCES users (tenant_id, id),
    CONSTRAINT bookings_tutor_no_overlap EXCLUDE USING gist (
        tutor_id WITH =, tstzrange(starts_at, occupied_until, '[)') WITH &&)
        WHERE (state NOT IN ('CANCELLED', 'DECLINED', 'EXPIRED')),
    CONSTRAINT bookings_student_no_overlap EXCLUDE USING gist (
        student_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (state NOT IN ('CANCELLED', 'DECLINED', 'EXPIRED'))
);
CREATE INDEX bookings_tutor_time_idx ON bookings (tenant_id, tutor_id, starts_at);
CREATE INDEX bookings_student_time_idx ON bookings (tenant_id, student_id, starts_at);
CREATE INDEX bookings_booked_by_idx ON bookings (tenant_id, booked_by, starts_at);
-- the timers' sweeps
CREATE INDEX bookings_hold_idx ON bookings (hold_expires_at) WHERE state = 'PENDING_PAYMENT';
CREATE INDEX bookings_open_idx ON bookings (starts_at) WHERE state IN ('REQUESTED', 'CONFIRMED');
CREATE INDEX bookings_ended_idx ON bookings (ends_at) WHERE state = 'CONFIRMED';
SELECT lyceum_enable_tenant_isolation('bookings');

-- Append-only: every state change of a booking with its actor and reason.
CREATE TABLE booking_history
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    booking_id  UUID        NOT NULL REFERENCES bookings (id),
    from_state  TEXT,
    to_state    TEXT        NOT NULL,
    actor_id    UUID,
    actor_role  TEXT        NOT NULL,
    reason      TEXT CHECK (length(reason) <= 1000),
    details     JSONB,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX booking_history_booking_idx ON booking_history (booking_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('booking_history');
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON booking_history FROM ${appRole}';
    END IF;
END
$$;
