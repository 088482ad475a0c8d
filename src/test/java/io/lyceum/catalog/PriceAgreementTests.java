package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The agreement of issue 12: for generated tutors (random subjects, levels, prices, currencies and lesson lengths)
 * and random searches, every hit's displayed price for a subject, level and length equals what the public profile
 * lists, what the slots' quote says, what {@code POST /bookings} charges and what a package of such lessons costs,
 * and its display price in every currency a viewer may choose is that charged price converted with the tenant's
 * rates (computed here from the rates the admin set, not by the application's converter).
 */
class PriceAgreementTests extends ApiTestBase {

    private static final List<String> TUTOR_CURRENCIES = List.of("GBP", "EUR", "JPY");
    private static final List<String> DISPLAY_CURRENCIES = List.of("GBP", "EUR", "USD", "JPY");
    private static final List<String> LEVELS = List.of("GCSE", "A_LEVEL", "IB");
    private static final List<List<Integer>> LENGTHS =
            List.of(List.of(60), List.of(30, 60), List.of(45, 60, 90), List.of(25, 50, 75));

    /** Rates set by the admin: 1 base = rate quote. */
    private static final Map<String, BigDecimal> RATES = Map.of(
            "GBP/EUR", new BigDecimal("1.1734"),
            "GBP/USD", new BigDecimal("1.2719"),
            "GBP/JPY", new BigDecimal("190.37"),
            "EUR/USD", new BigDecimal("1.0841"),
            "EUR/JPY", new BigDecimal("162.23"),
            "JPY/USD", new BigDecimal("0.006683"));

    private record Offer(String subjectId, String level, long price) {}

    private record GeneratedTutor(SignedIn user, String currency, List<Offer> offers, List<Integer> lengths) {}

    @Test
    void everyDisplayedPriceIsTheChargedPriceInEveryCurrency() {
        Random random = new Random(20261206L);
        String slug = Tenants.uniqueSlug("price");
        Tenants.newTenantWithOwner(slug);
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", slug);
        TenantId tenant = Tenants.idOf(jdbc, slug);
        RATES.forEach((pair, rate) -> admin.api()
                .contentType("application/json")
                .body(Map.of("rate", rate))
                .put("/api/v1/admin/exchange-rates/" + pair)
                .then()
                .statusCode(200));
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subjects.add(subject(admin));
        }

        List<GeneratedTutor> tutors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tutors.add(tutor(random, slug, admin, tenant, subjects));
        }
        Map<String, GeneratedTutor> byId = new HashMap<>();
        tutors.forEach(t -> byId.put(t.user().userId().toString(), t));

        int checkedHits = 0;
        int bookings = 0;
        for (int search = 0; search < 12; search++) {
            Map<String, Object> params = new LinkedHashMap<>();
            String subject = random.nextInt(3) > 0 ? subjects.get(random.nextInt(subjects.size())) : null;
            String level = random.nextBoolean() ? LEVELS.get(random.nextInt(LEVELS.size())) : null;
            if (subject != null) params.put("subjectId", subject);
            if (level != null) params.put("level", level);
            if (random.nextInt(3) == 0) params.put("maxPrice", 2_000 + random.nextInt(8_000));
            params.put("sort", random.nextBoolean() ? "price,asc" : "price,desc");
            String display = DISPLAY_CURRENCIES.get(random.nextInt(DISPLAY_CURRENCIES.size()));
            params.put("displayCurrency", display);

            JsonPath page = Accounts.request(slug)
                    .queryParams(params)
                    .get("/api/v1/tutors")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> hits = page.getList("content");
            // the hits are exactly the tutors with a matching offer (and within maxPrice), sorted on that price
            List<String> expected = tutors.stream()
                    .filter(t -> cheapest(t, subject, level) != null)
                    .filter(t -> !params.containsKey("maxPrice")
                            || cheapest(t, subject, level).price() <= ((Number) params.get("maxPrice")).longValue())
                    .map(t -> t.user().userId().toString())
                    .sorted()
                    .toList();
            assertThat(hits.stream()
                            .map(h -> (String) h.get("tutorId"))
                            .sorted()
                            .toList())
                    .as("hits of %s", params)
                    .isEqualTo(expected);
            List<Long> shown = hits.stream()
                    .map(h -> ((Number) ((Map<?, ?>) h.get("priceFrom")).get("amount")).longValue())
                    .toList();
            assertThat(shown)
                    .as("sorted on the shown price")
                    .isSortedAccordingTo(
                            params.get("sort").equals("price,asc") ? Long::compare : (a, b) -> Long.compare(b, a));

            for (Map<String, Object> hit : hits) {
                GeneratedTutor tutor = byId.get((String) hit.get("tutorId"));
                Offer offer = cheapest(tutor, subject, level);
                Map<?, ?> priceFrom = (Map<?, ?>) hit.get("priceFrom");
                assertThat(priceFrom.get("currency")).isEqualTo(tutor.currency());
                assertThat(((Number) priceFrom.get("amount")).longValue()).isEqualTo(offer.price());
                Map<?, ?> displayPrice = (Map<?, ?>) hit.get("displayPrice");
                assertThat(displayPrice.get("currency")).isEqualTo(display);
                assertThat(((Number) displayPrice.get("amount")).longValue())
                        .as("display price of %s %s in %s", offer.price(), tutor.currency(), display)
                        .isEqualTo(convert(offer.price(), tutor.currency(), display));

                // the public profile lists the same price for 60 minutes and a price per length
                JsonPath profile = Accounts.request(slug)
                        .get("/api/v1/tutors/" + tutor.user().userId())
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                List<Map<String, Object>> listed = profile.getList("subjects");
                Map<String, Object> listedOffer = listed.stream()
                        .filter(o -> o.get("subjectId").equals(offer.subjectId())
                                && o.get("level").equals(offer.level()))
                        .findFirst()
                        .orElseThrow();
                assertThat(((Number) ((Map<?, ?>) listedOffer.get("price")).get("amount")).longValue())
                        .isEqualTo(offer.price());

                // every length: the profile's listed price = the slots' quote = what a booking charges
                int length = tutor.lengths().get(random.nextInt(tutor.lengths().size()));
                long listedForLength = ((List<Map<String, Object>>) listedOffer.get("lessonPrices"))
                        .stream()
                                .filter(p -> ((Number) p.get("durationMinutes")).intValue() == length)
                                .map(p -> ((Number) ((Map<?, ?>) p.get("price")).get("amount")).longValue())
                                .findFirst()
                                .orElseThrow();
                assertThat(listedForLength).isEqualTo(scaled(offer.price(), length));
                String viewer = DISPLAY_CURRENCIES.get(random.nextInt(DISPLAY_CURRENCIES.size()));
                JsonPath slots = Accounts.request(slug)
                        .queryParam("duration", length)
                        .queryParam("subjectId", offer.subjectId())
                        .queryParam("level", offer.level())
                        .queryParam("displayCurrency", viewer)
                        .get("/api/v1/tutors/" + tutor.user().userId() + "/available-slots")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(slots.getLong("quote.price.amount")).isEqualTo(listedForLength);
                assertThat(slots.getString("quote.price.currency")).isEqualTo(tutor.currency());
                assertThat(slots.getLong("quote.displayPrice.amount"))
                        .isEqualTo(convert(listedForLength, tutor.currency(), viewer));
                if (length == 60) {
                    assertThat(slots.getLong("quote.price.amount")).isEqualTo(offer.price());
                }

                if (bookings < 10) {
                    SignedIn student = Accounts.newUser("STUDENT", slug);
                    String start = slots.getString("slots[" + random.nextInt(20) + "].start");
                    Map<String, Object> body = new HashMap<>();
                    body.put("tutorId", tutor.user().userId().toString());
                    body.put("subjectId", offer.subjectId());
                    body.put("level", offer.level());
                    body.put("startsAt", start);
                    body.put("durationMinutes", length);
                    JsonPath booked = student.api()
                            .contentType("application/json")
                            .body(body)
                            .post("/api/v1/bookings")
                            .then()
                            .statusCode(201)
                            .extract()
                            .jsonPath();
                    assertThat(booked.getLong("price.amount")).isEqualTo(listedForLength);
                    assertThat(booked.getString("price.currency")).isEqualTo(tutor.currency());

                    // a package of such lessons without a discount costs lessons x the same single price
                    JsonPath packageOffer = tutor.user()
                            .api()
                            .contentType("application/json")
                            .body(Map.of(
                                    "subjectId",
                                    offer.subjectId(),
                                    "level",
                                    offer.level(),
                                    "lessons",
                                    3,
                                    "durationMinutes",
                                    length,
                                    "discountPercent",
                                    0))
                            .post("/api/v1/tutors/me/package-offers")
                            .then()
                            .statusCode(201)
                            .extract()
                            .jsonPath();
                    assertThat(packageOffer.getLong("singleLessonsPrice.amount"))
                            .isEqualTo(3 * listedForLength);
                    student.api()
                            .contentType("application/json")
                            .body(Map.of("offerId", packageOffer.getString("id")))
                            .post("/api/v1/packages")
                            .then()
                            .statusCode(201)
                            .body("price.amount", org.hamcrest.Matchers.equalTo((int) (3 * listedForLength)));
                    bookings++;
                }
                checkedHits++;
            }
        }
        assertThat(checkedHits).as("hits checked").isGreaterThan(20);
        assertThat(bookings).as("bookings checked").isEqualTo(10);
    }

    /** The lowest-priced offer matching the subject and level (null: any); null when none matches. */
    private static Offer cheapest(GeneratedTutor tutor, String subject, String level) {
        return tutor.offers().stream()
                .filter(o -> subject == null || o.subjectId().equals(subject))
                .filter(o -> level == null || o.level().equals(level))
                .min(java.util.Comparator.comparingLong(Offer::price))
                .orElse(null);
    }

    /** The documented scaling: price of 60 minutes x minutes / 60, half up to the minor unit. */
    private static long scaled(long hourly, int minutes) {
        return BigDecimal.valueOf(hourly)
                .multiply(BigDecimal.valueOf(minutes))
                .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** A conversion with the admin's rate (or its inverse to 16 significant digits), half even to the minor unit. */
    private static long convert(long amount, String from, String to) {
        if (from.equals(to)) return amount;
        BigDecimal factor = RATES.containsKey(from + "/" + to)
                ? RATES.get(from + "/" + to)
                : BigDecimal.ONE.divide(RATES.get(to + "/" + from), MathContext.DECIMAL64);
        BigDecimal major = BigDecimal.valueOf(amount, Currency.getInstance(from).getDefaultFractionDigits());
        return major.multiply(factor)
                .setScale(Currency.getInstance(to).getDefaultFractionDigits(), RoundingMode.HALF_EVEN)
                .unscaledValue()
                .longValueExact();
    }

    private GeneratedTutor tutor(Random random, String slug, SignedIn admin, TenantId tenant, List<String> subjects) {
        String currency = TUTOR_CURRENCIES.get(random.nextInt(TUTOR_CURRENCIES.size()));
        List<Integer> lengths = LENGTHS.get(random.nextInt(LENGTHS.size()));
        List<Offer> offers = new ArrayList<>();
        List<Map<String, Object>> offerDocs = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String subject = subjects.get(random.nextInt(subjects.size()));
            String level = LEVELS.get(random.nextInt(LEVELS.size()));
            if (offers.stream()
                    .anyMatch(o -> o.subjectId().equals(subject) && o.level().equals(level))) continue;
            // odd amounts, so that scaling to 25 or 45 minutes has to round
            long price = currency.equals("JPY") ? 1_000 + random.nextInt(9_000) : 1_501 + random.nextInt(7_000);
            offers.add(new Offer(subject, level, price));
            offerDocs.add(Map.of(
                    "subjectId", subject, "level", level, "price", Map.of("amount", price, "currency", currency)));
        }
        SignedIn user = Accounts.newUser("TUTOR", slug);
        put(user, "about", Map.of("headline", "Generated tutor", "bio", "Lessons at generated prices."));
        put(user, "pricing", Map.of("currency", currency, "lessonLengths", lengths));
        put(user, "subjects", offerDocs);
        put(user, "languages", List.of("en"));
        put(user, "teaching", Map.of("teachingMode", "ONLINE", "timeZone", "Europe/London"));
        user.api().post("/api/v1/tutors/me/submit").then().statusCode(200);
        admin.api()
                .post("/api/v1/admin/tutors/" + user.userId() + "/approve")
                .then()
                .statusCode(200);
        openAllWeek(tenant, user.userId(), lengths);
        return new GeneratedTutor(user, currency, offers, lengths);
    }

    private void openAllWeek(TenantId tenant, UUID tutorId, List<Integer> lengths) {
        TenantContext.runAs(tenant, () -> {
            jdbc.sql("""
                            INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, buffer_minutes,
                                                         minimum_notice_minutes, horizon_days, lesson_lengths,
                                                         requires_confirmation, updated_at)
                            VALUES (:tutor, :t, 'Europe/London', 0, 60, 60, CAST(:lengths AS int[]), FALSE, now())
                            """)
                    .param("tutor", tutorId)
                    .param("t", tenant.value())
                    .param(
                            "lengths",
                            "{"
                                    + String.join(
                                            ",",
                                            lengths.stream()
                                                    .map(String::valueOf)
                                                    .toList()) + "}")
                    .update();
            for (int day = 1; day <= 7; day++) {
                jdbc.sql("""
                                INSERT INTO availability_windows (id, tenant_id, tutor_id, day_of_week, start_time,
                                                                  end_time, created_at)
                                VALUES (gen_random_uuid(), :t, :tutor, :day, '00:00', '24:00', now())
                                """)
                        .param("t", tenant.value())
                        .param("tutor", tutorId)
                        .param("day", day)
                        .update();
            }
        });
    }

    private static String subject(SignedIn admin) {
        String category = admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Category " + UUID.randomUUID(), "position", 1))
                .post("/api/v1/categories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return admin.api()
                .contentType("application/json")
                .body(Map.of("categoryId", category, "name", "Subject " + UUID.randomUUID(), "levels", LEVELS))
                .post("/api/v1/subjects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void put(SignedIn user, String section, Object body) {
        user.api()
                .contentType("application/json")
                .body(body)
                .put("/api/v1/tutors/me/" + section)
                .then()
                .statusCode(200);
    }
}
