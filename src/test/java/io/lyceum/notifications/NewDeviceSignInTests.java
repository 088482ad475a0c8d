package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sign-in from a browser and an address the account has not used for 90 days is told to its owner. */
class NewDeviceSignInTests extends ApiTestBase {

    private static final String FIREFOX_ON_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @Test
    void aSignInFromAnUnknownBrowserAndAddressIsToldOnceAndAKnownOneIsNot() {
        SignedIn user = Accounts.newUser("STUDENT");
        // a new browser from an address the account used: known, nobody is told
        signIn(user, FIREFOX_ON_LINUX);
        assertThat(noticesPublishedFor(user)).isZero();

        // the account's earlier sessions came from elsewhere, with another browser
        TenantContext.runAs(
                Tenants.idOf(jdbc, null),
                () -> jdbc.sql("""
                        UPDATE user_sessions SET ip_address = '203.0.113.7', user_agent = 'OldBrowser/1.0'
                        WHERE user_id = :user
                        """).param("user", user.userId()).update());
        signIn(user, CHROME_ON_WINDOWS);
        assertThat(noticesPublishedFor(user)).isOne();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> feed(user).getList("content.kind").contains("security.new_device_sign_in"));
        JsonPath feed = feed(user);
        int at = feed.getList("content.kind").indexOf("security.new_device_sign_in");
        assertThat(feed.getString("content[" + at + "].body")).contains("Chrome on Windows, 127.0.0.1");
        assertThat(feed.getString("content[" + at + "].link")).isEqualTo("/account/security");
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox(user.email()).stream()
                .anyMatch(mail -> String.valueOf(mail.get("subject")).equals("New sign-in to your Lyceum account")));

        // the same browser again: known now
        signIn(user, CHROME_ON_WINDOWS);
        assertThat(noticesPublishedFor(user)).isOne();
    }

    @Test
    void theFirstSignInOfAnAccountIsNotANewDevice() {
        String email = Accounts.uniqueEmail("first");
        Accounts.register(email, "STUDENT", null);
        Accounts.verify(email, null);
        SignedIn user = Accounts.login(email, null);
        assertThat(noticesPublishedFor(user)).isZero();
    }

    private static void signIn(SignedIn user, String userAgent) {
        Http.given()
                .accept("application/json, application/problem+json")
                .header("User-Agent", userAgent)
                .contentType("application/json")
                .body(Map.of("email", user.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200);
    }

    /** New-device notices published for the user: the event is stored with the sign-in's own transaction. */
    private long noticesPublishedFor(SignedIn user) {
        return jdbc.sql("""
                        SELECT count(*) FROM event_publication
                        WHERE event_type LIKE '%SecurityNotice' AND serialized_event LIKE :user
                          AND serialized_event LIKE '%NEW_DEVICE_SIGN_IN%'
                        """)
                .param("user", "%" + user.userId() + "%")
                .query(Long.class)
                .single();
    }

    private static JsonPath feed(SignedIn user) {
        return user.api()
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Map<String, Object>> outbox(String recipient) {
        return Accounts.outbox(recipient);
    }
}
