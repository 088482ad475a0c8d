package io.lyceum.tenancy;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET and PATCH /api/v1/tenants/me: a tenant's staff read its settings, its owners change them. */
class TenantSettingsApiTests extends ApiTestBase {

    private static final String ME = "/api/v1/tenants/me";

    @Test
    void ownersAndAdminsReadTheirTenantOthersDoNot() {
        String slug = Tenants.uniqueSlug("read");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", slug);

        owner.api()
                .get(ME)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("slug", equalTo(slug))
                .body("name", equalTo("Agency " + slug))
                .body("status", equalTo("ACTIVE"))
                .body("defaultCurrency", equalTo("EUR"))
                .body("timeZone", equalTo("Europe/Paris"))
                .body("settings.requireEmailVerification", equalTo(true))
                .body("version", equalTo(0));
        // the token's tenant, whatever X-Tenant says
        admin.api().header("X-Tenant", "default").get(ME).then().statusCode(200).body("slug", equalTo(slug));

        Accounts.newUser("STUDENT", slug).api().get(ME).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.newUser("TUTOR", slug).api().get(ME).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.newUser("GUARDIAN", slug).api().get(ME).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.request(slug).get(ME).then().statusCode(401);
    }

    @Test
    void onlyOwnersChangeTheTenant() {
        String slug = Tenants.uniqueSlug("edit");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", slug);

        admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Admin's Agency"))
                .patch(ME)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        Accounts.newUser("STUDENT", slug)
                .api()
                .contentType("application/json")
                .body(Map.of("name", "Student's Agency"))
                .patch(ME)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));

        owner.api()
                .contentType("application/merge-patch+json")
                .body(Map.of("name", "  Harbour Tutors ", "defaultCurrency", "USD", "timeZone", "America/New_York"))
                .patch(ME)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Harbour Tutors"))
                .body("defaultCurrency", equalTo("USD"))
                .body("timeZone", equalTo("America/New_York"))
                .body("settings.requireEmailVerification", equalTo(true))
                .body("version", equalTo(1));
        Accounts.request(slug)
                .get("/api/v1/tenants/current")
                .then()
                .body("name", equalTo("Harbour Tutors"))
                .body("defaultCurrency", equalTo("USD"));
        // nothing to change: nothing changes
        owner.api()
                .contentType("application/json")
                .body(Map.of("name", "Harbour Tutors"))
                .patch(ME)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));

        owner.api()
                .contentType("application/json")
                .body(Map.of("defaultCurrency", "XYZ", "timeZone", "Nowhere/Town", "name", ""))
                .patch(ME)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItems("defaultCurrency", "timeZone", "name"));
        owner.api()
                .contentType("application/json")
                .body(Map.of("settings", Map.of("requireEmailVerification", "maybe")))
                .patch(ME)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        owner.api().get(ME).then().body("defaultCurrency", equalTo("USD")).body("version", equalTo(1));
    }

    @Test
    void aStaleIfMatchIsRefused() {
        String slug = Tenants.uniqueSlug("etag");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        String etag = owner.api().get(ME).then().extract().header("ETag");
        owner.api()
                .header("If-Match", etag)
                .contentType("application/json")
                .body(Map.of("name", "First"))
                .patch(ME)
                .then()
                .statusCode(200);
        owner.api()
                .header("If-Match", etag)
                .contentType("application/json")
                .body(Map.of("name", "Second"))
                .patch(ME)
                .then()
                .statusCode(412)
                .body("code", equalTo("tenant.version_mismatch"));
        owner.api()
                .header("If-Match", "garbage")
                .contentType("application/json")
                .body(Map.of("name", "Third"))
                .patch(ME)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"))
                .body("errors.field", hasItem("If-Match"));
        owner.api().get(ME).then().body("name", equalTo("First"));
    }

    @Test
    void turningOffEmailVerificationLetsNewUsersSignInAtOnce() {
        String slug = Tenants.uniqueSlug("open");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        String early = Accounts.uniqueEmail("early");
        Accounts.register(early, "STUDENT", slug);
        Accounts.request(slug)
                .contentType("application/json")
                .body(Map.of("email", early, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.email_not_verified"));

        owner.api()
                .contentType("application/json")
                .body(Map.of("settings", Map.of("requireEmailVerification", false)))
                .patch(ME)
                .then()
                .statusCode(200)
                .body("settings.requireEmailVerification", equalTo(false))
                .body("name", equalTo("Agency " + slug));
        Accounts.login(early, slug); // 200, still unverified
        // other tenants keep requiring it
        String elsewhere = Accounts.uniqueEmail("elsewhere");
        Accounts.register(elsewhere, "STUDENT", null);
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", elsewhere, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.email_not_verified"));
    }
}
