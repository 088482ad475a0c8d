package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The cancellation and reschedule policy: the tenant's, tutors' overrides, and their effect on bookings. */
class BookingPolicyApiTests extends BookingTestBase {

    private static final String TENANT_POLICY = "/api/v1/admin/scheduling/policy";
    private static final String MY_POLICY = "/api/v1/tutors/me/cancellation-policy";

    @Autowired
    RecordedBookingEvents recorded;

    private static Map<String, Object> policy(Integer free, Integer fee, Integer until, Integer max) {
        Map<String, Object> body = new HashMap<>();
        body.put("freeCancellationHours", free);
        body.put("lateFeePercent", fee);
        body.put("rescheduleUntilHours", until);
        body.put("maxReschedules", max);
        return body;
    }

    private static io.lyceum.testsupport.http.Response put(SignedIn who, String path, Object body) {
        return who.api().contentType("application/json").body(body).put(path);
    }

    @Test
    void aTenantsAdminsSetItsPolicyAndItsTutorsOverrideIt() {
        String slug = Tenants.uniqueSlug("policy");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        SignedIn tutor = Accounts.newUser("TUTOR", slug);
        SignedIn student = Accounts.newUser("STUDENT", slug);

        owner.api()
                .get(TENANT_POLICY)
                .then()
                .statusCode(200)
                .body("freeCancellationHours", equalTo(24))
                .body("lateFeePercent", equalTo(50))
                .body("rescheduleUntilHours", equalTo(12))
                .body("maxReschedules", equalTo(2));
        student.api().get(TENANT_POLICY).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        put(tutor, TENANT_POLICY, policy(1, 1, 1, 1)).then().statusCode(403);
        put(owner, TENANT_POLICY, policy(48, 150, 6, null))
                .then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("lateFeePercent", "maxReschedules"));
        put(owner, TENANT_POLICY, policy(48, 25, 6, 1))
                .then()
                .statusCode(200)
                .body("freeCancellationHours", equalTo(48));
        owner.api()
                .get(TENANT_POLICY)
                .then()
                .body("lateFeePercent", equalTo(25))
                .body("maxReschedules", equalTo(1));

        tutor.api()
                .get(MY_POLICY)
                .then()
                .statusCode(200)
                .body("overrides.freeCancellationHours", nullValue())
                .body("effective.freeCancellationHours", equalTo(48))
                .body("effective.lateFeePercent", equalTo(25));
        put(tutor, MY_POLICY, policy(72, null, null, 5))
                .then()
                .statusCode(200)
                .body("overrides.freeCancellationHours", equalTo(72))
                .body("overrides.lateFeePercent", nullValue())
                .body("effective.freeCancellationHours", equalTo(72))
                .body("effective.lateFeePercent", equalTo(25))
                .body("effective.maxReschedules", equalTo(5));
        put(tutor, MY_POLICY, policy(null, 101, null, null))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("lateFeePercent"));
        put(tutor, MY_POLICY, policy(null, null, null, null))
                .then()
                .statusCode(200)
                .body("effective.freeCancellationHours", equalTo(48));
        student.api().get(MY_POLICY).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        put(student, MY_POLICY, policy(1, 1, 1, 1)).then().statusCode(403);

        // the default tenant still has the defaults
        Tenants.newStaff(jdbc, "ADMIN", null)
                .api()
                .get(TENANT_POLICY)
                .then()
                .body("freeCancellationHours", equalTo(24));
    }

    @Test
    void aTutorsTermsApplyToTheirBookingsAndStayWithABookingWhenTheyChange() {
        Tutor tutor = tutor();
        put(tutor.user(), MY_POLICY, policy(48, 100, 1, 0)).then().statusCode(200);
        SignedIn student = student();
        Instant strictStart = slot();
        UUID strict = paid(student, tutor, strictStart);
        student.api()
                .get(BOOKINGS + "/" + strict)
                .then()
                .body("cancellationPolicy.freeCancellationHours", equalTo(48))
                .body("cancellationPolicy.lateFeePercent", equalTo(100))
                .body("reschedulesLeft", equalTo(0));
        post(student, BOOKINGS + "/" + strict + "/reschedule", Map.of("startsAt", slot().toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.reschedule_limit_reached"));

        // the tutor relaxes the terms: bookings made before keep theirs
        put(tutor.user(), MY_POLICY, policy(null, null, null, null)).then().statusCode(200);
        UUID relaxed = paid(student, tutor, strictStart.plus(Duration.ofHours(2)));
        // 30 hours before the strict one (inside its 48 free hours), 32 before the relaxed one (outside its 24)
        testClock.advanceTo(strictStart.minus(Duration.ofHours(30)));

        post(student, BOOKINGS + "/" + strict + "/cancel", Map.of("reason", "r"))
                .then()
                .statusCode(200);
        post(student, BOOKINGS + "/" + relaxed + "/cancel", Map.of("reason", "r"))
                .then()
                .statusCode(200);
        assertThat(recorded.of(BookingCancelled.class, strict).getFirst().decision())
                .satisfies(d -> {
                    assertThat(d.rule()).isEqualTo("LATE_CANCELLATION");
                    assertThat(d.refund().amount()).isZero();
                    assertThat(d.fee().amount()).isEqualTo(3000);
                });
        assertThat(recorded.of(BookingCancelled.class, relaxed)
                        .getFirst()
                        .decision()
                        .rule())
                .isEqualTo("FREE_CANCELLATION");
    }

    @Test
    void anyoneMayReadAnApprovedTutorsTerms() {
        Tutor tutor = tutor();
        put(tutor.user(), MY_POLICY, policy(6, null, null, null)).then().statusCode(200);
        Accounts.request(null)
                .get("/api/v1/tutors/" + tutor.id() + "/cancellation-terms")
                .then()
                .statusCode(200)
                .body("freeCancellationHours", equalTo(6))
                .body("lateFeePercent", equalTo(50));
        Accounts.request(null)
                .get("/api/v1/tutors/" + UUID.randomUUID() + "/cancellation-terms")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.tutor_unavailable"));
        SignedIn unapproved = Accounts.newUser("TUTOR");
        Accounts.request(null)
                .get("/api/v1/tutors/" + unapproved.userId() + "/cancellation-terms")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.tutor_unavailable"));
    }
}
