package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/tenants}: the platform operator lists every tenant, paged; nobody else may. */
class TenantListApiTests extends ApiTestBase {

    private static final String TENANTS = "/api/v1/tenants";

    @Test
    void theOperatorPagesThroughAllTenants() {
        String slug = Tenants.uniqueSlug("listed");
        Tenants.newTenantWithOwner(slug);
        long total = jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single();

        var firstPage = Tenants.operator()
                .queryParam("size", 1)
                .get(TENANTS)
                .then()
                .statusCode(200)
                .body("page.size", equalTo(1))
                .body("page.totalElements", equalTo((int) total))
                .body("content.size()", equalTo(1))
                .extract()
                .jsonPath();
        assertThat(firstPage.getString("content[0].slug")).isNotBlank();

        List<String> slugs = Tenants.operator()
                .queryParam("size", 100)
                .queryParam("page", (total - 1) / 100)
                .get(TENANTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.slug");
        assertThat(slugs).contains(slug);
        var listed = Tenants.operator()
                .queryParam("size", 100)
                .queryParam("page", (total - 1) / 100)
                .get(TENANTS)
                .jsonPath();
        int index = listed.getList("content.slug").indexOf(slug);
        assertThat(listed.getString("content[" + index + "].status")).isEqualTo("ACTIVE");
        assertThat(listed.getString("content[" + index + "].defaultCurrency")).isEqualTo("EUR");
    }

    @Test
    void nobodyButTheOperatorMayList() {
        Accounts.request(null)
                .get(TENANTS)
                .then()
                .statusCode(401)
                .body("code", equalTo("tenant.operator_token_required"));
        Accounts.request(null)
                .header("Authorization", "Bearer not-the-operator")
                .get(TENANTS)
                .then()
                .statusCode(401)
                .body("code", equalTo("tenant.invalid_operator_token"));
        // an owner's access token is not the operator's
        var owner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("nosy"));
        owner.api().get(TENANTS).then().statusCode(401).body("code", equalTo("tenant.invalid_operator_token"));
    }
}
