package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.platform.FileStorage;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AvatarApiTests extends ApiTestBase {

    private static final String OTHER_TENANT = "avatar-elsewhere";

    @Autowired
    FileStorage storage;

    @BeforeEach
    void otherTenant() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, :slug, 'Elsewhere Tutors', 'ACTIVE', 'EUR', 'Europe/Paris', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).param("id", UUID.randomUUID()).param("slug", OTHER_TENANT).update();
    }

    private static Response upload(Accounts.SignedIn user, String fileName, byte[] content, String declaredType) {
        return user.api().multiPart("file", fileName, content, declaredType).put("/api/v1/users/me/avatar");
    }

    private Response fetch(UUID userId) {
        return api().get("/api/v1/users/" + userId + "/avatar");
    }

    private String storedKey(UUID userId, TenantId tenant) {
        return TenantContext.callAs(tenant, () -> jdbc.sql("SELECT storage_key FROM user_avatars WHERE user_id = :u")
                .param("u", userId)
                .query(String.class)
                .optional()
                .orElse(null));
    }

    private static String keyOf(UUID avatarId, TenantId tenant, String extension) {
        return "avatars/" + tenant.value() + "/" + avatarId + "." + extension;
    }

    @Test
    void uploadFetchReplaceAndDelete() throws Exception {
        var user = Accounts.newUser("STUDENT");
        byte[] red = TestImages.png(Color.RED);

        var first = upload(user, "me.png", red, "image/png")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("image/png"))
                .body("size", org.hamcrest.Matchers.greaterThan(0))
                .body("url", equalTo("/api/v1/users/" + user.userId() + "/avatar"))
                .extract()
                .jsonPath();
        String firstKey = storedKey(user.userId(), TenantId.DEFAULT);
        assertThat(firstKey).isEqualTo(keyOf(UUID.fromString(first.getString("id")), TenantId.DEFAULT, "png"));

        // anyone in the tenant may fetch it, signed in or not
        var fetched = fetch(user.userId())
                .then()
                .statusCode(200)
                .contentType("image/png")
                .header("Cache-Control", startsWith("max-age=300"))
                .header("X-Content-Type-Options", "nosniff")
                .extract();
        assertThat(TestImages.pixels(fetched.asByteArray())).isEqualTo(TestImages.pixels(red));
        String etag = fetched.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        api().header("If-None-Match", etag)
                .get("/api/v1/users/" + user.userId() + "/avatar")
                .then()
                .statusCode(304)
                .header("ETag", etag);
        Accounts.newUser("TUTOR")
                .api()
                .get("/api/v1/users/" + user.userId() + "/avatar")
                .then()
                .statusCode(200)
                .contentType("image/png");

        // a JPEG declared as PNG is served as what it is
        byte[] jpeg = TestImages.jpeg();
        upload(user, "photo.png", jpeg, "image/png").then().statusCode(200).body("contentType", equalTo("image/jpeg"));
        var replaced = fetch(user.userId())
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .extract();
        assertThat(TestImages.dimensions(replaced.asByteArray())).isEqualTo(TestImages.dimensions(jpeg));
        assertThat(replaced.header("ETag")).isNotEqualTo(etag);
        // the stale ETag no longer matches, and the replaced image is gone from storage
        api().header("If-None-Match", etag)
                .get("/api/v1/users/" + user.userId() + "/avatar")
                .then()
                .statusCode(200);
        assertThat(storage.get(firstKey)).isEmpty();
        String secondKey = storedKey(user.userId(), TenantId.DEFAULT);
        assertThat(storage.get(secondKey).map(this::close)).isPresent();

        user.api().delete("/api/v1/users/me/avatar").then().statusCode(204);
        fetch(user.userId())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("avatar.not_found"));
        assertThat(storage.get(secondKey)).isEmpty();
        assertThat(storedKey(user.userId(), TenantId.DEFAULT)).isNull();
        // deleting again is fine
        user.api().delete("/api/v1/users/me/avatar").then().statusCode(204);
    }

    @Test
    void acceptsWebpAndGif() {
        var user = Accounts.newUser("TUTOR");
        upload(user, "a.webp", TestImages.WEBP, "image/webp")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("image/webp"));
        fetch(user.userId()).then().statusCode(200).contentType("image/webp");
        upload(user, "a.gif", TestImages.gif(), "application/octet-stream")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("image/gif"));
        fetch(user.userId()).then().statusCode(200).contentType("image/gif");
    }

    @Test
    void refusesFilesThatAreNotImagesWhateverTheirNameOrDeclaredType() {
        var user = Accounts.newUser("STUDENT");
        byte[] good = TestImages.png(Color.GREEN);
        upload(user, "good.png", good, "image/png").then().statusCode(200);

        byte[] text = "I am a text file pretending to be a picture.".getBytes(StandardCharsets.UTF_8);
        upload(user, "avatar.png", text, "image/png")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("avatar.unsupported_type"))
                .body("errors[0].field", equalTo("file"));
        upload(user, "avatar.txt", text, "text/plain")
                .then()
                .statusCode(422)
                .body("code", equalTo("avatar.unsupported_type"));
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        upload(user, "avatar.svg", svg, "image/svg+xml")
                .then()
                .statusCode(422)
                .body("code", equalTo("avatar.unsupported_type"));
        upload(user, "empty.png", new byte[0], "image/png")
                .then()
                .statusCode(422)
                .body("code", equalTo("avatar.unsupported_type"));

        // no file part, or no multipart at all
        user.api()
                .multiPart("picture", "x.png", good, "image/png")
                .put("/api/v1/users/me/avatar")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("file"));
        user.api()
                .contentType("application/json")
                .body("{}")
                .put("/api/v1/users/me/avatar")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");

        // the refused uploads left the earlier avatar in place
        assertThat(TestImages.pixels(
                        fetch(user.userId()).then().statusCode(200).extract().asByteArray()))
                .isEqualTo(TestImages.pixels(good));
    }

    @Test
    void tooLargeIsA413ProblemNotAServerError() {
        var user = Accounts.newUser("STUDENT");
        byte[] big = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(big);
        byte[] png = TestImages.png(Color.RED);
        System.arraycopy(png, 0, big, 0, png.length); // looks like a PNG: only the size is wrong
        upload(user, "huge.png", big, "image/png")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("avatar.too_large"));
        fetch(user.userId()).then().statusCode(404);

        // beyond the server's multipart limit (25 MB) the request is refused before it reaches the avatar code,
        // still as a problem
        upload(user, "enormous.png", java.util.Arrays.copyOf(png, 26 * 1024 * 1024), "image/png")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("request.too_large"));

        byte[] justOver = java.util.Arrays.copyOf(png, (int) AvatarService.MAX_BYTES + 1);
        upload(user, "over.png", justOver, "image/png")
                .then()
                .statusCode(413)
                .body("code", equalTo("avatar.too_large"));
        byte[] atLimit = java.util.Arrays.copyOf(png, (int) AvatarService.MAX_BYTES);
        upload(user, "limit.png", atLimit, "image/png").then().statusCode(200);
    }

    @Test
    void avatarsStayInTheirTenant() {
        var elsewhere = Accounts.newUser("TUTOR", OTHER_TENANT);
        upload(elsewhere, "me.png", TestImages.png(Color.BLUE), "image/png")
                .then()
                .statusCode(200);
        Accounts.request(OTHER_TENANT)
                .get("/api/v1/users/" + elsewhere.userId() + "/avatar")
                .then()
                .statusCode(200)
                .contentType("image/png");

        // from the default tenant the user does not exist, signed in or not
        fetch(elsewhere.userId()).then().statusCode(404).body("code", equalTo("avatar.not_found"));
        Accounts.newUser("STUDENT")
                .api()
                .get("/api/v1/users/" + elsewhere.userId() + "/avatar")
                .then()
                .statusCode(404)
                .body("code", equalTo("avatar.not_found"));
        String key = storedKey(elsewhere.userId(), tenantId(OTHER_TENANT));
        assertThat(key).startsWith("avatars/" + tenantId(OTHER_TENANT).value() + "/");
    }

    @Test
    void uploadingAndDeletingNeedSignIn() {
        Http.given()
                .multiPart("file", "a.png", TestImages.png(Color.RED), "image/png")
                .put("/api/v1/users/me/avatar")
                .then()
                .statusCode(401);
        api().delete("/api/v1/users/me/avatar").then().statusCode(401);
        fetch(UUID.randomUUID()).then().statusCode(404).body("code", equalTo("avatar.not_found"));
        api().get("/api/v1/users/not-a-uuid/avatar")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
    }

    @Test
    void parallelUploadsLeaveExactlyOneImage() throws Exception {
        var user = Accounts.newUser("STUDENT");
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.BLACK, Color.WHITE, Color.CYAN};
        var executor = Executors.newFixedThreadPool(colors.length);
        List<Future<Response>> responses = new ArrayList<>();
        try {
            for (Color color : colors) {
                responses.add(executor.submit(
                        (Callable<Response>) () -> upload(user, "p.png", TestImages.png(color), "image/png")));
            }
            List<UUID> ids = new ArrayList<>();
            for (var response : responses) {
                var done = response.get();
                assertThat(done.statusCode()).isEqualTo(200);
                ids.add(UUID.fromString(done.jsonPath().getString("id")));
            }
            String current = storedKey(user.userId(), TenantId.DEFAULT);
            long present = ids.stream()
                    .map(id -> keyOf(id, TenantId.DEFAULT, "png"))
                    .filter(key -> storage.get(key).map(this::close).isPresent())
                    .count();
            assertThat(present).isEqualTo(1);
            assertThat(storage.get(current).map(this::close)).isPresent();
        } finally {
            executor.shutdown();
        }
    }

    private boolean close(FileStorage.StoredContent content) {
        try {
            content.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return true;
    }

    private TenantId tenantId(String slug) {
        return new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = :slug")
                .param("slug", slug)
                .query(UUID.class)
                .single());
    }
}
