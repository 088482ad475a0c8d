package io.lyceum.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /api/v1/payments/methods} on the sandbox provider, and the service's {@code resolve} used by checkout. */
class PaymentMethodApiTests extends ApiTestBase {

    private static final String METHODS = "/api/v1/payments/methods";

    @Autowired
    PaymentMethods paymentMethods;

    @Autowired
    java.time.Clock clock;

    private static io.lyceum.testsupport.http.Response attach(SignedIn user, String token) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("paymentMethodId", token))
                .post(METHODS);
    }

    private static String attached(SignedIn user, String token) {
        return attach(user, token).then().statusCode(201).extract().path("id");
    }

    private String sandboxToken(String number, int month, int year) {
        return api().contentType("application/json")
                .body(Map.of("number", number, "expMonth", month, "expYear", year, "cvc", "123"))
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    private String providerMethodId(String id) {
        return TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql(
                        "SELECT provider_method_id FROM payment_methods WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single());
    }

    @Test
    void attachListAndDelete() {
        SignedIn student = Accounts.newUser("STUDENT");
        int year = Year.now(clock.withZone(ZoneOffset.UTC)).getValue() + 3;

        String id = attach(student, "pm_card_visa")
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("brand", equalTo("visa"))
                .body("last4", equalTo("4242"))
                .body("expMonth", equalTo(12))
                .body("expYear", equalTo(year))
                .body("funding", equalTo("credit"))
                .body("createdAt", notNullValue())
                .extract()
                .path("id");
        // every id is a UUIDv7 (issue 12: saved payment methods were v4)
        org.assertj.core.api.Assertions.assertThat(java.util.UUID.fromString(id).version())
                .isEqualTo(7);
        String second = attached(student, sandboxToken("5555555555554444", 3, 2035));

        student.api()
                .get(METHODS)
                .then()
                .statusCode(200)
                .body("content", hasSize(2))
                .body("content[0].id", equalTo(second))
                .body("content[0].brand", equalTo("mastercard"))
                .body("content[0].expMonth", equalTo(3))
                .body("content[1].id", equalTo(id))
                .body("page.totalElements", equalTo(2));
        String customer = TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql(
                        "SELECT provider_customer_id FROM payment_customers WHERE user_id = :u")
                .param("u", student.userId())
                .query(String.class)
                .single());
        assertThat(customer).startsWith("cus_");
        String providerId = providerMethodId(id);
        assertThat(jdbc.sql("SELECT customer_id FROM sandbox_payment_methods WHERE id = :id")
                        .param("id", providerId)
                        .query(String.class)
                        .single())
                .isEqualTo(customer);

        student.api().delete(METHODS + "/" + id).then().statusCode(204);

        student.api()
                .get(METHODS)
                .then()
                .statusCode(200)
                .body("content", hasSize(1))
                .body("content[0].id", equalTo(second));
        assertThat(jdbc.sql("SELECT detached_at IS NOT NULL FROM sandbox_payment_methods WHERE id = :id")
                        .param("id", providerId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        student.api()
                .delete(METHODS + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("payment_method.not_found"));
        // a detached method cannot be saved again
        attach(student, providerId)
                .then()
                .statusCode(422)
                .body("code", equalTo("payment_method.invalid"))
                .body("providerCode", equalTo("resource_missing"));
    }

    @Test
    void anySignedInRoleMaySaveMethodsButNotAnonymous() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        attached(tutor, "pm_card_mastercard");
        api().get(METHODS).then().statusCode(401);
        api().contentType("application/json")
                .body(Map.of("paymentMethodId", "pm_card_visa"))
                .post(METHODS)
                .then()
                .statusCode(401);
    }

    @Test
    void anotherUsersMethodIsNotFoundAndCannotBeTaken() {
        SignedIn owner = Accounts.newUser("STUDENT");
        SignedIn other = Accounts.newUser("STUDENT");
        String id = attached(owner, "pm_card_visa");

        other.api().delete(METHODS + "/" + id).then().statusCode(404).body("code", equalTo("payment_method.not_found"));
        other.api().get(METHODS).then().statusCode(200).body("content", hasSize(0));
        // the provider refuses a method attached to someone else's customer
        attach(other, providerMethodId(id)).then().statusCode(422).body("providerCode", equalTo("resource_missing"));
        owner.api().get(METHODS).then().body("content", hasSize(1));
    }

    @Test
    void anotherTenantsUserCannotSeeOrRemoveIt() {
        SignedIn owner = Accounts.newUser("STUDENT");
        String id = attached(owner, "pm_card_visa");
        String slug = Tenants.uniqueSlug("pm");
        SignedIn foreign = Tenants.newTenantWithOwner(slug);

        foreign.api().header("X-Tenant", slug).delete(METHODS + "/" + id).then().statusCode(404);
        foreign.api()
                .header("X-Tenant", slug)
                .get(METHODS)
                .then()
                .statusCode(200)
                .body("content", hasSize(0));
        owner.api().get(METHODS).then().body("content", hasSize(1));
    }

    @Test
    void badTokensAreRefusedWithTheProviderCode() {
        SignedIn student = Accounts.newUser("STUDENT");
        attach(student, "pm_doesNotExist")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("payment_method.invalid"))
                .body("providerCode", equalTo("resource_missing"))
                .body("detail", startsWith("No such PaymentMethod"));
        attach(student, "pm_<script>").then().statusCode(422).body("code", equalTo("payment_method.invalid"));
        student.api()
                .contentType("application/json")
                .body("{}")
                .post(METHODS)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        student.api().delete(METHODS + "/not-a-uuid").then().statusCode(400);
        student.api().get(METHODS).then().body("content", hasSize(0));
    }

    @Test
    void anExpiredCardIsRefusedAndDetached() {
        SignedIn student = Accounts.newUser("STUDENT");
        String expired = "pm_expired" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                        INSERT INTO sandbox_payment_methods (id, brand, last4, exp_month, exp_year, funding, behaviour,
                                                             created_at)
                        VALUES (:id, 'visa', '4242', 1, 2021, 'credit', 'SUCCEED', now())
                        """).param("id", expired).update();

        attach(student, expired).then().statusCode(422).body("code", equalTo("payment_method.expired"));

        assertThat(jdbc.sql("SELECT detached_at IS NOT NULL FROM sandbox_payment_methods WHERE id = :id")
                        .param("id", expired)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        student.api().get(METHODS).then().body("content", hasSize(0));
    }

    @Test
    void savingTheSameMethodTwiceReturnsTheSavedOne() {
        SignedIn student = Accounts.newUser("STUDENT");
        String token = sandboxToken("4242424242424242", 6, 2033);
        String id = attached(student, token);

        attach(student, token).then().statusCode(200).body("id", equalTo(id));
        List<Integer> statuses = Parallel.run(4, i -> attach(student, token).statusCode());

        assertThat(statuses).containsOnly(200);
        student.api().get(METHODS).then().body("content", hasSize(1));
    }

    @Test
    void atMostTwentyMethodsPerUserAlsoUnderParallelAttaches() {
        SignedIn student = Accounts.newUser("STUDENT");
        for (int i = 0; i < PaymentMethods.MAX_PER_USER - 2; i++) {
            attached(student, "pm_card_visa");
        }

        List<Integer> statuses =
                Parallel.run(5, i -> attach(student, "pm_card_visa").statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        attach(student, "pm_card_visa").then().statusCode(409).body("code", equalTo("payment_method.limit_reached"));
        student.api()
                .queryParam("size", 100)
                .get(METHODS)
                .then()
                .body("content", hasSize(PaymentMethods.MAX_PER_USER))
                .body("page.totalElements", equalTo(PaymentMethods.MAX_PER_USER));
        student.api()
                .queryParam("size", 5)
                .queryParam("page", 3)
                .get(METHODS)
                .then()
                .body("content", hasSize(5));
        // removing one frees a place
        String any = student.api().get(METHODS).then().extract().path("content[0].id");
        student.api().delete(METHODS + "/" + any).then().statusCode(204);
        attached(student, "pm_card_visa");
    }

    @Test
    void resolveAcceptsTheCallersSavedMethodOrARawToken() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn other = Accounts.newUser("STUDENT");
        String id = attached(student, "pm_card_visa");
        TenantId tenant = Tenants.idOf(jdbc, null);
        CurrentUser me = new CurrentUser(UserId.of(student.userId()), tenant, Role.STUDENT, student.sessionId());
        CurrentUser them = new CurrentUser(UserId.of(other.userId()), tenant, Role.STUDENT, other.sessionId());

        TenantContext.runAs(tenant, () -> {
            PaymentMethods.Resolved saved = paymentMethods.resolve(me, id);
            assertThat(saved.customerId()).startsWith("cus_");
            assertThat(saved.providerMethodId()).isEqualTo(providerMethodId(id));
            assertThat(paymentMethods.resolve(me, "pm_card_visa"))
                    .isEqualTo(new PaymentMethods.Resolved(null, "pm_card_visa"));
            assertThatThrownBy(() -> paymentMethods.resolve(them, id))
                    .isInstanceOfSatisfying(
                            LyceumException.class, e -> assertThat(e.code()).isEqualTo("payment_method.not_found"));
            assertThatThrownBy(
                            () -> paymentMethods.resolve(me, UUID.randomUUID().toString()))
                    .isInstanceOf(LyceumException.class);
            assertThatThrownBy(() -> paymentMethods.resolve(me, "pm bad"))
                    .isInstanceOfSatisfying(
                            LyceumException.class, e -> assertThat(e.code()).isEqualTo("payment_method.invalid"));
        });
        student.api().delete(METHODS + "/" + id).then().statusCode(204);
        TenantContext.runAs(tenant, () -> assertThatThrownBy(() -> paymentMethods.resolve(me, id))
                .isInstanceOf(LyceumException.class));
    }

    @Test
    void savedMethodsAreInThePersonalDataExport() {
        SignedIn student = Accounts.newUser("STUDENT");
        String id = attached(student, "pm_card_amex");

        student.api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.paymentMethods.savedPaymentMethods", hasSize(1))
                .body("sections.paymentMethods.savedPaymentMethods[0].id", equalTo(id))
                .body("sections.paymentMethods.savedPaymentMethods[0].last4", equalTo("0005"));
    }
}
