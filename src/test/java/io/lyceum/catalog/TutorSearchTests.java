package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.catalog.SearchFixtures.Tutor;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.JsonAnswers;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public tutor search over a few hundred generated tutors: every filter, sort and facet is checked against an
 * independent computation over the generated data.
 */
class TutorSearchTests extends ApiTestBase {

    private static final Comparator<Tutor> NEWEST =
            Comparator.comparing(Tutor::approvedAt).reversed().thenComparing(t -> t.id().toString());

    @Autowired
    private JsonMapper json;

    private record Data(
            String slug,
            TenantId tenant,
            List<UUID> subjects,
            List<Tutor> tutors,
            Tutor zoe,
            Tutor math,
            Tutor nameMatch,
            Tutor bioMatch) {
        List<Tutor> visible() {
            return tutors.stream().filter(Tutor::visible).toList();
        }
    }

    private static Data data;

    private synchronized Data data() {
        if (data == null) {
            String slug = Tenants.uniqueSlug("search");
            Tenants.newTenantWithOwner(slug);
            TenantId tenant = Tenants.idOf(jdbc, slug);
            List<UUID> subjects = SearchFixtures.subjects(jdbc, tenant);
            Instant base = Instant.parse("2026-01-01T00:00:00Z");
            List<Tutor> tutors = new ArrayList<>(SearchFixtures.generate(new Random(42), subjects, 300, base));
            Tutor zoe = SearchFixtures.fixed(
                    subjects,
                    "Zoë Lindqvist",
                    "Chess and logic coach",
                    "Openings and " + "endgames.",
                    base.plusSeconds(5000));
            Tutor math = SearchFixtures.fixed(
                    subjects,
                    "Walter Pemberton",
                    "Mathematics for adults",
                    "Algebra without fear.",
                    base.plusSeconds(5001));
            Tutor nameMatch = SearchFixtures.fixed(
                    subjects, "Quentin Zarathustra", "Philosophy tutor", "Essays and reading.", base.plusSeconds(5002));
            Tutor bioMatch = SearchFixtures.fixed(
                    subjects,
                    "Ilse Brandt",
                    "Philosophy tutor",
                    "We read Zarathustra together.",
                    base.plusSeconds(5003));
            tutors.addAll(List.of(zoe, math, nameMatch, bioMatch));
            SearchFixtures.insert(jdbc, json, tenant, tutors);
            data = new Data(slug, tenant, subjects, List.copyOf(tutors), zoe, math, nameMatch, bioMatch);
        }
        return data;
    }

    /** Every id the search returns for the query (all pages, 100 at a time), in order, checking the totals. */
    private List<UUID> searchAll(String slug, Map<String, Object> params) {
        List<UUID> ids = new ArrayList<>();
        long total = -1;
        for (int page = 0; ; page++) {
            JsonNode body = JsonAnswers.read(Accounts.request(slug)
                    .queryParams(params)
                    .queryParam("page", page)
                    .queryParam("size", 100)
                    .get("/api/v1/tutors")
                    .then()
                    .statusCode(200)
                    .extract());
            total = body.path("page").path("totalElements").asLong();
            JsonNode content = body.path("content");
            content.forEach(
                    tutor -> ids.add(UUID.fromString(tutor.path("tutorId").asString())));
            if (content.size() < 100) break;
        }
        assertThat(ids).hasSize((int) total);
        return ids;
    }

    private static List<UUID> expected(List<Tutor> tutors, Predicate<Tutor> filter, Comparator<Tutor> order) {
        return tutors.stream()
                .filter(Tutor::visible)
                .filter(filter)
                .sorted(order)
                .map(Tutor::id)
                .toList();
    }

    /** The tutor's searchable words: those of name, headline and bio, and those of the subjects taught. */
    private static Set<String> searchable(Data d, Tutor t) {
        Set<String> words = new HashSet<>(t.words());
        t.subjects()
                .forEach(s -> words.add(SearchFixtures.SUBJECT_NAMES
                        .get(d.subjects().indexOf(s) % SearchFixtures.SUBJECT_NAMES.size())
                        .toLowerCase(java.util.Locale.ROOT)));
        return words;
    }

    private static boolean modeMatches(Tutor t, String mode) {
        return mode.equals("BOTH")
                ? t.mode().equals("BOTH")
                : t.mode().equals(mode) || t.mode().equals("BOTH");
    }

    @Test
    void eachFilterMatchesAnIndependentComputation() {
        Data d = data();
        List<Tutor> all = d.tutors();
        assertThat(searchAll(d.slug(), Map.of())).isEqualTo(expected(all, t -> true, NEWEST));
        assertThat(d.visible().size()).isBetween(200, all.size() - 10);
        for (UUID subject : d.subjects()) {
            assertThat(searchAll(d.slug(), Map.of("subjectId", subject)))
                    .isNotEmpty()
                    .isEqualTo(expected(all, t -> t.subjects().contains(subject), NEWEST));
        }
        for (String level : SearchFixtures.LEVELS) {
            assertThat(searchAll(d.slug(), Map.of("level", level)))
                    .isNotEmpty()
                    .isEqualTo(expected(all, t -> t.levels().contains(level), NEWEST));
        }
        for (String language : SearchFixtures.LANGUAGES) {
            assertThat(searchAll(d.slug(), Map.of("language", language)))
                    .isNotEmpty()
                    .isEqualTo(expected(all, t -> t.languages().contains(language), NEWEST));
        }
        for (String mode : SearchFixtures.MODES) {
            assertThat(searchAll(d.slug(), Map.of("teachingMode", mode.toLowerCase())))
                    .isNotEmpty()
                    .isEqualTo(expected(all, t -> modeMatches(t, mode), NEWEST));
        }
        for (String currency : SearchFixtures.CURRENCIES) {
            assertThat(searchAll(d.slug(), Map.of("currency", currency)))
                    .isNotEmpty()
                    .isEqualTo(expected(all, t -> t.currency().equals(currency), NEWEST));
        }
        assertThat(searchAll(d.slug(), Map.of("minPrice", 3000, "maxPrice", 5000)))
                .isNotEmpty()
                .isEqualTo(expected(all, t -> t.minPrice() >= 3000 && t.minPrice() <= 5000, NEWEST));
        assertThat(searchAll(d.slug(), Map.of("minPrice", 7000)))
                .isNotEmpty()
                .isEqualTo(expected(all, t -> t.minPrice() >= 7000, NEWEST));
        assertThat(searchAll(d.slug(), Map.of("maxPrice", 2000, "currency", "EUR")))
                .isNotEmpty()
                .isEqualTo(
                        expected(all, t -> t.minPrice() <= 2000 && t.currency().equals("EUR"), NEWEST));
        // combined filters
        UUID subject = d.subjects().get(1);
        assertThat(searchAll(
                        d.slug(),
                        Map.of("subjectId", subject, "level", "GCSE", "language", "en", "teachingMode", "ONLINE")))
                .isEqualTo(expected(
                        all,
                        // subject and level match one offer (the one a booking of them is priced by)
                        t -> SearchFixtures.offerPrice(t, subject, "GCSE") != null
                                && t.languages().contains("en")
                                && modeMatches(t, "ONLINE"),
                        NEWEST));
        // nobody is rated yet: a minimum rating excludes every (unrated) tutor
        assertThat(searchAll(d.slug(), Map.of("minRating", 0))).isEmpty();
    }

    @Test
    void eachSortMatchesAnIndependentComputation() {
        Data d = data();
        List<Tutor> all = d.tutors();
        Comparator<Tutor> cheapest = Comparator.comparingLong(Tutor::minPrice).thenComparing(NEWEST);
        Comparator<Tutor> dearest =
                Comparator.comparingLong(Tutor::minPrice).reversed().thenComparing(NEWEST);
        assertThat(searchAll(d.slug(), Map.of("sort", "price,asc"))).isEqualTo(expected(all, t -> true, cheapest));
        assertThat(searchAll(d.slug(), Map.of("sort", "price,desc"))).isEqualTo(expected(all, t -> true, dearest));
        assertThat(searchAll(d.slug(), Map.of("sort", "newest"))).isEqualTo(expected(all, t -> true, NEWEST));
        // no ratings or trust scores exist yet: both sort neutrally, newest first
        assertThat(searchAll(d.slug(), Map.of("sort", "rating"))).isEqualTo(expected(all, t -> true, NEWEST));
        assertThat(searchAll(d.slug(), Map.of("sort", "trustScore"))).isEqualTo(expected(all, t -> true, NEWEST));
        // with a level, the price sorted on is that level's (the price a booking at that level charges)
        Comparator<Tutor> cheapestIb = Comparator.<Tutor>comparingLong(t -> SearchFixtures.offerPrice(t, null, "IB"))
                .thenComparing(NEWEST);
        assertThat(searchAll(d.slug(), Map.of("sort", "price,asc", "currency", "JPY", "level", "IB")))
                .isEqualTo(expected(
                        all, t -> t.currency().equals("JPY") && t.levels().contains("IB"), cheapestIb));
        // relevance (the default with q): a match in the name outranks a match in the description
        assertThat(searchAll(d.slug(), Map.of("q", "zarathustra")))
                .containsExactly(d.nameMatch().id(), d.bioMatch().id());
        assertThat(searchAll(d.slug(), Map.of("q", "zarathustra", "sort", "newest")))
                .containsExactly(d.bioMatch().id(), d.nameMatch().id());
    }

    @Test
    void facetsCountTheFilteredSetWithoutTheirOwnFilter() {
        Data d = data();
        UUID subject = d.subjects().get(2);
        List<Map<String, Object>> cases = List.of(
                Map.of(),
                Map.of("subjectId", subject),
                Map.of("level", "GCSE", "language", "fr"),
                Map.of("minPrice", 2000, "maxPrice", 4500, "currency", "GBP"),
                Map.of("subjectId", subject, "level", "A_LEVEL", "teachingMode", "IN_PERSON", "minPrice", 1500));
        for (Map<String, Object> params : cases) {
            JsonPath body = Accounts.request(d.slug())
                    .queryParams(params)
                    .get("/api/v1/tutors")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            Predicate<Tutor> other = t -> (!params.containsKey("language")
                            || t.languages().contains(params.get("language")))
                    && (!params.containsKey("teachingMode") || modeMatches(t, (String) params.get("teachingMode")))
                    && (!params.containsKey("currency") || t.currency().equals(params.get("currency")));
            UUID searchedSubject = params.containsKey("subjectId") ? subject : null;
            String searchedLevel = (String) params.get("level");
            // the price filtered on and banded: the lowest 60-minute price of the searched subject and level
            java.util.function.Function<Tutor, Long> price =
                    t -> SearchFixtures.offerPrice(t, searchedSubject, searchedLevel);
            Predicate<Tutor> bySubject = t -> !params.containsKey("subjectId")
                    || (t.subjects().contains(subject) && (searchedLevel == null || price.apply(t) != null));
            Predicate<Tutor> byLevel =
                    t -> !params.containsKey("level") || t.levels().contains(params.get("level"));
            Predicate<Tutor> byPrice = t -> (!params.containsKey("minPrice")
                            || (price.apply(t) != null
                                    && price.apply(t) >= ((Number) params.get("minPrice")).longValue()))
                    && (!params.containsKey("maxPrice")
                            || (price.apply(t) != null
                                    && price.apply(t) <= ((Number) params.get("maxPrice")).longValue()));
            List<Tutor> visible = d.visible();

            Map<String, Integer> subjects = new TreeMap<>();
            visible.stream().filter(other.and(byLevel).and(byPrice)).forEach(t -> t.subjects()
                    .forEach(s -> subjects.merge(s.toString(), 1, Integer::sum)));
            Map<String, Integer> actualSubjects = new TreeMap<>();
            body.getList("facets.subjects", Map.class)
                    .forEach(f -> actualSubjects.put((String) f.get("subjectId"), (Integer) f.get("count")));
            assertThat(actualSubjects).as("subject facet for %s", params).isEqualTo(subjects);

            Map<String, Integer> levels = new TreeMap<>();
            visible.stream().filter(other.and(bySubject).and(byPrice)).forEach(t -> t.levels()
                    .forEach(l -> levels.merge(l, 1, Integer::sum)));
            Map<String, Integer> actualLevels = new TreeMap<>();
            body.getList("facets.levels", Map.class)
                    .forEach(f -> actualLevels.put((String) f.get("level"), (Integer) f.get("count")));
            assertThat(actualLevels).as("level facet for %s", params).isEqualTo(levels);

            Map<String, Integer> bands = new LinkedHashMap<>();
            TutorSearch.BANDS.forEach(b -> bands.put(b, 0));
            visible.stream().filter(other.and(bySubject).and(byLevel)).forEach(t -> {
                long major = price.apply(t) / TutorSearch.minorPerMajor(t.currency());
                String band = major < 20 ? "<20" : major < 40 ? "20-40" : major < 60 ? "40-60" : "60+";
                bands.merge(band, 1, Integer::sum);
            });
            Map<String, Integer> actualBands = new LinkedHashMap<>();
            body.getList("facets.priceBands", Map.class)
                    .forEach(f -> actualBands.put((String) f.get("band"), (Integer) f.get("count")));
            assertThat(actualBands).as("price bands for %s", params).isEqualTo(bands);
            assertThat(bands.values().stream().mapToInt(Integer::intValue).sum())
                    .isPositive();
        }
    }

    @Test
    void freeTextIgnoresAccentsAndToleratesTypos() {
        Data d = data();
        assertThat(searchAll(d.slug(), Map.of("q", "Zoe")))
                .containsExactly(d.zoe().id());
        assertThat(searchAll(d.slug(), Map.of("q", "zoë lindqvist")))
                .containsExactly(d.zoe().id());
        assertThat(searchAll(d.slug(), Map.of("q", "lindqvst")))
                .containsExactly(d.zoe().id());
        Set<UUID> mathematics = d.visible().stream()
                .filter(t -> searchable(d, t).contains("mathematics"))
                .map(Tutor::id)
                .collect(Collectors.toSet());
        assertThat(mathematics).contains(d.math().id()).hasSizeGreaterThan(10);
        assertThat(new HashSet<>(searchAll(d.slug(), Map.of("q", "mathmatics"))))
                .isEqualTo(mathematics);
        assertThat(new HashSet<>(searchAll(d.slug(), Map.of("q", "Mathematics"))))
                .isEqualTo(mathematics);
        // accented names in the generated data: "Elodie" finds every visible "Élodie"
        Set<UUID> elodie = d.visible().stream()
                .filter(t -> t.name().startsWith("Élodie"))
                .map(Tutor::id)
                .collect(Collectors.toSet());
        assertThat(elodie).isNotEmpty();
        assertThat(new HashSet<>(searchAll(d.slug(), Map.of("q", "elodie")))).isEqualTo(elodie);
        assertThat(searchAll(d.slug(), Map.of("q", "xylophone"))).isEmpty();
    }

    @Test
    void unapprovedTutorsNeverAppear() {
        Data d = data();
        Set<UUID> hidden =
                d.tutors().stream().filter(t -> !t.visible()).map(Tutor::id).collect(Collectors.toSet());
        assertThat(hidden).hasSizeGreaterThan(10);
        assertThat(searchAll(d.slug(), Map.of())).doesNotContainAnyElementsOf(hidden);
        for (Tutor t : d.tutors().stream().filter(t -> !t.visible()).limit(10).toList()) {
            assertThat(searchAll(d.slug(), Map.of("q", t.name()))).doesNotContain(t.id());
        }
    }

    @Test
    void anotherTenantsTutorsNeverAppear() {
        Data d = data();
        String otherSlug = Tenants.uniqueSlug("search-other");
        Tenants.newTenantWithOwner(otherSlug);
        TenantId other = Tenants.idOf(jdbc, otherSlug);
        List<UUID> otherSubjects = SearchFixtures.subjects(jdbc, other);
        Tutor stranger = SearchFixtures.fixed(
                otherSubjects, "Zoë Otherworld", "Chess coach", "Elsewhere.", Instant.parse("2026-03-01T00:00:00Z"));
        SearchFixtures.insert(jdbc, json, other, List.of(stranger));
        assertThat(searchAll(otherSlug, Map.of())).containsExactly(stranger.id());
        assertThat(searchAll(d.slug(), Map.of("q", "zoe")))
                .containsExactly(d.zoe().id());
        assertThat(searchAll(d.slug(), Map.of())).doesNotContain(stranger.id());
        // the other tenant's subject id filters nothing in from the first tenant
        assertThat(searchAll(d.slug(), Map.of("subjectId", otherSubjects.getFirst())))
                .isEmpty();
        // and the default tenant never sees the generated tutors
        assertThat(searchAll(null, Map.of("q", "zarathustra"))).isEmpty();
    }

    @Test
    void responsesCarryAnEtagThatChangesWhenAProfileChanges() {
        Data d = data();
        String etag = Accounts.request(d.slug())
                .queryParam("q", "philosophy")
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=30"))
                .header("Cache-Control", org.hamcrest.Matchers.containsString("public"))
                .header("ETag", notNullValue())
                .body("page.totalElements", equalTo(2))
                .extract()
                .header("ETag");
        Accounts.request(d.slug())
                .header("If-None-Match", etag)
                .queryParam("q", "philosophy")
                .get("/api/v1/tutors")
                .then()
                .statusCode(304);
        // suspending a tutor takes them out of the results at once (the cached answer is dropped)
        TenantContext.runAs(
                d.tenant(), () -> jdbc.sql("UPDATE tutor_profiles SET status = 'SUSPENDED' WHERE tutor_id = :id")
                        .param("id", d.bioMatch().id())
                        .update());
        try {
            String changed = Accounts.request(d.slug())
                    .header("If-None-Match", etag)
                    .queryParam("q", "philosophy")
                    .get("/api/v1/tutors")
                    .then()
                    .statusCode(200)
                    .body("page.totalElements", equalTo(1))
                    .body("content[0].tutorId", equalTo(d.nameMatch().id().toString()))
                    .extract()
                    .header("ETag");
            assertThat(changed).isNotEqualTo(etag);
        } finally {
            TenantContext.runAs(
                    d.tenant(), () -> jdbc.sql("UPDATE tutor_profiles SET status = 'APPROVED' WHERE tutor_id = :id")
                            .param("id", d.bioMatch().id())
                            .update());
        }
        Accounts.request(d.slug())
                .queryParam("q", "philosophy")
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(2));
    }

    @Test
    void badFiltersAreRefused() {
        Data d = data();
        record Case(Map<String, Object> params, int status, String field) {}
        for (Case c : List.of(
                new Case(Map.of("sort", "popularity"), 400, "sort"),
                new Case(Map.of("sort", "relevance"), 400, "sort"),
                new Case(Map.of("level", "KINDERGARTEN"), 400, "level"),
                new Case(Map.of("teachingMode", "telepathy"), 400, "teachingMode"),
                new Case(Map.of("subjectId", "not-a-uuid"), 400, "subjectId"),
                new Case(Map.of("minPrice", 5000, "maxPrice", 1000), 422, "maxPrice"),
                new Case(Map.of("minPrice", -1), 422, "minPrice"),
                new Case(Map.of("currency", "XYZW"), 422, "currency"),
                new Case(Map.of("language", "english"), 422, "language"),
                new Case(Map.of("minRating", 6), 422, "minRating"),
                new Case(Map.of("size", 1000), 400, "size"))) {
            Accounts.request(d.slug())
                    .queryParams(c.params())
                    .get("/api/v1/tutors")
                    .then()
                    .statusCode(c.status())
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.field()));
        }
        Accounts.request(d.slug())
                .queryParam("minPrice", "cheap")
                .get("/api/v1/tutors")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
    }
}
