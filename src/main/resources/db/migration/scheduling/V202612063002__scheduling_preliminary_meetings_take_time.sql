-- An approved preliminary meeting takes the tutor's and the student's time as a lesson does. Its end is stored (an
-- index expression cannot add minutes to a timestamptz: that operator is only STABLE), and the same rules as the
-- bookings' exclusion constraints hold in PostgreSQL:
--  * two approved meetings never overlap for one tutor or one student (exclusion constraints here);
--  * a meeting never overlaps a booking that occupies its slot, and a booking never overlaps an approved meeting
--    (one trigger function on both tables; an exclusion constraint cannot span two tables). Writers of one tutor's
--    or one student's time take a transaction-scoped advisory lock first, tutor before student, so two concurrent
--    writers are serialised and the second sees the first's committed row. A booking refused for a meeting gets the
--    same error as one refused by the bookings' constraints (SQLState 23P01 naming bookings_tutor_no_overlap or
--    bookings_student_no_overlap), so the API answers it alike.
ALTER TABLE preliminary_meetings ADD COLUMN ends_at TIMESTAMPTZ;
UPDATE preliminary_meetings SET ends_at = starts_at + make_interval(mins => duration_minutes)
 WHERE starts_at IS NOT NULL AND duration_minutes IS NOT NULL;
ALTER TABLE preliminary_meetings
    ADD CHECK (state <> 'APPROVED' OR ends_at > starts_at),
    ADD CONSTRAINT preliminary_meetings_tutor_no_overlap EXCLUDE USING gist (
        tutor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (state = 'APPROVED'),
    ADD CONSTRAINT preliminary_meetings_student_no_overlap EXCLUDE USING gist (
        student_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (state = 'APPROVED');

CREATE FUNCTION scheduling_lock_time_of(tutor UUID, student UUID) RETURNS VOID
    LANGUAGE sql VOLATILE
AS $$
    SELECT pg_advisory_xact_lock(hashtextextended('scheduling.time:' || tutor::text, 0));
    SELECT pg_advisory_xact_lock(hashtextextended('scheduling.time:' || student::text, 0));
$$;

-- A booking that takes time (inserted, moved or given another student) must not meet an approved meeting.
CREATE FUNCTION bookings_refuse_meeting_overlap() RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM scheduling_lock_time_of(NEW.tutor_id, NEW.student_id);
    IF EXISTS (SELECT 1 FROM preliminary_meetings m
                WHERE m.tenant_id = NEW.tenant_id AND m.tutor_id = NEW.tutor_id AND m.state = 'APPROVED'
                  AND tstzrange(m.starts_at, m.ends_at, '[)') && tstzrange(NEW.starts_at, NEW.occupied_until, '[)')) THEN
        RAISE EXCEPTION 'conflicting key value violates exclusion constraint "bookings_tutor_no_overlap"'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'bookings_tutor_no_overlap',
                  DETAIL = 'The tutor has an approved preliminary meeting at that time.';
    END IF;
    IF EXISTS (SELECT 1 FROM preliminary_meetings m
                WHERE m.tenant_id = NEW.tenant_id AND m.student_id = NEW.student_id AND m.state = 'APPROVED'
                  AND tstzrange(m.starts_at, m.ends_at, '[)') && tstzrange(NEW.starts_at, NEW.ends_at, '[)')) THEN
        RAISE EXCEPTION 'conflicting key value violates exclusion constraint "bookings_student_no_overlap"'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'bookings_student_no_overlap',
                  DETAIL = 'The student has an approved preliminary meeting at that time.';
    END IF;
    RETURN NEW;
END
$$;

-- Only when the booking's time or people change: a state change between states that occupy the slot (CONFIRMED to
-- COMPLETED by a sweep of many tutors) takes no locks. Released states are final, so no update re-occupies a slot.
CREATE TRIGGER bookings_meeting_overlap_on_insert
    BEFORE INSERT ON bookings
    FOR EACH ROW WHEN (booking_occupies_slot(NEW.state))
EXECUTE FUNCTION bookings_refuse_meeting_overlap();
CREATE TRIGGER bookings_meeting_overlap_on_update
    BEFORE UPDATE OF tutor_id, student_id, starts_at, ends_at, occupied_until ON bookings
    FOR EACH ROW WHEN (booking_occupies_slot(NEW.state)
        AND (NEW.tutor_id, NEW.student_id, NEW.starts_at, NEW.ends_at, NEW.occupied_until)
            IS DISTINCT FROM (OLD.tutor_id, OLD.student_id, OLD.starts_at, OLD.ends_at, OLD.occupied_until))
EXECUTE FUNCTION bookings_refuse_meeting_overlap();

-- A meeting being approved must not meet a booking that occupies its slot (with the tutor's buffer after a lesson).
CREATE FUNCTION preliminary_meetings_refuse_booking_overlap() RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM scheduling_lock_time_of(NEW.tutor_id, NEW.student_id);
    IF EXISTS (SELECT 1 FROM bookings b
                WHERE b.tenant_id = NEW.tenant_id AND b.tutor_id = NEW.tutor_id AND booking_occupies_slot(b.state)
                  AND tstzrange(b.starts_at, b.occupied_until, '[)') && tstzrange(NEW.starts_at, NEW.ends_at, '[)')) THEN
        RAISE EXCEPTION 'conflicting key value violates exclusion constraint "preliminary_meetings_tutor_no_overlap"'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'preliminary_meetings_tutor_no_overlap',
                  DETAIL = 'The tutor has a lesson at that time.';
    END IF;
    IF EXISTS (SELECT 1 FROM bookings b
                WHERE b.tenant_id = NEW.tenant_id AND b.student_id = NEW.student_id AND booking_occupies_slot(b.state)
                  AND tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange(NEW.starts_at, NEW.ends_at, '[)')) THEN
        RAISE EXCEPTION 'conflicting key value violates exclusion constraint "preliminary_meetings_student_no_overlap"'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'preliminary_meetings_student_no_overlap',
                  DETAIL = 'The student has a lesson at that time.';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER preliminary_meetings_booking_overlap
    BEFORE INSERT OR UPDATE ON preliminary_meetings
    FOR EACH ROW WHEN (NEW.state = 'APPROVED')
EXECUTE FUNCTION preliminary_meetings_refuse_booking_overlap();
