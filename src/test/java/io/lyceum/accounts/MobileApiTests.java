package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Response;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MobileApiTests extends ApiTestBase {

    private static final Pattern CODE = Pattern.compile("verification code is (\\d{6})");

    /** A number no other test uses (UK drama range +44 7700 900xxx widened with random digits). */
    static String uniqueMobile() {
        return "+447700" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** The latest SMS code sent to a number. */
    static String smsCode(String mobile) {
        String body = Accounts.request(null)
                .queryParam("recipient", mobile)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .body("content[0].channel", equalTo("SMS"))
                .extract()
                .path("content[0].body");
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as("a code in: " + body).isTrue();
        return matcher.group(1);
    }

    private static Response setMobile(Accounts.SignedIn user, String mobile) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("mobile", mobile))
                .put("/api/v1/users/me/mobile");
    }

    private static Response verify(Accounts.SignedIn user, String code) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("code", code))
                .post("/api/v1/users/me/mobile/verify");
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** Lets the resend interval pass, so the next code may go out (codes are sent at most once a minute). */
    private void allowResend() {
        testClock.advance(VerificationCodes.RESEND_AFTER.plusSeconds(1));
    }

    @Test
    void addAndVerifyAMobileNumber() {
        var user = Accounts.newUser("STUDENT");
        String mobile = uniqueMobile();

        setMobile(user, mobile)
                .then()
                .statusCode(200)
                .body("mobile", equalTo(mobile))
                .body("verified", equalTo(false))
                .body("codeExpiresAt", notNullValue());
        user.api().get("/api/v1/auth/me").then().body("mobile", equalTo(mobile)).body("mobileVerified", equalTo(false));
        String code = smsCode(mobile);

        verify(user, otherThan(code)).then().statusCode(422).body("code", equalTo("verification.invalid_code"));
        user.api().get("/api/v1/auth/me").then().body("mobileVerified", equalTo(false));

        verify(user, code)
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("verifiedAt", notNullValue());
        user.api().get("/api/v1/auth/me").then().body("mobile", equalTo(mobile)).body("mobileVerified", equalTo(true));

        // the verified number again: nothing changes, no new SMS
        setMobile(user, mobile).then().statusCode(200).body("verified", equalTo(true));
        Accounts.request(null)
                .queryParam("recipient", mobile)
                .get("/api/v1/dev/outbox")
                .then()
                .body("page.totalElements", equalTo(1));
    }

    @Test
    void numbersMustBeE164() {
        var user = Accounts.newUser("TUTOR");
        for (String bad : new String[] {
            "07700900123", "+0447700900123", "+12345", "+1234567890123456", "+44 7700 900123", "tel:+447700900123", ""
        }) {
            setMobile(user, bad)
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("request.validation_failed"))
                    .body("errors.field", hasItem("mobile"));
        }
        user.api()
                .contentType("application/json")
                .body("{}")
                .put("/api/v1/users/me/mobile")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        user.api().get("/api/v1/auth/me").then().body("mobile", nullValue());
    }

    @Test
    void changingTheNumberResetsVerificationAndOldCodesDie() {
        var user = Accounts.newUser("STUDENT");
        String first = uniqueMobile();
        setMobile(user, first).then().statusCode(200);
        verify(user, smsCode(first)).then().statusCode(200).body("verified", equalTo(true));

        // a new number within the minute: refused, and the verified number stays
        String second = uniqueMobile();
        setMobile(user, second)
                .then()
                .statusCode(429)
                .body("code", equalTo("verification.resend_too_soon"))
                .header("Retry-After", notNullValue());
        user.api().get("/api/v1/auth/me").then().body("mobile", equalTo(first)).body("mobileVerified", equalTo(true));

        allowResend();
        setMobile(user, second)
                .then()
                .statusCode(200)
                .body("mobile", equalTo(second))
                .body("verified", equalTo(false));
        String secondCode = smsCode(second);

        // the code of a number that was replaced no longer verifies anything
        allowResend();
        String third = uniqueMobile();
        setMobile(user, third).then().statusCode(200);
        verify(user, secondCode.equals(smsCode(third)) ? otherThan(secondCode) : secondCode)
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        verify(user, smsCode(third)).then().statusCode(200).body("mobile", equalTo(third));
    }

    @Test
    void resendIsThrottledAndReplacesTheCode() {
        var user = Accounts.newUser("STUDENT");
        String mobile = uniqueMobile();
        setMobile(user, mobile).then().statusCode(200);
        String first = smsCode(mobile);

        user.api()
                .post("/api/v1/users/me/mobile/resend")
                .then()
                .statusCode(429)
                .body("code", equalTo("verification.resend_too_soon"))
                .header("Retry-After", notNullValue());

        allowResend();
        user.api().post("/api/v1/users/me/mobile/resend").then().statusCode(202).body("codeExpiresAt", notNullValue());
        String second = smsCode(mobile);
        if (!second.equals(first)) {
            verify(user, first).then().statusCode(422).body("code", equalTo("verification.invalid_code"));
        }
        verify(user, second).then().statusCode(200).body("verified", equalTo(true));

        allowResend();
        user.api()
                .post("/api/v1/users/me/mobile/resend")
                .then()
                .statusCode(409)
                .body("code", equalTo("mobile.already_verified"));
    }

    @Test
    void expiredAndReplayedCodesAreRejected() {
        var user = Accounts.newUser("GUARDIAN");
        String mobile = uniqueMobile();
        setMobile(user, mobile).then().statusCode(200);
        String code = smsCode(mobile);
        testClock.advance(MobileNumbers.CODE_TTL.plusSeconds(1));
        verify(user, code).then().statusCode(422).body("code", equalTo("verification.expired"));

        allowResend();
        user.api().post("/api/v1/users/me/mobile/resend").then().statusCode(202);
        String fresh = smsCode(mobile);
        verify(user, fresh).then().statusCode(200);

        // used once; after removing and re-adding the number it does not come back to life
        user.api().delete("/api/v1/users/me/mobile").then().statusCode(204);
        allowResend();
        setMobile(user, mobile).then().statusCode(200).body("verified", equalTo(false));
        String latest = smsCode(mobile);
        if (!latest.equals(fresh)) {
            verify(user, fresh).then().statusCode(422).body("code", equalTo("verification.invalid_code"));
        }
        verify(user, latest).then().statusCode(200);
    }

    @Test
    void removingTheNumber() {
        var user = Accounts.newUser("STUDENT");
        String mobile = uniqueMobile();
        setMobile(user, mobile).then().statusCode(200);
        String code = smsCode(mobile);

        user.api().delete("/api/v1/users/me/mobile").then().statusCode(204);
        user.api().get("/api/v1/auth/me").then().body("mobile", nullValue()).body("mobileVerified", equalTo(false));
        verify(user, code).then().statusCode(409).body("code", equalTo("mobile.not_set"));
        user.api()
                .post("/api/v1/users/me/mobile/resend")
                .then()
                .statusCode(409)
                .body("code", equalTo("mobile.not_set"));
        // removing twice is fine
        user.api().delete("/api/v1/users/me/mobile").then().statusCode(204);
    }

    @Test
    void codesBelongToOneUser() {
        var owner = Accounts.newUser("STUDENT");
        var stranger = Accounts.newUser("STUDENT");
        String mobile = uniqueMobile();
        setMobile(owner, mobile).then().statusCode(200);
        String code = smsCode(mobile);

        // the stranger claims the same number but cannot verify it with the code sent for the owner
        setMobile(stranger, mobile).then().statusCode(200);
        String strangersCode = smsCode(mobile);
        if (!strangersCode.equals(code)) {
            verify(stranger, code).then().statusCode(422);
        }
        verify(owner, code).then().statusCode(200).body("verified", equalTo(true));
        owner.api().get("/api/v1/auth/me").then().body("mobileVerified", equalTo(true));
        stranger.api().get("/api/v1/auth/me").then().body("mobileVerified", equalTo(false));
    }

    @Test
    void signInRequired() {
        api().contentType("application/json")
                .body(Map.of("mobile", uniqueMobile()))
                .put("/api/v1/users/me/mobile")
                .then()
                .statusCode(401);
        api().contentType("application/json")
                .body(Map.of("code", "123456"))
                .post("/api/v1/users/me/mobile/verify")
                .then()
                .statusCode(401);
        api().delete("/api/v1/users/me/mobile").then().statusCode(401);
    }
}
