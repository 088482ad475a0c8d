package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FavoritesAndPhotoApiTests extends ApiTestBase {

    private static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private static byte[] png() throws IOException {
        var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private String subject(SignedIn admin) {
        return Tutors.subject(admin);
    }

    /** A tutor with a complete profile, submitted; approved when asked. */
    private SignedIn tutor(SignedIn admin, String subjectId, boolean approve) {
        SignedIn tutor = Tutors.submitted(subjectId, "Europe/London");
        if (approve) {
            Tutors.approve(admin, tutor);
        }
        return tutor;
    }

    private static Map<String, Object> fav(SignedIn tutor) {
        return Map.of("tutorId", tutor.userId().toString());
    }

    @Test
    void studentsAndGuardiansKeepFavoritesOfApprovedTutors() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String subject = subject(admin);
        SignedIn approved = tutor(admin, subject, true);
        SignedIn second = tutor(admin, subject, true);
        SignedIn submitted = tutor(admin, subject, false);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn guardian = Accounts.newUser("GUARDIAN");

        // first add is 201, the second 200 (idempotent), and only one row exists
        student.api()
                .contentType("application/json")
                .body(fav(approved))
                .post("/api/v1/favorites")
                .then()
                .statusCode(201)
                .body("tutorId", equalTo(approved.userId().toString()))
                .body("tutor.headline", equalTo("Patient tutor"))
                .body("tutor.priceFrom.amount", equalTo(3000));
        student.api()
                .contentType("application/json")
                .body(fav(approved))
                .post("/api/v1/favorites")
                .then()
                .statusCode(200)
                .body("tutorId", equalTo(approved.userId().toString()));
        student.api()
                .contentType("application/json")
                .body(fav(second))
                .post("/api/v1/favorites")
                .then()
                .statusCode(201);
        student.api()
                .get("/api/v1/favorites")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(2))
                .body("content[0].tutorId", equalTo(second.userId().toString()))
                .body("content.tutorId", hasItem(approved.userId().toString()));
        student.api().get("/api/v1/favorites/" + approved.userId()).then().statusCode(200);

        // a guardian has their own list
        guardian.api().get("/api/v1/favorites").then().statusCode(200).body("page.totalElements", equalTo(0));
        guardian.api()
                .get("/api/v1/favorites/" + approved.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("favorite.not_found"));
        guardian.api()
                .contentType("application/json")
                .body(fav(approved))
                .post("/api/v1/favorites")
                .then()
                .statusCode(201);

        // an unapproved tutor, an unknown id and a non-tutor are 404; a missing id is 422
        student.api()
                .contentType("application/json")
                .body(fav(submitted))
                .post("/api/v1/favorites")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        student.api()
                .contentType("application/json")
                .body(Map.of("tutorId", UUID.randomUUID().toString()))
                .post("/api/v1/favorites")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        student.api()
                .contentType("application/json")
                .body(fav(guardian))
                .post("/api/v1/favorites")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        student.api()
                .contentType("application/json")
                .body(Map.of())
                .post("/api/v1/favorites")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));

        // other roles are refused
        for (SignedIn other : List.of(approved, admin)) {
            other.api().get("/api/v1/favorites").then().statusCode(403).body("code", equalTo("auth.forbidden"));
            other.api()
                    .contentType("application/json")
                    .body(fav(second))
                    .post("/api/v1/favorites")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
        }
        api().get("/api/v1/favorites").then().statusCode(401);

        // a suspended tutor disappears from the list and comes back when reinstated
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "complaint"))
                .post("/api/v1/admin/tutors/" + second.userId() + "/suspend")
                .then()
                .statusCode(200);
        student.api()
                .get("/api/v1/favorites")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content.tutorId", not(hasItem(second.userId().toString())));
        student.api()
                .get("/api/v1/favorites/" + second.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("favorite.not_found"));
        admin.api()
                .post("/api/v1/admin/tutors/" + second.userId() + "/reinstate")
                .then()
                .statusCode(200);
        student.api().get("/api/v1/favorites").then().body("page.totalElements", equalTo(2));

        // delete: 204, then 404; the guardian's favorite is untouched
        student.api().delete("/api/v1/favorites/" + approved.userId()).then().statusCode(204);
        student.api()
                .delete("/api/v1/favorites/" + approved.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("favorite.not_found"));
        student.api()
                .get("/api/v1/favorites/" + approved.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("favorite.not_found"));
        guardian.api().get("/api/v1/favorites/" + approved.userId()).then().statusCode(200);
        assertThat(jdbc.sql("SELECT count(*) FROM favorites WHERE tutor_id = :t")
                        .param("t", approved.userId())
                        .query(Long.class)
                        .single())
                .as("RLS hides rows without a tenant bound")
                .isZero();
    }

    @Test
    void anotherTenantsTutorIsNotFound() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn approved = tutor(admin, subject(admin), true);
        SignedIn student = Accounts.newUser("STUDENT");
        student.api()
                .contentType("application/json")
                .body(fav(approved))
                .post("/api/v1/favorites")
                .then()
                .statusCode(201);

        String slug = Tenants.uniqueSlug("fav");
        Tenants.newTenantWithOwner(slug);
        SignedIn stranger = Accounts.newUser("STUDENT", slug);
        stranger.api()
                .contentType("application/json")
                .body(fav(approved))
                .post("/api/v1/favorites")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        stranger.api()
                .get("/api/v1/favorites/" + approved.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("favorite.not_found"));
        stranger.api()
                .delete("/api/v1/favorites/" + approved.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("favorite.not_found"));
        stranger.api().get("/api/v1/favorites").then().statusCode(200).body("page.totalElements", equalTo(0));
        student.api().get("/api/v1/favorites/" + approved.userId()).then().statusCode(200);
    }

    @Test
    void tutorsUploadAPhotoThatIsPublicOnceApproved() throws IOException {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String subject = subject(admin);
        SignedIn tutor = tutor(admin, subject, false);
        byte[] png = png();

        String url = tutor.api()
                .multiPart("file", "me.png", png, "image/png")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("image/png"))
                .body("size", org.hamcrest.Matchers.greaterThan(0))
                .extract()
                .path("url");
        assertThat(url).isEqualTo("/api/v1/tutors/" + tutor.userId() + "/photo");

        // not public before approval
        api().get(url).then().statusCode(404).body("code", equalTo("tutor.not_found"));
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(200);
        byte[] served = api().get(url)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .header("Cache-Control", equalTo("max-age=300, public"))
                .extract()
                .asByteArray();
        assertThat(pixels(served)).isEqualTo(pixels(png)); // re-encoded on upload: same pixels, no metadata
        String etag = api().get(url).then().extract().header("ETag");
        assertThat(etag).isNotBlank();
        api().header("If-None-Match", etag).get(url).then().statusCode(304);

        // the favorites summary carries the photo URL
        SignedIn student = Accounts.newUser("STUDENT");
        student.api()
                .contentType("application/json")
                .body(fav(tutor))
                .post("/api/v1/favorites")
                .then()
                .statusCode(201)
                .body("tutor.photoUrl", equalTo(url));

        // replacing with a WebP changes the content and the ETag; type is detected from bytes, not the name
        tutor.api()
                .multiPart("file", "me.png", WEBP, "image/png")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("image/webp"));
        api().get(url).then().statusCode(200).contentType("image/webp").header("ETag", not(equalTo(etag)));

        // wrong types and sizes
        tutor.api()
                .multiPart("file", "fake.png", "not an image at all".getBytes(StandardCharsets.UTF_8), "image/png")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(422)
                .body("code", equalTo("photo.unsupported_type"));
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 0};
        tutor.api()
                .multiPart("file", "a.gif", gif, "image/gif")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(422)
                .body("code", equalTo("photo.unsupported_type"));
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(png, 0, huge, 0, png.length);
        tutor.api()
                .multiPart("file", "huge.png", huge, "image/png")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(413)
                .body("code", equalTo("photo.too_large"));
        tutor.api()
                .contentType("multipart/form-data")
                .multiPart("other", "x")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        api().get(url).then().statusCode(200).contentType("image/webp");

        // only tutors upload
        student.api()
                .multiPart("file", "me.png", png, "image/png")
                .put("/api/v1/tutors/me/photo")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));

        // a suspended tutor's photo is hidden
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "check"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/suspend")
                .then()
                .statusCode(200);
        api().get(url).then().statusCode(404).body("code", equalTo("tutor.not_found"));
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/reinstate")
                .then()
                .statusCode(200);

        // another tenant does not see it
        String slug = Tenants.uniqueSlug("photo");
        SignedIn otherOwner = Tenants.newTenantWithOwner(slug);
        otherOwner.api().get(url).then().statusCode(404).body("code", equalTo("tutor.not_found"));

        // delete: gone, and the summary no longer carries a URL
        tutor.api().delete("/api/v1/tutors/me/photo").then().statusCode(204);
        tutor.api().delete("/api/v1/tutors/me/photo").then().statusCode(204);
        api().get(url).then().statusCode(404).body("code", equalTo("photo.not_found"));
        student.api()
                .get("/api/v1/favorites/" + tutor.userId())
                .then()
                .statusCode(200)
                .body("tutor.photoUrl", nullValue());
    }

    private static int[] pixels(byte[] image) {
        try {
            var decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(image));
            return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
