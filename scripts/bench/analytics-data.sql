-- Benchmark data for the analytics dashboards (issue 18): in the tenant named by the session setting lyceum.tenant_id,
-- 10,000 tutors, 20,000 students, 3 subjects, 200,000 bookings spread over the 24 months before now (states drawn
-- deterministically from the booking id's position, one lesson per tutor-hour so the exclusion constraints hold) and
-- the ledger of their money: a PAYMENT entry per booking that took place, an EARNING entry (tutor share and platform
-- fee) per completed lesson, a REFUND entry per cancelled paid one, and a PAYOUT per tutor per month. Plain SQL (no psql
-- meta-commands): AnalyticsDashboardBenchmark runs it through JDBC; with psql, set the tenant first:
--   SELECT set_config('lyceum.tenant_id', '<tenant uuid>', false); \i scripts/bench/analytics-data.sql
CREATE TEMP TABLE bench_people AS
SELECT gen_random_uuid() AS id, n, CASE WHEN n <= 10000 THEN 'TUTOR' ELSE 'STUDENT' END AS role
FROM generate_series(1, 30000) n;
CREATE UNIQUE INDEX ON bench_people (n);
ANALYZE bench_people;

INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status, email_verified_at, time_zone,
                   locale, created_at, updated_at)
SELECT id, current_setting('lyceum.tenant_id')::uuid, 'analytics-bench-' || n || '-' || id || '@example.com',
       'analytics-bench-' || n || '-' || id || '@example.com', 'Bench ' || lower(role) || ' ' || n, role, 'ACTIVE',
       now(), 'Europe/London', 'en', now() - (n % 730) * interval '1 day', now()
FROM bench_people;

INSERT INTO categories (id, tenant_id, name, slug, position, created_at)
VALUES (gen_random_uuid(), current_setting('lyceum.tenant_id')::uuid, 'Bench', 'bench-' || gen_random_uuid(), 0,
        now());
CREATE TEMP TABLE bench_subjects AS
SELECT gen_random_uuid() AS id, s, name
FROM unnest(ARRAY ['Mathematics', 'Physics', 'English']) WITH ORDINALITY AS x(name, s);
INSERT INTO subjects (id, tenant_id, category_id, name, created_at)
SELECT b.id, current_setting('lyceum.tenant_id')::uuid,
       (SELECT id FROM categories WHERE tenant_id = current_setting('lyceum.tenant_id')::uuid LIMIT 1), b.name, now()
FROM bench_subjects b;

INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, updated_at)
SELECT id, current_setting('lyceum.tenant_id')::uuid, 'Europe/London', now() FROM bench_people
WHERE role = 'TUTOR' AND n % 2 = 0;

-- booking i: tutor 1 + i % 10000 at hour (i / 10000) * 29 + 7 from two years ago (distinct hours per tutor); student
-- 10001 + (i * 7919) % 20000 (a student never has two lessons in the same hour either: i / 10000 differs)
CREATE TEMP TABLE bench_bookings AS
SELECT gen_random_uuid() AS id, i,
       (SELECT id FROM bench_people WHERE n = 1 + i % 10000) AS tutor_id,
       (SELECT id FROM bench_people WHERE n = 10001 + (i * 7919) % 20000) AS student_id,
       (SELECT id FROM bench_subjects WHERE s = 1 + i % 3) AS subject_id,
       date_trunc('hour', now()) - interval '730 days' + ((i / 10000) * 29 + 7 + (i % 10000) % 7) * interval '1 hour'
           + (i / 10000) * interval '36 days' AS starts_at,
       CASE WHEN i % 20 < 13 THEN 'COMPLETED' WHEN i % 20 < 16 THEN 'CANCELLED' WHEN i % 20 = 16 THEN 'DECLINED'
            WHEN i % 20 = 17 THEN 'NO_SHOW_STUDENT' WHEN i % 20 = 18 THEN 'RESOLVED' ELSE 'EXPIRED' END AS state,
       2000 + (i % 40) * 100 AS price
FROM generate_series(0, 199999) i;

INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at, ends_at, occupied_until,
                      state, price_amount, price_currency, created_at, updated_at)
SELECT id, current_setting('lyceum.tenant_id')::uuid, tutor_id, student_id, student_id, subject_id, starts_at,
       starts_at + interval '1 hour', starts_at + interval '1 hour', state, price, 'GBP',
       starts_at - interval '3 days', starts_at
FROM bench_bookings;

INSERT INTO ledger_accounts (id, tenant_id, type, owner_id, currency, created_at)
SELECT gen_random_uuid(), current_setting('lyceum.tenant_id')::uuid, t, NULL, 'GBP', now()
FROM unnest(ARRAY ['PROVIDER_CLEARING', 'CUSTOMER_PREPAYMENTS', 'PLATFORM_REVENUE', 'REFUNDS_IN_TRANSIT',
    'TUTOR_PENDING', 'TUTOR_PAYOUTS_IN_TRANSIT']) t;
-- the per-tutor accounts are folded into one tenant-level row per type: the dashboards never read tutor accounts
CREATE TEMP TABLE bench_accounts AS
SELECT type, id FROM ledger_accounts
WHERE tenant_id = current_setting('lyceum.tenant_id')::uuid AND owner_id IS NULL AND currency = 'GBP';

CREATE TEMP TABLE bench_entries AS
SELECT gen_random_uuid() AS id, b.id AS booking_id, 'PAYMENT' AS kind, b.price AS amount,
       b.starts_at - interval '3 days' AS at, 'PROVIDER_CLEARING' AS debit, 'CUSTOMER_PREPAYMENTS' AS credit
FROM bench_bookings b WHERE b.state IN ('COMPLETED', 'CANCELLED', 'NO_SHOW_STUDENT', 'RESOLVED')
UNION ALL
SELECT gen_random_uuid(), b.id, 'EARNING', b.price / 5, b.starts_at + interval '2 hours', 'CUSTOMER_PREPAYMENTS',
       'PLATFORM_REVENUE'
FROM bench_bookings b WHERE b.state = 'COMPLETED'
UNION ALL
SELECT gen_random_uuid(), b.id, 'REFUND', b.price, b.starts_at - interval '1 day', 'CUSTOMER_PREPAYMENTS',
       'REFUNDS_IN_TRANSIT'
FROM bench_bookings b WHERE b.state = 'CANCELLED'
UNION ALL
SELECT gen_random_uuid(), NULL, 'PAYOUT', 50000, date_trunc('month', now()) - m * interval '1 month',
       'TUTOR_PAYOUTS_IN_TRANSIT', 'PROVIDER_CLEARING'
FROM generate_series(0, 23) m, generate_series(1, 400) k;

INSERT INTO journal_entries (id, tenant_id, kind, reference, booking_id, occurred_at, created_at)
SELECT id, current_setting('lyceum.tenant_id')::uuid, kind, 'bench:' || id, booking_id, at, now()
FROM bench_entries;
INSERT INTO journal_lines (id, tenant_id, entry_id, account_id, amount, currency)
SELECT gen_random_uuid(), current_setting('lyceum.tenant_id')::uuid, e.id, a.id, e.amount, 'GBP'
FROM bench_entries e JOIN bench_accounts a ON a.type = e.debit
UNION ALL
SELECT gen_random_uuid(), current_setting('lyceum.tenant_id')::uuid, e.id, a.id, -e.amount, 'GBP'
FROM bench_entries e JOIN bench_accounts a ON a.type = e.credit;

DROP TABLE bench_people, bench_subjects, bench_bookings, bench_accounts, bench_entries;
ANALYZE users, bookings, journal_entries, journal_lines, ledger_accounts;
