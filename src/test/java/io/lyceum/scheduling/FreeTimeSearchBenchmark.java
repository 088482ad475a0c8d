package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of the catalog search with the free-time filter on 10,000 approved tutors with availability (weekly windows
 * in several zones, holidays) and about 20 bookings each over the next two weeks, over HTTP. Not part of the default
 * build (surefire includes only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=FreeTimeSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class FreeTimeSearchBenchmark extends ApiTestBase {

    private static final int TUTORS = 10_000;
    private static final int WARM_UP = 100;
    private static final int REQUESTS = 400;
    private static final List<String> ZONES =
            List.of("Europe/London", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney");
    private static final String[][] PATTERNS = {
        {"09:00", "17:00"}, {"08:00", "12:00"}, {"14:00", "20:00"}, {"17:00", "22:00"}, {"06:00", "09:00"}
    };

    @Autowired
    private JsonMapper json;

    @Autowired
    private FreeTimeSearch freeTime;

    @Autowired
    OpenTimeRefreshJob.Refresher refresher;

    @Test
    void freeTimeSearchLatencyOnTenThousandTutors() throws Exception {
        String slug = Tenants.uniqueSlug("freebench");
        Tenants.newTenantWithOwner(slug);
        TenantId tenant = Tenants.idOf(jdbc, slug);
        Random random = new Random(17);
        long start = System.nanoTime();
        UUID subject = load(tenant, random);
        long loaded = System.nanoTime();
        int refreshed = TenantContext.callAs(tenant, refresher::refreshTenant);
        assertThat(refreshed).isEqualTo(TUTORS);
        long indexed = System.nanoTime();
        awaitStatistics();
        long bookings =
                TenantContext.callAs(tenant, () -> jdbc.sql("SELECT count(*) FROM bookings WHERE tenant_id = :t")
                        .param("t", tenant.value())
                        .query(Long.class)
                        .single());

        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));
        List<Map<String, Object>> warmUp = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) warmUp.add(query(random, base, subject));
        List<Map<String, Object>> queries = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) queries.add(query(random, base, subject));
        warmUp.forEach(q -> time(slug, q));
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        for (Map<String, Object> q : queries) {
            long nanos = time(slug, q);
            all.add(nanos);
            byKind.computeIfAbsent(kindOf(q), k -> new ArrayList<>()).add(nanos);
        }
        for (Map<String, Object> q : queries.subList(0, 20)) {
            Map<String, Object> params = new LinkedHashMap<>(q);
            params.remove("kind");
            totals.add(Accounts.request(slug)
                    .queryParams(params)
                    .get("/api/v1/tutors")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("page.totalElements"));
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "free-time search, %d approved tutors with availability, %d bookings (loaded in %d ms, open time"
                        + " computed in %d ms), %d requests after %d warm-up:%n"
                        + "  all: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                TUTORS,
                bookings,
                (loaded - start) / 1_000_000,
                (indexed - loaded) / 1_000_000,
                REQUESTS,
                WARM_UP,
                percentile(all, 50),
                percentile(all, 99),
                percentile(all, 100)));
        byKind.forEach((kind, nanos) -> report.append(String.format(
                Locale.ROOT,
                "  %s (%d): p50 %.1f ms, p99 %.1f ms%n",
                kind,
                nanos.size(),
                percentile(nanos, 50),
                percentile(nanos, 99))));
        report.append("  matches of the first 20 queries: ").append(totals).append('\n');

        // the free-time statement alone, and the same searches without the filter (uncached) for comparison
        Map<String, List<Long>> statement = new LinkedHashMap<>();
        Map<String, List<Long>> baseline = new LinkedHashMap<>();
        for (Map<String, Object> q : queries) {
            String kind = kindOf(q);
            Instant from = Instant.parse((String) q.get("freeFrom"));
            Instant to = Instant.parse((String) q.get("freeTo"));
            long t0 = System.nanoTime();
            TenantContext.runAs(tenant, () -> freeTime.freeBetween(from, to));
            statement.computeIfAbsent(kind, k -> new ArrayList<>()).add(System.nanoTime() - t0);
            Map<String, Object> plain = new LinkedHashMap<>(q);
            plain.remove("freeFrom");
            plain.remove("freeTo");
            TenantContext.runAs(tenant, () -> jdbc.sql("SELECT catalog_bump_search_version(:t)")
                    .param("t", tenant.value())
                    .query()
                    .singleRow());
            baseline.computeIfAbsent(kind, k -> new ArrayList<>()).add(time(slug, plain));
        }
        report.append("  the free-time statement alone (in-process, no HTTP):\n");
        statement.forEach((kind, nanos) -> report.append(String.format(
                Locale.ROOT,
                "    %s: p50 %.1f ms, p99 %.1f ms%n",
                kind,
                percentile(nanos, 50),
                percentile(nanos, 99))));
        report.append("  the same searches without freeFrom/freeTo, uncached (baseline):\n");
        baseline.forEach((kind, nanos) -> report.append(String.format(
                Locale.ROOT,
                "    %s: p50 %.1f ms, p99 %.1f ms%n",
                kind,
                percentile(nanos, 50),
                percentile(nanos, 99))));
        System.out.println(report);
        Files.writeString(Path.of("target", "free-time-search-benchmark.txt"), report);
    }

    /**
     * Waits until autovacuum has analysed the bulk-loaded tables (the application's role may not run ANALYZE on
     * tables it does not own), as it would in production, so the planner sees realistic row counts.
     */
    void awaitStatistics() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            long analysed = jdbc.sql("""
                            SELECT count(*) FROM pg_stat_user_tables
                            WHERE relname IN ('bookings', 'tutor_open_time', 'tutor_open_intervals', 'tutor_search', 'tutor_schedules')
                              AND n_mod_since_analyze < greatest(n_live_tup, 1) / 5
                            """).query(Long.class).single();
            if (analysed == 5) {
                return;
            }
            Thread.sleep(1000);
        }
        System.out.println("statistics not refreshed by autovacuum within 3 minutes");
    }

    /** Generates the tutors with their schedules and bookings; returns the subject a quarter of them teach. */
    UUID load(TenantId tenant, Random random) {
        UUID subject = TenantContext.callAs(tenant, () -> subject(tenant));
        for (int chunk = 0; chunk < TUTORS / 1000; chunk++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                rows.add(tutorRow(random, Ids.newId(), subject));
            }
            String payload = json.writeValueAsString(rows);
            TenantContext.runAs(tenant, () -> insertChunk(tenant, payload));
        }
        return subject;
    }

    private UUID subject(TenantId tenant) {
        UUID category = Ids.newId();
        jdbc.sql("INSERT INTO categories (id, tenant_id, name, slug, created_at) VALUES (:id, :t, :n, :s, now())")
                .param("id", category)
                .param("t", tenant.value())
                .param("n", "Bench " + category)
                .param("s", "bench-" + category)
                .update();
        UUID subject = Ids.newId();
        jdbc.sql("""
                        INSERT INTO subjects (id, tenant_id, category_id, name, levels, created_at)
                        VALUES (:id, :t, :c, :n, '{GCSE}', now())
                        """)
                .param("id", subject)
                .param("t", tenant.value())
                .param("c", category)
                .param("n", "Bench subject " + subject)
                .update();
        return subject;
    }

    /** A tutor: profile, schedule settings, 1-3 weekly patterns on 4-7 days, maybe a holiday, and bookings. */
    private static Map<String, Object> tutorRow(Random random, UUID id, UUID subject) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("zone", ZONES.get(random.nextInt(ZONES.size())));
        row.put("buffer", 5 * random.nextInt(4));
        row.put("lengths", random.nextBoolean() ? "{60}" : "{30,60}");
        row.put(
                "subject",
                random.nextInt(4) == 0 ? subject.toString() : UUID.randomUUID().toString());
        List<Map<String, Object>> windows = new ArrayList<>();
        int patterns = 1 + random.nextInt(2);
        int days = 4 + random.nextInt(4);
        for (int p = 0; p < patterns; p++) {
            String[] pattern = PATTERNS[(random.nextInt(PATTERNS.length) + p * 2) % PATTERNS.length];
            for (int d = 1; d <= days; d++) {
                windows.add(Map.of("day", d, "start", pattern[0], "end", pattern[1]));
            }
        }
        row.put("windows", dedupe(windows));
        row.put("holiday", random.nextInt(5) == 0 ? 1 + random.nextInt(14) : null);
        // bookings: about 1.5 a day on 14 days, on the hour between 06:00 and 21:00 UTC, 60 minutes
        List<Map<String, Object>> bookings = new ArrayList<>();
        for (int day = 0; day < 14; day++) {
            int count = random.nextInt(4);
            List<Integer> hours = new ArrayList<>();
            for (int b = 0; b < count; b++) {
                int hour = 6 + random.nextInt(15);
                if (!hours.contains(hour) && !hours.contains(hour - 1) && !hours.contains(hour + 1)) {
                    hours.add(hour);
                    bookings.add(Map.of("day", day, "hour", hour));
                }
            }
        }
        row.put("bookings", bookings);
        return row;
    }

    /** Windows of one day must not overlap: keep the first of overlapping patterns. */
    private static List<Map<String, Object>> dedupe(List<Map<String, Object>> windows) {
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> w : windows) {
            boolean overlaps = kept.stream()
                    .anyMatch(k -> k.get("day").equals(w.get("day"))
                            && ((String) k.get("start")).compareTo((String) w.get("end")) < 0
                            && ((String) w.get("start")).compareTo((String) k.get("end")) < 0);
            if (!overlaps) kept.add(w);
        }
        return kept;
    }

    private void insertChunk(TenantId tenant, String payload) {
        jdbc.sql("""
                        INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status,
                                           email_verified_at, time_zone, locale, created_at, updated_at)
                        SELECT (e ->> 'id')::uuid, :t, 'bench-' || (e ->> 'id') || '@example.com',
                               'bench-' || (e ->> 'id') || '@example.com', 'Bench Tutor', 'TUTOR', 'ACTIVE', now(),
                               e ->> 'zone', 'en', now(), now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e
                        """).param("t", tenant.value()).param("rows", payload).update();
        jdbc.sql("""
                        INSERT INTO tutor_profiles (tutor_id, tenant_id, status, draft, published, published_version,
                                                    created_at, updated_at)
                        SELECT (e ->> 'id')::uuid, :t, 'APPROVED', doc, doc, 1, now(), now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e,
                             LATERAL (SELECT jsonb_build_object(
                                 'about', jsonb_build_object('headline', 'Tutor', 'bio', 'Lessons.'),
                                 'subjects', jsonb_build_array(jsonb_build_object(
                                     'subjectId', e ->> 'subject', 'level', 'GCSE',
                                     'price', jsonb_build_object('amount', 3000, 'currency', 'GBP'))),
                                 'pricing', jsonb_build_object('currency', 'GBP', 'rates', '[]'::jsonb),
                                 'languages', '["en"]'::jsonb,
                                 'teaching', jsonb_build_object('mode', 'ONLINE', 'timeZone', e ->> 'zone')) AS doc) d
                        """).param("t", tenant.value()).param("rows", payload).update();
        jdbc.sql("""
                        INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, buffer_minutes,
                                                     minimum_notice_minutes, horizon_days, lesson_lengths, version,
                                                     updated_at)
                        SELECT (e ->> 'id')::uuid, :t, e ->> 'zone', (e ->> 'buffer')::int, 720, 60,
                               (e ->> 'lengths')::int[], 1, now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e
                        """).param("t", tenant.value()).param("rows", payload).update();
        jdbc.sql("""
                        INSERT INTO availability_windows (id, tenant_id, tutor_id, day_of_week, start_time, end_time,
                                                          created_at)
                        SELECT gen_random_uuid(), :t, (e ->> 'id')::uuid, (w ->> 'day')::int, (w ->> 'start')::time,
                               (w ->> 'end')::time, now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e,
                             jsonb_array_elements(e -> 'windows') w
                        """).param("t", tenant.value()).param("rows", payload).update();
        jdbc.sql("""
                        INSERT INTO availability_overrides (id, tenant_id, tutor_id, on_date, kind, created_at)
                        SELECT gen_random_uuid(), :t, (e ->> 'id')::uuid,
                               current_date + (e ->> 'holiday')::int, 'BLOCKED', now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e
                        WHERE e ->> 'holiday' IS NOT NULL
                        """).param("t", tenant.value()).param("rows", payload).update();
        jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        SELECT gen_random_uuid(), :t, tutor, tutor, tutor, gen_random_uuid(), s, s + interval '1 hour',
                               s + interval '1 hour' + make_interval(mins => (e ->> 'buffer')::int), 'CONFIRMED',
                               3000, 'GBP', now(), now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e,
                             LATERAL (SELECT (e ->> 'id')::uuid AS tutor) x,
                             jsonb_array_elements(e -> 'bookings') b,
                             LATERAL (SELECT date_trunc('day', now()) + make_interval(days => 1 + (b ->> 'day')::int,
                                                                                       hours => (b ->> 'hour')::int) AS s) y
                        ON CONFLICT DO NOTHING
                        """).param("t", tenant.value()).param("rows", payload).update();
    }

    /** A mix: two hours on some day (half), a whole day (a third), a week (the rest); a quarter with a subject. */
    private static Map<String, Object> query(Random random, Instant base, UUID subject) {
        Map<String, Object> q = new LinkedHashMap<>();
        int kind = random.nextInt(6);
        Instant from = base.plus(Duration.ofHours(random.nextInt(10 * 24)));
        Duration span = kind < 3 ? Duration.ofHours(2) : kind < 5 ? Duration.ofDays(1) : Duration.ofDays(7);
        q.put("freeFrom", from.toString());
        q.put("freeTo", from.plus(span).toString());
        if (random.nextInt(4) == 0) q.put("subjectId", subject);
        String[] sorts = {null, "newest", "rating", "price,asc"};
        String sort = sorts[random.nextInt(sorts.length)];
        if (sort != null) q.put("sort", sort);
        q.put("size", 20);
        q.put(
                "kind",
                (kind < 3 ? "2-hour span" : kind < 5 ? "1-day span" : "7-day span")
                        + (q.containsKey("subjectId") ? " + subject" : ""));
        return q;
    }

    private static String kindOf(Map<String, Object> query) {
        return (String) query.get("kind");
    }

    private static long time(String slug, Map<String, Object> query) {
        Map<String, Object> params = new LinkedHashMap<>(query);
        params.remove("kind");
        long start = System.nanoTime();
        Accounts.request(slug).queryParams(params).get("/api/v1/tutors").then().statusCode(200);
        return System.nanoTime() - start;
    }

    private static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }
}
