package io.lyceum.accounts;

import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import org.junit.jupiter.api.Test;

/** Without configuration, Google sign-in does not exist: its routes answer 404 and nothing is started. */
class GoogleSignInDisabledTests extends ApiTestBase {

    @Test
    void googleSignInIsOffUnlessConfigured() {
        api().get("/api/v1/auth/google/login").then().statusCode(404).body("code", equalTo("auth.google_disabled"));
        api().queryParam("code", "c")
                .queryParam("state", "s")
                .get("/api/v1/auth/google/callback")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_disabled"));
        var user = Accounts.newUser("STUDENT");
        user.api()
                .contentType("application/json")
                .body(java.util.Map.of("code", "c", "state", "s"))
                .post("/api/v1/auth/google/link")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_disabled"));
        // nothing linked, so nothing to unlink; the route works regardless of configuration
        user.api()
                .delete("/api/v1/auth/google/unlink")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_not_linked"));
    }
}
