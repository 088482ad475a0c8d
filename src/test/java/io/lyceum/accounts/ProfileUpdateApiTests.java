package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /api/v1/auth/me} changes the name and the preferences (time zone, language, display currency) in one
 * request: every field checked first, all written in one transaction or none.
 */
class ProfileUpdateApiTests extends ApiTestBase {

    private static Map<String, Object> profile(String name, String zone, String locale, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("fullName", name);
        body.put("timeZone", zone);
        body.put("locale", locale);
        body.put("displayCurrency", currency);
        return body;
    }

    @Test
    void theNameAndThePreferencesChangeTogether() {
        var user = Accounts.newUser("STUDENT");
        user.api()
                .contentType("application/json")
                .body(profile("Ada Lovelace", "America/New_York", "fr", "EUR"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Ada Lovelace"))
                .body("timeZone", equalTo("America/New_York"))
                .body("locale", equalTo("fr"))
                .body("displayCurrency", equalTo("EUR"));
        user.api()
                .get("/api/v1/users/preferences")
                .then()
                .body("timeZone", equalTo("America/New_York"))
                .body("language", equalTo("fr"))
                .body("displayCurrency", equalTo("EUR"))
                .body("displayCurrencyIsTenantDefault", equalTo(false));

        // a field left out keeps its value; an empty currency goes back to the tenant's
        user.api()
                .contentType("application/json")
                .body(Map.of("fullName", "Ada King", "displayCurrency", ""))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Ada King"))
                .body("timeZone", equalTo("America/New_York"))
                .body("locale", equalTo("fr"));
        user.api()
                .get("/api/v1/users/preferences")
                .then()
                .body("displayCurrency", equalTo("GBP"))
                .body("displayCurrencyIsTenantDefault", equalTo(true));
    }

    @Test
    void aBadPreferenceWithAGoodNameChangesNothing() {
        var user = Accounts.newUser("TUTOR");
        user.api()
                .contentType("application/json")
                .body(profile("Grace Hopper", "Asia/Tokyo", "ja", "XXX"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", containsInAnyOrder("displayCurrency"));
        // every invalid field at once
        user.api()
                .contentType("application/json")
                .body(profile("Grace Hopper", "Mars/Olympus", "xx", "ABC"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", containsInAnyOrder("timeZone", "locale", "displayCurrency"));
        // a name of blanks is no name
        user.api()
                .contentType("application/json")
                .body(profile("   ", "Asia/Tokyo", "ja", "JPY"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", containsInAnyOrder("fullName"));

        user.api()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Test tutor"))
                .body("timeZone", equalTo("Europe/London"))
                .body("locale", equalTo("en"))
                .body("displayCurrency", equalTo(null));
    }

    @Test
    void twoEditsOfDifferentFieldsAtOnceBothStay() {
        var user = Accounts.newUser("STUDENT");
        for (int round = 0; round < 3; round++) {
            String name = "Parallel " + round;
            String currency = round % 2 == 0 ? "CHF" : "USD";
            var statuses = Parallel.run(2, i -> user.api()
                    .contentType("application/json")
                    .body(i == 0 ? Map.of("fullName", name) : Map.of("displayCurrency", currency))
                    .put("/api/v1/auth/me")
                    .statusCode());
            assertThat(statuses).containsOnly(200);
            user.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .body("fullName", equalTo(name))
                    .body("displayCurrency", equalTo(currency));
        }
    }
}
