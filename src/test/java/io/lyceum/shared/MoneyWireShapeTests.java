package io.lyceum.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Money is {"amount", "currency"} on the wire and in the OpenAPI document, everywhere (issue 12). */
class MoneyWireShapeTests extends ApiTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiMoneySchemaIsAnAmountAndACurrencyCodeAndNothingElse() {
        JsonPath doc = ApiDocument.jsonPath();
        Map<String, Object> money = doc.getMap("components.schemas.Money");
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) money.get("properties");
        assertThat(properties).containsOnlyKeys("amount", "currency");
        assertThat(properties.get("amount").get("type")).isEqualTo("integer");
        assertThat(properties.get("currency").get("type")).isEqualTo("string");
        assertThat(properties.get("currency").get("pattern")).isEqualTo("^[A-Z]{3}$");

        Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
        assertThat(schemas).doesNotContainKey("Currency");
        List<String> leaks = new ArrayList<>();
        List<String> notMoney = new ArrayList<>();
        schemas.forEach((name, schema) -> {
            Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) schema.get("properties");
            if (props == null) return;
            for (String flag : List.of("negative", "positive", "zero")) {
                if (props.containsKey(flag)) leaks.add(name + "." + flag);
            }
            // the money fields of issue 12 refer to the one Money schema
            for (String field : List.of("trialLessonPrice", "priceFrom", "displayPrice", "price")) {
                Map<String, Object> p = props.get(field);
                if (p != null && !String.valueOf(p).contains("#/components/schemas/Money")) {
                    notMoney.add(name + "." + field + "=" + p);
                }
            }
        });
        assertThat(leaks).as("money flags in schemas").isEmpty();
        assertThat(notMoney).as("money fields that are not Money").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void moneyInResponsesCarriesOnlyAmountAndCurrency() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        Map<String, Object> card = api().get("/api/v1/tutors/" + tutor.id() + "/public")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(keys(card.get("priceFrom"))).containsOnly("amount", "currency");
        assertThat(keys(card.get("trialLessonPrice"))).containsOnly("amount", "currency");
        assertThat(card).containsKey("teachingMode").doesNotContainKey("mode");
        Map<String, Object> profile = api().get("/api/v1/tutors/" + tutor.id())
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(profile.toString()).doesNotContain("negative", "positive", "zero=");
        assertThat(keys(((Map<String, Object>) profile.get("pricing")).get("trialLessonPrice")))
                .containsOnly("amount", "currency");
        Map<String, Object> page = tutor.admin()
                .api()
                .queryParam("subjectId", tutor.subjectId())
                .queryParam("displayCurrency", "GBP")
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .extract()
                .path("content[0]");
        assertThat(keys(page.get("priceFrom"))).containsOnly("amount", "currency");
        assertThat(keys(page.get("displayPrice"))).containsOnly("amount", "currency");
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> keys(Object money) {
        assertThat(money).isInstanceOf(Map.class);
        return ((Map<String, Object>) money).keySet();
    }
}
