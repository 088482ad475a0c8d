-- BookingState's categories for SQL, so that no query or constraint repeats a list of states. Each is an IMMUTABLE
-- one-expression SQL function: PostgreSQL inlines it, so a query's predicate still matches a partial index or
-- constraint written with the same function. BookingStateCategoriesTests checks that each answers as the Java
-- category does for every state; a new state is added to the CHECK below and to these functions in a new migration.

-- Holds the tutor's and the student's time (BookingState.occupiesSlot).
CREATE FUNCTION booking_occupies_slot(state TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT state NOT IN ('CANCELLED', 'DECLINED', 'EXPIRED') $$;

-- Took place and settled (BookingState.done): "the tutor has taught the student".
CREATE FUNCTION booking_done(state TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT state IN ('COMPLETED', 'RESOLVED') $$;

-- Minutes that count towards the tutor's taught hours (BookingState.countsAsTaught).
CREATE FUNCTION booking_counts_as_taught(state TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT state IN ('COMPLETED', 'DISPUTED', 'RESOLVED') $$;

-- The constraints and the trial index say "occupies the slot" through the function instead of their own list.
ALTER TABLE bookings
    DROP CONSTRAINT bookings_tutor_no_overlap,
    DROP CONSTRAINT bookings_student_no_overlap,
    ADD CONSTRAINT bookings_tutor_no_overlap EXCLUDE USING gist (
        tutor_id WITH =, tstzrange(starts_at, occupied_until, '[)') WITH &&) WHERE (booking_occupies_slot(state)),
    ADD CONSTRAINT bookings_student_no_overlap EXCLUDE USING gist (
        student_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (booking_occupies_slot(state));

DROP INDEX bookings_one_trial_idx;
CREATE UNIQUE INDEX bookings_one_trial_idx ON bookings (tenant_id, tutor_id, student_id)
    WHERE trial AND booking_occupies_slot(state);
