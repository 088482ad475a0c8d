package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pages over plain HTTP (no browser): the session cookies, the CSRF wall in front of page forms, the
 * Content-Security-Policy, and that a page shows what the API decides for someone who may not see or do a thing.
 */
class WebPagesTests extends ApiTestBase {

    /** Signs in through the sign-in page as a browser would and returns the cookies it was given. */
    private Map<String, String> signInThroughThePage(String email) {
        Response response = Http.given()
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("password", Accounts.PASSWORD)
                .post("/signin");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.getHeaders().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("lyceum_access=").contains("HttpOnly"))
                .anySatisfy(c -> assertThat(c).startsWith("lyceum_csrf=").doesNotContain("HttpOnly"));
        return response.getCookies();
    }

    @Test
    void theHomePageAnswersWithAStrictContentSecurityPolicyAndNoInlineScript() {
        String html = Http.given()
                .accept("text/html")
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .extract()
                .asString();
        assertThat(html).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>| style=\"| on[a-z]+=\"");
        assertThat(html).contains("<label for=\"home-q\"");
    }

    /**
     * The pages' own files and the htmx WebJar (addressed without its version) are served, found again from the
     * resource chain's cache; a file that does not exist is a 404. Pages link them as written: links are not rewritten
     * through the resource chain (WebConfiguration.resourceUrlEncodingFilter).
     */
    @Test
    void thePagesStaticFilesAndTheWebJarAreServed() {
        String home = Http.given()
                .accept("text/html")
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(home).contains("src=\"/webjars/htmx.org/dist/htmx.min.js\"").contains("href=\"/css/app.css\"");
        for (int visit = 0; visit < 2; visit++) {
            Http.given().get("/css/app.css").then().statusCode(200).contentType(containsString("text/css"));
            Http.given().get("/js/app.js").then().statusCode(200).contentType(containsString("javascript"));
            Http.given()
                    .get("/webjars/htmx.org/dist/htmx.min.js")
                    .then()
                    .statusCode(200)
                    .contentType(containsString("javascript"))
                    .body(containsString("htmx"));
        }
        Http.given().get("/css/missing.css").then().statusCode(404);
    }

    @Test
    void signingInLandsOnTheRolesHomeAndNeverFollowsALinkOffTheSite() {
        SignedIn student = Accounts.newUser("STUDENT");
        Http.given()
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", student.email())
                .formParam("password", Accounts.PASSWORD)
                .formParam("next", "//evil.example/steal")
                .post("/signin")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/lessons"));
    }

    @Test
    void aWrongPasswordIsShownOnTheSignInPage() {
        SignedIn student = Accounts.newUser("STUDENT");
        Http.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", student.email())
                .formParam("password", "not the password at all")
                .post("/signin")
                .then()
                .statusCode(200)
                .body(containsString("The email or password is wrong."));
    }

    @Test
    void aPageFormWithoutTheCsrfTokenIsRefusedAndWithItAccepted() {
        SignedIn student = Accounts.newUser("STUDENT");
        Map<String, String> cookies = signInThroughThePage(student.email());
        Http.given()
                .redirects()
                .follow(false)
                .cookies(cookies)
                .accept("application/json, application/problem+json")
                .contentType("application/x-www-form-urlencoded")
                .formParam("lang", "fr")
                .formParam("_csrf", "forged")
                .post("/language")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.csrf_failed"));
        Http.given()
                .redirects()
                .follow(false)
                .cookies(cookies)
                .contentType("application/x-www-form-urlencoded")
                .formParam("lang", "fr")
                .formParam("_csrf", cookies.get("lyceum_csrf"))
                .post("/language")
                .then()
                .statusCode(302);
    }

    /** Texts with and without arguments show an apostrophe once, in both languages (every text goes through MessageFormat). */
    @Test
    void apostrophesShowOnceWithAndWithoutArguments() {
        String french = Http.given()
                .cookie("lyceum_lang", "fr")
                .get("/signin")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // Thymeleaf writes an apostrophe as &#39;
        String once = "S&#39;inscrire";
        assertThat(french).contains(once).doesNotContain("&#39;&#39;").doesNotContain("''");
        String english = Http.given()
                .get("/no-such-page")
                .then()
                .statusCode(404)
                .body("code", equalTo("route.not_found"))
                .extract()
                .asString();
        assertThat(english).doesNotContain("&#39;&#39;").doesNotContain("''");
    }

    @Test
    void aStudentOpeningTheApprovalQueueSeesTheApisRefusal() {
        SignedIn student = Accounts.newUser("STUDENT");
        Map<String, String> cookies = signInThroughThePage(student.email());
        Http.given()
                .cookies(cookies)
                .accept("text/html")
                .get("/admin/tutors")
                .then()
                .statusCode(403)
                .body(containsString("Not allowed"));
    }

    @Test
    void someoneElsesLessonIsNotFoundAndSignedOutVisitorsAreSentToSignIn() {
        var tutor = Tutors.approved(jdbc);
        SignedIn stranger = Accounts.newUser("STUDENT");
        // a booking of another student, made through the API
        io.lyceum.testsupport.OpenSchedules.openAllWeek(
                jdbc, io.lyceum.tenancy.TenantId.DEFAULT, tutor.id(), false, 0, 0);
        SignedIn owner = Accounts.newUser("STUDENT");
        String start = api().queryParam("duration", 30)
                .get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                .then()
                .extract()
                .path("slots[0].start");
        String bookingId = owner.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId",
                        tutor.id(),
                        "subjectId",
                        tutor.subjectId(),
                        "startsAt",
                        start,
                        "durationMinutes",
                        30,
                        "trial",
                        true))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Http.given()
                .cookies(signInThroughThePage(stranger.email()))
                .accept("text/html")
                .get("/lessons/" + bookingId)
                .then()
                .statusCode(404);
        Http.given()
                .redirects()
                .follow(false)
                .accept("text/html")
                .get("/lessons/" + bookingId)
                .then()
                .statusCode(302)
                .header("Location", containsString("/signin?next=%2Flessons%2F" + bookingId));
    }
}
