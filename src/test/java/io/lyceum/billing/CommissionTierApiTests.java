package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.lyceum.billing.ledger.CommissionSchedule;
import io.lyceum.billing.ledger.Ledger.AppliedCommission;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The owner's commission tiers: defaults, replacement, validation, versions, roles, tenants and the audit log. */
class CommissionTierApiTests extends ApiTestBase {

    static final String TIERS = "/api/v1/owner/commission-tiers";

    @Autowired
    CommissionSchedule schedule;

    /** A new tenant and its owner: changes never touch the tiers other tests rely on. */
    private record Agency(String slug, SignedIn owner) {}

    private static Agency agency() {
        String slug = Tenants.uniqueSlug("comm");
        return new Agency(slug, Tenants.newTenantWithOwner(slug));
    }

    private static Map<String, Object> tier(String name, int hours, Object percent, Integer bps) {
        Map<String, Object> tier = new java.util.HashMap<>();
        tier.put("name", name);
        tier.put("minHours", hours);
        if (percent != null) {
            tier.put("ratePercent", percent);
        }
        if (bps != null) {
            tier.put("rateBps", bps);
        }
        return tier;
    }

    private static Map<String, Object> body(List<Map<String, Object>> tiers, Integer trialBps) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("tiers", tiers);
        if (trialBps != null) {
            body.put("trialRateBps", trialBps);
        }
        return body;
    }

    private static Map<String, Object> valid() {
        return body(
                List.of(tier("Bronze", 0, 30.0, null), tier("Silver", 10, null, 2500), tier("Gold", 40, 12.5, null)),
                5000);
    }

    @Test
    void anOwnerSeesTheDefaultsUntilConfiguring() {
        Agency agency = agency();
        agency.owner()
                .api()
                .get(TIERS)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("configured", org.hamcrest.Matchers.is(false))
                .body("tiers.minHours", org.hamcrest.Matchers.contains(0, 20, 50, 100, 200))
                .body("tiers.rateBps", org.hamcrest.Matchers.contains(3300, 2800, 2500, 2200, 1800))
                .body("tiers[0].ratePercent", org.hamcrest.Matchers.equalTo(33.0f))
                .body("trialRateBps", org.hamcrest.Matchers.is(10000));
    }

    @Test
    void theOwnerReplacesTheTiersAndTheyApplyToNewEarnings() {
        Agency agency = agency();
        agency.owner()
                .api()
                .contentType("application/json")
                .body(valid())
                .put(TIERS)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("configured", org.hamcrest.Matchers.is(true))
                .body("version", org.hamcrest.Matchers.is(1))
                .body("tiers.name", org.hamcrest.Matchers.contains("Bronze", "Silver", "Gold"))
                .body("tiers.rateBps", org.hamcrest.Matchers.contains(3000, 2500, 1250))
                .body("trialRateBps", org.hamcrest.Matchers.is(5000));
        agency.owner()
                .api()
                .get(TIERS)
                .then()
                .statusCode(200)
                .body("tiers[2].ratePercent", org.hamcrest.Matchers.equalTo(12.5f));

        var tenant = Tenants.idOf(jdbc, agency.slug());
        UUID tutor = UUID.randomUUID();
        TenantContext.runAs(tenant, () -> {
            assertThat(schedule.rateFor(tutor, false, Instant.now())).isEqualTo(new AppliedCommission("Bronze", 3000));
            assertThat(schedule.rateFor(tutor, true, Instant.now())).isEqualTo(new AppliedCommission("Trial", 5000));
            assertThat(jdbc.sql("SELECT count(*) FROM commission_history")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        });
        // the change is in the admin module's audit log
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TenantContext.callAs(tenant, () -> jdbc.sql(
                                        "SELECT count(*) FROM audit_log WHERE action = 'COMMISSION_TIERS_UPDATED'")
                                .query(Long.class)
                                .single())
                        == 1);
        // another tenant still has the defaults
        agency().owner().api().get(TIERS).then().statusCode(200).body("configured", org.hamcrest.Matchers.is(false));
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        Agency agency = agency();
        agency.owner()
                .api()
                .contentType("application/json")
                .header("If-Match", "\"0\"")
                .body(valid())
                .put(TIERS)
                .then()
                .statusCode(200);
        // a second writer still holding version 0
        agency.owner()
                .api()
                .contentType("application/json")
                .header("If-Match", "\"0\"")
                .body(valid())
                .put(TIERS)
                .then()
                .statusCode(412)
                .body("code", org.hamcrest.Matchers.is("commission.version_mismatch"));
        agency.owner()
                .api()
                .contentType("application/json")
                .header("If-Match", "not-a-version")
                .body(valid())
                .put(TIERS)
                .then()
                .statusCode(400);
        // without If-Match the omitted trial rate keeps its value
        Map<String, Object> noTrial = body(List.of(tier("Only", 0, 20, null)), null);
        agency.owner()
                .api()
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(noTrial)
                .put(TIERS)
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.is(2))
                .body("trialRateBps", org.hamcrest.Matchers.is(5000));
    }

    @Test
    void invalidTiersAreRefusedWithTheirFields() {
        Agency agency = agency();
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {body(List.of(tier("A", 5, 30, null)), null), "tiers[0].minHours"});
        cases.add(new Object[] {body(List.of(tier("A", 0, 30, null), tier("B", 0, 20, null)), null), "tiers[1].minHours"
        });
        cases.add(new Object[] {
            body(List.of(tier("A", 0, 30, null), tier("B", 20, 20, null), tier("C", 10, 10, null)), null),
            "tiers[2].minHours"
        });
        cases.add(new Object[] {body(List.of(tier("A", 0, 100.5, null)), null), "tiers[0].rate"});
        cases.add(new Object[] {body(List.of(tier("A", 0, null, -1)), null), "tiers[0].rate"});
        cases.add(new Object[] {body(List.of(tier("A", 0, 33.333, null)), null), "tiers[0].rate"});
        cases.add(new Object[] {body(List.of(tier("A", 0, 30, 2000)), null), "tiers[0].rate"});
        cases.add(new Object[] {body(List.of(tier("A", 0, null, null)), null), "tiers[0].rate"});
        cases.add(new Object[] {body(List.of(tier(" ", 0, 30, null)), null), "tiers[0].name"});
        cases.add(new Object[] {
            body(List.of(tier("Same", 0, 30, null), tier("same", 10, 20, null)), null), "tiers[1].name"
        });
        cases.add(new Object[] {body(List.of(tier("A", 0, 30, null)), 10001), "trialRate"});
        for (Object[] c : cases) {
            agency.owner()
                    .api()
                    .contentType("application/json")
                    .body(c[0])
                    .put(TIERS)
                    .then()
                    .statusCode(422)
                    .body("code", org.hamcrest.Matchers.is("commission.invalid_tiers"))
                    .body("errors.field", hasItem(c[1]));
        }
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(tier("T" + i, i, 10, null));
        }
        agency.owner()
                .api()
                .contentType("application/json")
                .body(body(many, null))
                .put(TIERS)
                .then()
                .statusCode(422);
        agency.owner()
                .api()
                .contentType("application/json")
                .body(Map.of("tiers", List.of()))
                .put(TIERS)
                .then()
                .statusCode(422);
        agency.owner()
                .api()
                .contentType("application/json")
                .body("{\"tiers\": [")
                .put(TIERS)
                .then()
                .statusCode(400);
        // nothing was stored
        agency.owner().api().get(TIERS).then().statusCode(200).body("version", org.hamcrest.Matchers.is(0));
    }

    @Test
    void everyProblemOfARequestIsReportedAtOnce() {
        Agency agency = agency();
        agency.owner()
                .api()
                .contentType("application/json")
                .body(body(
                        List.of(tier("A", 5, 100.5, null), tier(" ", 3, 30, null), tier("C", 10, null, null)), 10001))
                .put(TIERS)
                .then()
                .statusCode(422)
                .body("code", org.hamcrest.Matchers.is("commission.invalid_tiers"))
                .body(
                        "errors.field",
                        hasItems(
                                "tiers[0].minHours",
                                "tiers[0].rate",
                                "tiers[1].name",
                                "tiers[1].minHours",
                                "tiers[2].rate",
                                "trialRate"));
        agency.owner().api().get(TIERS).then().statusCode(200).body("version", org.hamcrest.Matchers.is(0));
    }

    @Test
    void onlyTheOwnerMayReadOrChangeTheTiers() {
        Agency agency = agency();
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", agency.slug());
        SignedIn tutor = Accounts.newUser("TUTOR", agency.slug());
        SignedIn student = Accounts.newUser("STUDENT", agency.slug());
        for (SignedIn who : List.of(admin, tutor, student)) {
            who.api().get(TIERS).then().statusCode(403);
            who.api()
                    .contentType("application/json")
                    .body(valid())
                    .put(TIERS)
                    .then()
                    .statusCode(403);
        }
        api().get(TIERS).then().statusCode(401);
        agency.owner().api().get(TIERS).then().statusCode(200).body("version", org.hamcrest.Matchers.is(0));
        // the owner's token works only in their own tenant: the default tenant's tiers are never touched
        assertThat(Tenants.idOf(jdbc, agency.slug())).isNotEqualTo(Tenants.idOf(jdbc, null));
    }

    @Test
    void theOpenApiDocumentDescribesTheRoutes() {
        assertThat(ApiDocument.jsonPath().getMap("paths").keySet())
                .contains(
                        TIERS,
                        "/api/v1/wallet/balance",
                        "/api/v1/wallet/transactions",
                        "/api/v1/wallet/withdraw",
                        "/api/v1/wallet/withdrawals",
                        "/api/v1/wallet/payout-account",
                        "/api/v1/admin/payments/reconciliation");
    }
}
