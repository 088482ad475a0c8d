package io.lyceum.accounts;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferencesApiTests extends ApiTestBase {

    private static Map<String, Object> prefs(String timeZone, String language, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("timeZone", timeZone);
        body.put("language", language);
        body.put("displayCurrency", currency);
        return body;
    }

    @Test
    void readAndReplacePreferences() {
        var user = Accounts.newUser("STUDENT");
        user.api()
                .get("/api/v1/users/preferences")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Europe/London"))
                .body("language", equalTo("en"))
                .body("displayCurrency", equalTo("GBP")) // the tenant's default
                .body("displayCurrencyIsTenantDefault", equalTo(true));

        user.api()
                .contentType("application/json")
                .body(prefs("America/Sao_Paulo", "pt-br", "BRL"))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("America/Sao_Paulo"))
                .body("language", equalTo("pt-BR"))
                .body("displayCurrency", equalTo("BRL"))
                .body("displayCurrencyIsTenantDefault", equalTo(false));
        // the profile shows the same
        user.api()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("America/Sao_Paulo"))
                .body("locale", equalTo("pt-BR"))
                .body("displayCurrency", equalTo("BRL"));

        // leaving the currency out goes back to the tenant's
        user.api()
                .contentType("application/json")
                .body(prefs("Asia/Tokyo", "ja", null))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(200)
                .body("displayCurrency", equalTo("GBP"))
                .body("displayCurrencyIsTenantDefault", equalTo(true));
    }

    @Test
    void everyInvalidFieldIsReported() {
        var user = Accounts.newUser("TUTOR");
        user.api()
                .contentType("application/json")
                .body(prefs("Mars/Olympus", "en_US", "ABC"))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", containsInAnyOrder("timeZone", "language", "displayCurrency"));

        for (String zone : new String[] {"GMT+1", "+01:00", "europe/london", "Europe/Atlantis"}) {
            user.api()
                    .contentType("application/json")
                    .body(prefs(zone, "en", "GBP"))
                    .put("/api/v1/users/preferences")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("request.validation_failed"))
                    .body("errors.field", hasItem("timeZone"));
        }
        for (String language : new String[] {"english", "xx", "en-QQ", "x-private", "en--GB"}) {
            user.api()
                    .contentType("application/json")
                    .body(prefs("UTC", language, "GBP"))
                    .put("/api/v1/users/preferences")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("request.validation_failed"))
                    .body("errors.field", hasItem("language"));
        }
        for (String currency : new String[] {"gbp", "XXX", "EURO", "12"}) {
            user.api()
                    .contentType("application/json")
                    .body(prefs("UTC", "en", currency))
                    .put("/api/v1/users/preferences")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("request.validation_failed"))
                    .body("errors.field", hasItem("displayCurrency"));
        }
        user.api()
                .contentType("application/json")
                .body(Map.of("language", "en"))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("timeZone"));
        user.api()
                .contentType("application/json")
                .body("not json")
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));

        // nothing was changed by the refused requests
        user.api()
                .get("/api/v1/users/preferences")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo("Europe/London"))
                .body("language", equalTo("en"))
                .body("displayCurrencyIsTenantDefault", equalTo(true));
    }

    @Test
    void displayCurrencyAlone() {
        var user = Accounts.newUser("GUARDIAN");
        user.api()
                .get("/api/v1/users/currency")
                .then()
                .statusCode(200)
                .body("currency", equalTo("GBP"))
                .body("tenantDefault", equalTo(true));
        user.api()
                .contentType("application/json")
                .body(Map.of("currency", "EUR"))
                .put("/api/v1/users/currency")
                .then()
                .statusCode(200)
                .body("currency", equalTo("EUR"))
                .body("tenantDefault", equalTo(false));
        user.api()
                .get("/api/v1/users/preferences")
                .then()
                .body("displayCurrency", equalTo("EUR"))
                .body("timeZone", equalTo("Europe/London"));
        user.api()
                .contentType("application/json")
                .body(Map.of("currency", "QQQ"))
                .put("/api/v1/users/currency")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("currency"));
        user.api()
                .contentType("application/json")
                .body(Map.of())
                .put("/api/v1/users/currency")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("currency"));
        user.api().get("/api/v1/users/currency").then().body("currency", equalTo("EUR"));
    }

    @Test
    void preferencesAreOnlyEverTheCallersOwn() {
        api().get("/api/v1/users/preferences").then().statusCode(401);
        api().contentType("application/json")
                .body(prefs("UTC", "en", "GBP"))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(401);
        api().get("/api/v1/users/currency").then().statusCode(401);

        var one = Accounts.newUser("STUDENT");
        var other = Accounts.newUser("STUDENT");
        one.api()
                .contentType("application/json")
                .body(prefs("Australia/Sydney", "en-AU", "AUD"))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(200);
        other.api()
                .get("/api/v1/users/preferences")
                .then()
                .body("timeZone", equalTo("Europe/London"))
                .body("displayCurrency", equalTo("GBP"));
    }
}
