package io.lyceum.catalog;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Generates tutors with random profiles straight into the database (the search trigger indexes them). */
final class SearchFixtures {

    static final List<String> CURRENCIES = List.of("GBP", "EUR", "USD", "JPY");
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it");
    static final List<String> MODES = List.of("ONLINE", "IN_PERSON", "BOTH");
    static final List<String> LEVELS = List.of("PRIMARY", "GCSE", "A_LEVEL", "IB", "UNIVERSITY", "ADULT");
    static final List<String> SUBJECT_NAMES =
            List.of("Mathematics", "Physics", "Chemistry", "Biology", "History", "Spanish");
    static final List<String> FIRST = List.of(
            "Anna", "Bruno", "Chloé", "Dmitri", "Élodie", "Farid", "Greta", "Hugo", "Ingrid", "José", "Kasia", "Léon",
            "Marta", "Noor", "Oskar", "Priya", "Rafael", "Søren");
    static final List<String> LAST = List.of(
            "Smith",
            "Müller",
            "García",
            "Rossi",
            "Dubois",
            "Nowak",
            "Novák",
            "Jensen",
            "Kowalski",
            "Silva",
            "Brown",
            "Okafor");
    static final List<String> STATUSES_HIDDEN = List.of("DRAFT", "SUBMITTED", "SUSPENDED", "REJECTED");

    /** One generated tutor as the test models it. */
    record Tutor(
            UUID id,
            String name,
            String headline,
            String bio,
            Set<UUID> subjects,
            Set<String> levels,
            long minPrice,
            String currency,
            Set<String> languages,
            String mode,
            Instant approvedAt,
            String status) {

        boolean visible() {
            return status.equals("APPROVED");
        }

        /** Lower-case, accent-free words of name, headline and bio. */
        Set<String> words() {
            Set<String> words = new LinkedHashSet<>();
            for (String w : fold(name + " " + headline + " " + bio).split("[^a-z0-9]+")) {
                if (!w.isEmpty()) words.add(w);
            }
            return words;
        }
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private SearchFixtures() {}

    /** Creates a category and the subjects of {@link #SUBJECT_NAMES} (with every level) in the tenant. */
    static List<UUID> subjects(JdbcClient jdbc, TenantId tenant) {
        List<UUID> ids = new ArrayList<>();
        TenantContext.runAs(tenant, () -> {
            UUID category = Ids.newId();
            jdbc.sql("INSERT INTO categories (id, tenant_id, name, slug, created_at) VALUES (:id, :t, :n, :s, now())")
                    .param("id", category)
                    .param("t", tenant.value())
                    .param("n", "Search " + category)
                    .param("s", "search-" + category)
                    .update();
            for (String name : SUBJECT_NAMES) {
                UUID id = Ids.newId();
                jdbc.sql("""
                        INSERT INTO subjects (id, tenant_id, category_id, name, levels, created_at)
                        VALUES (:id, :t, :c, :n, CAST(:levels AS text[]), now())
                        """)
                        .param("id", id)
                        .param("t", tenant.value())
                        .param("c", category)
                        .param("n", name + " " + id.toString().substring(0, 8))
                        .param("levels", "{" + String.join(",", LEVELS) + "}")
                        .update();
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Generates {@code count} tutors (about 85% approved, the rest in hidden states) with random subjects, levels,
     * prices, languages and modes; {@code extra} tutors (fixed names and texts) are added as approved.
     */
    static List<Tutor> generate(Random random, List<UUID> subjectIds, int count, Instant base) {
        List<Tutor> tutors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            Set<UUID> subjects = new LinkedHashSet<>();
            Set<String> levels = new LinkedHashSet<>();
            int offers = 1 + random.nextInt(3);
            long min = Long.MAX_VALUE;
            List<Map<String, Object>> offerDocs = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int o = 0; o < offers; o++) {
                UUID subject = subjectIds.get(random.nextInt(subjectIds.size()));
                String level = LEVELS.get(random.nextInt(LEVELS.size()));
                if (!seen.add(subject + level)) continue;
                long amount = currency.equals("JPY")
                        ? 500 + random.nextInt(9000)
                        : (5 + random.nextInt(80)) * 100L + random.nextInt(100);
                min = Math.min(min, amount);
                subjects.add(subject);
                levels.add(level);
                offerDocs.add(Map.of(
                        "subjectId", subject, "level", level, "price", Map.of("amount", amount, "currency", currency)));
            }
            Set<String> languages = new LinkedHashSet<>();
            int nl = 1 + random.nextInt(3);
            for (int l = 0; l < nl; l++) languages.add(LANGUAGES.get(random.nextInt(LANGUAGES.size())));
            String mode = MODES.get(random.nextInt(MODES.size()));
            String name = FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
            String topic = SUBJECT_NAMES.get(random.nextInt(SUBJECT_NAMES.size()));
            String headline = topic + " tutor with " + (2 + random.nextInt(20)) + " years of experience";
            String bio = "Patient lessons in " + topic.toLowerCase(Locale.ROOT) + " and "
                    + SUBJECT_NAMES.get(random.nextInt(SUBJECT_NAMES.size())).toLowerCase(Locale.ROOT)
                    + ", exam preparation and homework help.";
            String status =
                    random.nextInt(100) < 85 ? "APPROVED" : STATUSES_HIDDEN.get(random.nextInt(STATUSES_HIDDEN.size()));
            tutors.add(new Tutor(
                    Ids.newId(),
                    name,
                    headline,
                    bio,
                    subjects,
                    levels,
                    min,
                    currency,
                    languages,
                    mode,
                    base.plusSeconds(i),
                    status));
            OFFERS.put(tutors.getLast().id(), offerDocs);
        }
        return tutors;
    }

    /**
     * The price a search hit of the tutor shows for the subject and level (either null: any), as the pricing model
     * defines it: the lowest price of 60 minutes among the matching offers; null when none matches.
     */
    static Long offerPrice(Tutor tutor, UUID subject, String level) {
        return OFFERS.get(tutor.id()).stream()
                .filter(o -> subject == null || o.get("subjectId").toString().equals(subject.toString()))
                .filter(o -> level == null || o.get("level").equals(level))
                .map(o -> ((Number) ((Map<?, ?>) o.get("price")).get("amount")).longValue())
                .min(Long::compare)
                .orElse(null);
    }

    /** The offers documents of generated tutors (kept aside so that {@link Tutor} stays a plain model). */
    static final Map<UUID, List<Map<String, Object>>> OFFERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A tutor with a fixed name and texts, approved, with the first subject at GCSE for 30.00 GBP. */
    static Tutor fixed(List<UUID> subjectIds, String name, String headline, String bio, Instant at) {
        UUID subject = subjectIds.getFirst();
        Tutor tutor = new Tutor(
                Ids.newId(),
                name,
                headline,
                bio,
                Set.of(subject),
                Set.of("GCSE"),
                3000,
                "GBP",
                Set.of("en"),
                "ONLINE",
                at,
                "APPROVED");
        OFFERS.put(
                tutor.id(),
                List.of(Map.of(
                        "subjectId", subject, "level", "GCSE", "price", Map.of("amount", 3000, "currency", "GBP"))));
        return tutor;
    }

    /** Inserts users and profiles in two statements per chunk; the published version is set unless never approved. */
    static void insert(JdbcClient jdbc, JsonMapper json, TenantId tenant, List<Tutor> tutors) {
        for (int from = 0; from < tutors.size(); from += 1000) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Tutor t : tutors.subList(from, Math.min(tutors.size(), from + 1000))) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("about", Map.of("headline", t.headline(), "bio", t.bio()));
                doc.put("subjects", OFFERS.get(t.id()));
                doc.put("certifications", List.of());
                doc.put("education", List.of());
                doc.put("pricing", Map.of("currency", t.currency(), "lessonLengths", List.of(60)));
                doc.put("languages", List.copyOf(t.languages()));
                doc.put("teaching", Map.of("teachingMode", t.mode(), "area", "Town", "timeZone", "Europe/London"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", t.id());
                row.put("name", t.name());
                row.put("email", "search-" + t.id() + "@example.com");
                row.put("status", t.status());
                row.put(
                        "published",
                        !t.status().equals("DRAFT")
                                && !t.status().equals("SUBMITTED")
                                && !t.status().equals("REJECTED"));
                row.put("doc", doc);
                row.put("at", t.approvedAt().atOffset(ZoneOffset.UTC).toString());
                rows.add(row);
            }
            String payload = json.writeValueAsString(rows);
            TenantContext.runAs(tenant, () -> {
                jdbc.sql("""
                        INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status,
                                           email_verified_at, time_zone, locale, created_at, updated_at)
                        SELECT (e ->> 'id')::uuid, :t, e ->> 'email', e ->> 'email', e ->> 'name', 'TUTOR', 'ACTIVE',
                               now(), 'Europe/London', 'en', now(), now()
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e
                        """).param("t", tenant.value()).param("rows", payload).update();
                jdbc.sql("""
                        INSERT INTO tutor_profiles (tutor_id, tenant_id, status, draft, published, published_version,
                                                    created_at, updated_at)
                        SELECT (e ->> 'id')::uuid, :t, e ->> 'status', e -> 'doc',
                               CASE WHEN (e ->> 'published')::boolean THEN e -> 'doc' END, 1,
                               (e ->> 'at')::timestamptz, (e ->> 'at')::timestamptz
                        FROM jsonb_array_elements(CAST(:rows AS jsonb)) e
                        """).param("t", tenant.value()).param("rows", payload).update();
            });
        }
    }
}
