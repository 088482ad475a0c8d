package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The standing other modules report ({@code CatalogApi.recordTutorRating} / {@code recordTutorScore}) in search: the
 * {@code minRating} filter, the {@code recommended} default sort with and without text, the Bayesian {@code rating}
 * sort, and the search cache following a change (and only a change).
 */
class RecommendedSearchTests extends ApiTestBase {

    @Autowired
    CatalogApi catalog;

    private String subjectId;
    private UUID first;
    private UUID second;
    private UUID third;

    @BeforeEach
    void threeTutorsOfOneSubjectApprovedInOrder() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        subjectId = Tutors.subject(admin);
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SignedIn tutor = Tutors.submitted(subjectId, "Europe/London");
            Tutors.approve(admin, tutor);
            ids.add(tutor.userId());
        }
        first = ids.get(0);
        second = ids.get(1);
        third = ids.get(2);
        // an approval queues the tutor's trust score, which the trust worker then records in the catalog: wait for it,
        // so it cannot overwrite the standing the tests record below
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TenantContext.callAs(
                        TenantId.DEFAULT,
                        () -> jdbc.sql("""
                                SELECT count(*) FROM trust_scores s
                                WHERE s.subject_kind = 'TUTOR' AND s.subject_id IN (:ids)
                                  AND NOT EXISTS (SELECT 1 FROM trust_recalculation_queue q
                                                  WHERE q.subject_kind = 'TUTOR' AND q.subject_id = s.subject_id)
                                """).param("ids", ids).query(Long.class).single() == 3));
    }

    private List<String> order(String... params) {
        var request = api().queryParam("subjectId", subjectId);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.tutorId");
    }

    private void inTenant(Runnable work) {
        TenantContext.runAs(TenantId.DEFAULT, work);
    }

    private long searchVersion() {
        return TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT version FROM tutor_search_state WHERE tenant_id = :t")
                        .param("t", TenantId.DEFAULT.value())
                        .query(Long.class)
                        .single());
    }

    @Test
    void recommendedIsTheDefaultAndOrdersByStandingWithNewestBreakingTies() {
        // no standing yet: everyone neutral, so the default order is the newest approval first
        assertThat(order()).containsExactly(str(third), str(second), str(first));
        assertThat(order("sort", "recommended")).containsExactly(str(third), str(second), str(first));

        // first: score 90 → 0.7 × 0.9 + 0.3 × 0.5 = 0.78; second: Bayesian 4.6 → 0.7 × 0.5 + 0.3 × 0.9 = 0.62;
        // third: neutral 0.5
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("90")));
        inTenant(() -> catalog.recordTutorRating(TutorId.of(second), 10, new BigDecimal("4.8"), new BigDecimal("4.6")));
        assertThat(order()).containsExactly(str(first), str(second), str(third));

        // a low score sinks a tutor below the neutral ones: 0.7 × 0.2 + 0.3 × 0.5 = 0.29
        inTenant(() -> catalog.recordTutorScore(TutorId.of(third), new BigDecimal("20")));
        assertThat(order()).containsExactly(str(first), str(second), str(third));
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("10")));
        // first: 0.7 × 0.1 + 0.15 = 0.22 < third 0.29 < second 0.62
        assertThat(order()).containsExactly(str(second), str(third), str(first));
    }

    @Test
    void withTextTheRelevanceIsWeightedByStanding() {
        // the three profiles have the same text ("Patient tutor", "Years of teaching."): equal relevance
        assertThat(order("q", "patient", "sort", "relevance")).containsExactly(str(third), str(second), str(first));
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("100")));
        assertThat(order("q", "patient")).startsWith(str(first));
        // relevance alone ignores standing
        assertThat(order("q", "patient", "sort", "relevance")).containsExactly(str(third), str(second), str(first));
    }

    @Test
    void minRatingFiltersOnTheMeanAndRatingSortsByTheBayesianAverage() {
        // second: mean 5.0 from 1 review (Bayesian (5 × 4 + 5) / 6 = 4.167); third: mean 4.7 from 30 (4.6)
        inTenant(
                () -> catalog.recordTutorRating(TutorId.of(second), 1, new BigDecimal("5.0"), new BigDecimal("4.167")));
        inTenant(() -> catalog.recordTutorRating(TutorId.of(third), 30, new BigDecimal("4.7"), new BigDecimal("4.6")));

        assertThat(order("minRating", "4.5")).containsExactlyInAnyOrder(str(second), str(third));
        assertThat(order("minRating", "4.8")).containsExactly(str(second));
        assertThat(order("minRating", "5")).containsExactly(str(second));
        assertThat(order("sort", "rating")).containsExactly(str(third), str(second), str(first));

        var hit = api().queryParam("subjectId", subjectId)
                .queryParam("minRating", "4.8")
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(hit.getDouble("content[0].rating")).isEqualTo(5.0);
        assertThat(hit.getInt("content[0].ratingCount")).isEqualTo(1);

        // back to no reviews (all hidden): unrated again
        inTenant(() -> catalog.recordTutorRating(TutorId.of(second), 0, null, null));
        assertThat(order("minRating", "4.8")).isEmpty();
    }

    @Test
    void onlyARealChangeInvalidatesTheSearchCache() {
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("70")));
        long version = searchVersion();
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("70")));
        inTenant(() -> catalog.recordTutorScore(TutorId.of(UUID.randomUUID()), new BigDecimal("70")));
        assertThat(searchVersion()).isEqualTo(version);
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("71")));
        assertThat(searchVersion()).isEqualTo(version + 1);
    }

    @Test
    void aSuspendedAndReinstatedTutorKeepsTheStanding() {
        inTenant(() -> catalog.recordTutorRating(TutorId.of(first), 3, new BigDecimal("4.9"), new BigDecimal("4.3")));
        inTenant(() -> catalog.recordTutorScore(TutorId.of(first), new BigDecimal("80")));
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        admin.api()
                .contentType("application/json")
                .body(java.util.Map.of("reason", "check"))
                .post("/api/v1/admin/tutors/" + first + "/suspend")
                .then()
                .statusCode(200);
        assertThat(order()).doesNotContain(str(first));
        admin.api().post("/api/v1/admin/tutors/" + first + "/reinstate").then().statusCode(200);
        // the rebuilt search row took the standing back
        assertThat(order("minRating", "4.9")).containsExactly(str(first));
        assertThat(order()).startsWith(str(first));
    }

    private static String str(UUID id) {
        return id.toString();
    }
}
