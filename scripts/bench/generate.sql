-- Benchmark data for scripts/bench/run.sh (issue 15): 10,000 approved tutors in the default tenant of an application
-- started with the demo data (LYCEUM_DEMO_DATA=true), written as the database owner so that the catalog's triggers
-- build their search rows and words exactly as an approval does. The demo's own tutors keep their calendars and are
-- the booking and slot tutors. Idempotent: tutors made by an earlier run (emails bench-*) are left as they are.
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('lyceum.tenant_id', '00000000-0000-7000-8000-000000000001', TRUE);

CREATE TEMP TABLE bench_words (i INT, w TEXT) ON COMMIT DROP;
INSERT INTO bench_words
SELECT row_number() OVER (), w
FROM unnest(string_to_array(
        'patient structured friendly experienced qualified examiner revision homework exam grammar conversation '
            || 'algebra calculus geometry statistics mechanics organic inorganic essays literature poetry '
            || 'pronunciation vocabulary listening reading writing scales theory sight composition confidence '
            || 'university school college beginners advanced intermediate online weekends evenings summer '
            || 'olympiad coursework practical experiments diagrams proofs equations vectors probability', ' ')) w;

CREATE TEMP TABLE bench_tutors ON COMMIT DROP AS
SELECT gen_random_uuid() AS id,
       n,
       (ARRAY ['Anna','Bruno','Chloe','Dmitri','Elodie','Farid','Greta','Hugo','Ingrid','Jose','Kasia','Leon',
           'Marta','Noor','Oskar','Priyanka','Rafael','Soren'])[1 + n % 18] || ' ' ||
       (ARRAY ['Smith','Mueller','Garcia','Rossi','Dubois','Nowak','Jensen','Kowalski','Silva','Brown','Okafor',
           'Tanaka'])[1 + (n / 18) % 12] || ' ' || n AS name
FROM generate_series(1, 10000) n
WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = 'bench-1@example.com');

INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status, email_verified_at, time_zone,
                   locale, created_at, updated_at)
SELECT id, '00000000-0000-7000-8000-000000000001', 'bench-' || n || '@example.com', 'bench-' || n || '@example.com',
       name, 'TUTOR', 'ACTIVE', now(), 'Europe/London', 'en', now(), now()
FROM bench_tutors;

-- each tutor teaches one or two demo subjects at one of the subject's levels, with a headline and a bio of words
-- drawn from the list above
CREATE TEMP TABLE bench_subjects ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY name) AS i, id, levels
FROM subjects
WHERE tenant_id = '00000000-0000-7000-8000-000000000001' AND cardinality(levels) > 0;

WITH doc AS (SELECT t.id,
                    jsonb_build_object(
                            'about', jsonb_build_object(
                                'headline', (SELECT string_agg(w, ' ') FROM bench_words
                                             WHERE i IN (1 + t.n % 51, 1 + (t.n * 7) % 51, 1 + (t.n * 13) % 51)),
                                'bio', (SELECT string_agg(w, ' ') FROM bench_words
                                        WHERE i % 5 = t.n % 5 OR i % 7 = t.n % 7)),
                            'subjects', (SELECT jsonb_agg(jsonb_build_object(
                                    'subjectId', s.id,
                                    'level', s.levels[1 + (t.n * k) % cardinality(s.levels)],
                                    'price', jsonb_build_object('amount', 2000 + (t.n * 37 * k) % 6000,
                                                                'currency', 'GBP')))
                                         FROM generate_series(1, 1 + t.n % 2) k
                                                  JOIN bench_subjects s
                                                       ON s.i = 1 + (t.n * k) % (SELECT count(*) FROM bench_subjects)),
                            'certifications', '[]'::jsonb,
                            'education', '[]'::jsonb,
                            'pricing', jsonb_build_object('currency', 'GBP', 'rates',
                                                          jsonb_build_array(jsonb_build_object('minutes', 60,
                                                                                               'amount', 3000))),
                            'languages', jsonb_build_array('en'),
                            'teaching', jsonb_build_object('mode', (ARRAY ['ONLINE','IN_PERSON','BOTH'])[1 + t.n % 3],
                                                           'area', 'Town', 'timeZone', 'Europe/London')) AS doc
             FROM bench_tutors t)
INSERT INTO tutor_profiles (tutor_id, tenant_id, status, draft, published, published_version, created_at, updated_at)
SELECT id, '00000000-0000-7000-8000-000000000001', 'APPROVED', doc, doc, 1, now(), now()
FROM doc;

COMMIT;
ANALYZE;
SELECT count(*) AS approved_tutors FROM tutor_search;
