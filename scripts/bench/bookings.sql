-- Booking scenario data for scripts/bench/run.sh (issue 15), after generate.sql: 20 of the generated tutors open every
-- day from 06:00 to 22:00 UTC for a year (no minimum notice), and 100 students sign in with the demo password (the
-- hash of a demo student's, copied). Each booking of the scenario takes its own (tutor, hour), so none collides.
-- Written as the database owner; idempotent.
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('lyceum.tenant_id', '00000000-0000-7000-8000-000000000001', TRUE);

CREATE TEMP TABLE bench_booking_tutors ON COMMIT DROP AS
SELECT u.id
FROM users u
WHERE u.email IN (SELECT 'bench-' || n || '@example.com' FROM generate_series(1, 20) n);

INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, minimum_notice_minutes, horizon_days, lesson_lengths,
                             updated_at)
SELECT id, '00000000-0000-7000-8000-000000000001', 'UTC', 0, 365, '{60}', now()
FROM bench_booking_tutors
ON CONFLICT (tutor_id) DO NOTHING;

INSERT INTO availability_windows (id, tenant_id, tutor_id, day_of_week, start_time, end_time, created_at)
SELECT gen_random_uuid(), '00000000-0000-7000-8000-000000000001', t.id, d, '06:00', '22:00', now()
FROM bench_booking_tutors t
         CROSS JOIN generate_series(1, 7) d
WHERE NOT EXISTS (SELECT 1 FROM availability_windows w WHERE w.tutor_id = t.id);

INSERT INTO users (id, tenant_id, email, email_normalized, password_hash, full_name, role, status, email_verified_at,
                   time_zone, locale, created_at, updated_at)
SELECT gen_random_uuid(), '00000000-0000-7000-8000-000000000001', 'bench-student-' || n || '@example.com',
       'bench-student-' || n || '@example.com',
       (SELECT password_hash FROM users WHERE email = 'liam.murphy@lyceum.local'), 'Bench Student ' || n, 'STUDENT',
       'ACTIVE', now(), 'Europe/London', 'en', now(), now()
FROM generate_series(1, 100) n
WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = 'bench-student-' || n || '@example.com');

-- the pgbench replay of a booking takes a fresh hour from this sequence (see run.sh)
CREATE SEQUENCE IF NOT EXISTS bench_booking_hours;
GRANT USAGE ON SEQUENCE bench_booking_hours TO lyceum_app;
COMMIT;
