package io.lyceum.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.DemoApiTestBase;
import io.lyceum.testsupport.http.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The demo marketplace has visible reviews of its lessons that took place, a reply, and ratings in search. */
class DemoReviewsTests extends DemoApiTestBase {

    private UUID user(String email) {
        return TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql("SELECT id FROM users WHERE email_normalized = :e")
                .param("e", email)
                .query(UUID.class)
                .single());
    }

    @Test
    void demoTutorsHaveVisibleReviews() {
        JsonPath priya = api().get("/api/v1/reviews/tutors/" + user("priya.raman@lyceum.local"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(priya.getInt("summary.count")).isEqualTo(1);
        assertThat(priya.getInt("content[0].rating")).isEqualTo(5);
        assertThat(priya.getString("content[0].authorName")).isEqualTo("Sophie C.");

        JsonPath amara = api().get("/api/v1/reviews/tutors/" + user("amara.okafor@lyceum.local"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(amara.getInt("summary.count")).isEqualTo(1);
        assertThat(amara.getString("content[0].reply.body")).startsWith("Thank you Mia!");
        // (5 × 4.0 + 4) / 6 = 4.0
        assertThat(amara.getDouble("summary.bayesianAverage")).isEqualTo(4.0);

        assertThat(api().queryParam("minRating", "4.5")
                        .get("/api/v1/tutors")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("content.fullName"))
                .contains("Priya Raman")
                .doesNotContain("Amara Okafor");
    }
}
