package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Instant;
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
 * Search latency on 10,000 generated approved tutors, over HTTP. Not part of the default build (surefire includes
 * only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=TutorSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class TutorSearchBenchmark extends ApiTestBase {

    private static final int TUTORS = 10_000;
    private static final int WARM_UP = 200;
    private static final int REQUESTS = 500;

    @Autowired
    private JsonMapper json;

    @Test
    void searchLatencyOnTenThousandTutors() {
        String slug = Tenants.uniqueSlug("bench");
        Tenants.newTenantWithOwner(slug);
        TenantId tenant = Tenants.idOf(jdbc, slug);
        List<UUID> subjects = SearchFixtures.subjects(jdbc, tenant);
        long start = System.nanoTime();
        List<SearchFixtures.Tutor> tutors =
                SearchFixtures.generate(new Random(7), subjects, TUTORS * 2, Instant.parse("2025-01-01T00:00:00Z"))
                        .stream()
                        .filter(SearchFixtures.Tutor::visible)
                        .limit(TUTORS)
                        .toList();
        assertThat(tutors).hasSize(TUTORS);
        SearchFixtures.insert(jdbc, json, tenant, tutors);
        jdbc.sql("ANALYZE tutor_search").update();
        long loadMillis = (System.nanoTime() - start) / 1_000_000;

        Random random = new Random(11);
        List<Map<String, Object>> warmUp = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) warmUp.add(randomQuery(random, subjects));
        List<Map<String, Object>> queries = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) queries.add(randomQuery(random, subjects));

        warmUp.forEach(q -> time(slug, q));
        // the in-process cache is keyed by the tenant's search version: bumping it makes every request a miss
        bumpVersion(tenant);
        long[] cold = queries.stream().mapToLong(q -> time(slug, q)).toArray();
        long[] cached = queries.stream().mapToLong(q -> time(slug, q)).toArray();

        String report = String.format(
                Locale.ROOT,
                "tutor search, %d approved tutors (loaded in %d ms), %d mixed requests after %d warm-up:%n"
                        + "  uncached: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                        + "  cached (same requests again): p50 %.1f ms, p99 %.1f ms%n",
                TUTORS,
                loadMillis,
                REQUESTS,
                WARM_UP,
                percentile(cold, 50),
                percentile(cold, 99),
                percentile(cold, 100),
                percentile(cached, 50),
                percentile(cached, 99));
        System.out.println(report);
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "search-benchmark.txt"), report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void bumpVersion(TenantId tenant) {
        io.lyceum.tenancy.TenantContext.runAs(tenant, () -> jdbc.sql("SELECT catalog_bump_search_version(:t)")
                .param("t", tenant.value())
                .query()
                .singleRow());
    }

    /** A mix: free text (some with typos) in about a third, 0-3 filters, a random sort, mostly the first pages. */
    private static Map<String, Object> randomQuery(Random random, List<UUID> subjects) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (random.nextInt(3) == 0) {
            String[] texts = {
                "mathematics",
                "mathmatics",
                "physics",
                "chemistry exam",
                "zoe",
                "garcia",
                "elodie",
                "history homework",
                "biolgy",
                "spanish tutor",
                "müller",
                "patient lessons"
            };
            q.put("q", texts[random.nextInt(texts.length)]);
        }
        if (random.nextBoolean()) q.put("subjectId", subjects.get(random.nextInt(subjects.size())));
        if (random.nextInt(3) == 0) {
            q.put("level", SearchFixtures.LEVELS.get(random.nextInt(SearchFixtures.LEVELS.size())));
        }
        if (random.nextInt(3) == 0) {
            q.put("language", SearchFixtures.LANGUAGES.get(random.nextInt(SearchFixtures.LANGUAGES.size())));
        }
        if (random.nextInt(4) == 0) {
            q.put("teachingMode", SearchFixtures.MODES.get(random.nextInt(SearchFixtures.MODES.size())));
        }
        if (random.nextInt(4) == 0) {
            int min = 500 * random.nextInt(8);
            q.put("minPrice", min);
            q.put("maxPrice", min + 1000 + 500 * random.nextInt(8));
            q.put("currency", SearchFixtures.CURRENCIES.get(random.nextInt(3)));
        }
        String[] sorts = {null, "price,asc", "price,desc", "newest", "rating", "trustScore"};
        String sort = sorts[random.nextInt(sorts.length)];
        if (sort != null) q.put("sort", sort);
        q.put("page", random.nextInt(10) < 8 ? 0 : random.nextInt(5));
        q.put("size", 20);
        return q;
    }

    private static long time(String slug, Map<String, Object> query) {
        long start = System.nanoTime();
        Accounts.request(slug).queryParams(query).get("/api/v1/tutors").then().statusCode(200);
        return System.nanoTime() - start;
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }
}
