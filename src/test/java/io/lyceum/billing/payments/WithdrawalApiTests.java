package io.lyceum.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.ledger.Withdrawals;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.StripeEvents;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payout accounts and withdrawals: validation, the minimum, the available balance, one pending withdrawal at a time
 * (parallel requests), idempotent retries, and the provider's payout events (paid, failed, repeated, stale) as the
 * sandbox emits them.
 */
class WithdrawalApiTests extends LessonMoneyTestBase {

    static final String ACCOUNT = "/api/v1/wallet/payout-account";
    static final String WITHDRAW = "/api/v1/wallet/withdraw";
    static final String WITHDRAWALS = "/api/v1/wallet/withdrawals";
    static final String GOOD_BANK = "000123456789";
    static final String FAILING_BANK = "000111111116";

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    JsonMapper json;

    /** A tutor with 6030 available (three released lessons) and a payout account at the given bank account. */
    private SignedIn fundedTutor(String bank) {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        Instant base = Instant.now().minus(Duration.ofDays(20));
        for (int i = 0; i < 3; i++) {
            releasedEarning(tutor.userId(), student.userId(), uniqueStart(base.plus(Duration.ofHours(2L * i))));
        }
        if (bank != null) {
            setAccount(tutor, bank).then().statusCode(200);
        }
        return tutor;
    }

    private static Response setAccount(SignedIn who, String bank) {
        return who.api()
                .contentType("application/json")
                .body(Map.of("country", "GB", "bankAccountNumber", bank))
                .put(ACCOUNT);
    }

    private static Response withdraw(SignedIn tutor, long amount, String key) {
        var spec = tutor.api().contentType("application/json");
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.body(Map.of("amount", Map.of("amount", amount, "currency", "GBP")))
                .post(WITHDRAW);
    }

    private static UUID withdrawn(SignedIn tutor, long amount) {
        return UUID.fromString(withdraw(tutor, amount, UUID.randomUUID().toString())
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .extract()
                .path("id"));
    }

    /** The sandbox's event of this type for the withdrawal's payout (once the sandbox settled it). */
    private ProviderEvent awaitPayoutEvent(UUID withdrawalId, String type) {
        String payoutId = TenantContext.callAs(
                        tenant(), () -> withdrawals.find(withdrawalId).orElseThrow())
                .providerPayoutId();
        String payload = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql("SELECT payload FROM sandbox_events WHERE type = :type AND payload LIKE :id")
                                .param("type", type)
                                .param("id", "%\"" + payoutId + "\"%")
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        p -> p != null);
        return StripeEvents.parse(payload, json);
    }

    /** Hands the event to the handler as the webhook endpoint does: in a transaction, the tenant bound. */
    private void deliver(ProviderEvent event) {
        inTenant(() -> withdrawals.handle(event));
    }

    private String status(UUID withdrawalId) {
        return TenantContext.callAs(
                        tenant(), () -> withdrawals.find(withdrawalId).orElseThrow())
                .status();
    }

    @Test
    void theTutorSetsAPayoutAccount() {
        SignedIn tutor = newTutor();
        tutor.api().get(ACCOUNT).then().statusCode(404).body("code", equalTo("wallet.no_payout_account"));
        setAccount(tutor, GOOD_BANK)
                .then()
                .statusCode(200)
                .body("country", equalTo("GB"))
                .body("bankAccountLast4", equalTo("6789"))
                .body("payoutsEnabled", is(true));
        tutor.api().get(ACCOUNT).then().statusCode(200).body("bankAccountLast4", equalTo("6789"));
        // only the last four digits are kept
        TenantContext.runAs(tenant(), () -> assertThat(
                        jdbc.sql("SELECT count(*) FROM payout_accounts WHERE provider_account_id LIKE 'acct_%'"
                                        + " AND tutor_id = :t AND bank_last4 = '6789'")
                                .param("t", tutor.userId())
                                .query(Long.class)
                                .single())
                .isEqualTo(1));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("country", "Britain", "bankAccountNumber", "12ab"))
                .put(ACCOUNT)
                .then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("country", "bankAccountNumber"));
        setAccount(newStudent(), GOOD_BANK).then().statusCode(403);
        newStudent().api().get(ACCOUNT).then().statusCode(403);
    }

    @Test
    void aWithdrawalIsCheckedBeforeAnythingMoves() {
        SignedIn tutor = fundedTutor(null);
        withdraw(tutor, 5000, null).then().statusCode(409).body("code", equalTo("wallet.payout_account_required"));
        setAccount(tutor, GOOD_BANK).then().statusCode(200);
        withdraw(tutor, 1999, null).then().statusCode(422).body("code", equalTo("wallet.below_minimum"));
        withdraw(tutor, 6031, null).then().statusCode(409).body("code", equalTo("wallet.insufficient_funds"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("amount", Map.of("amount", 5000, "currency", "EURO")))
                .post(WITHDRAW)
                .then()
                .statusCode(422);
        tutor.api()
                .contentType("application/json")
                .body(Map.of("amount", Map.of("amount", 5000, "currency", "EUR")))
                .post(WITHDRAW)
                .then()
                .statusCode(409)
                .body("code", equalTo("wallet.insufficient_funds"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of())
                .post(WITHDRAW)
                .then()
                .statusCode(422);
        withdraw(newStudent(), 5000, null).then().statusCode(403);
        withdraw(Tenants.newStaff(jdbc, "ADMIN", null), 5000, null).then().statusCode(403);
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId())).isEqualTo(Money.of(6030, "GBP"));
        tutor.api().get(WITHDRAWALS).then().statusCode(200).body("content", empty());
    }

    @Test
    void aPaidWithdrawalLeavesProviderClearing() {
        SignedIn tutor = fundedTutor(GOOD_BANK);
        String key = UUID.randomUUID().toString();
        UUID id = UUID.fromString(withdraw(tutor, 4000, key)
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("amount.amount", is(4000))
                .body("history.to", contains("PENDING"))
                .extract()
                .path("id"));
        // a retry with the same key is the same withdrawal
        withdraw(tutor, 4000, key)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id.toString()));
        tutor.api()
                .get("/api/v1/wallet/balance")
                .then()
                .body("balances[0].available.amount", is(2030))
                .body("balances[0].inTransit.amount", is(4000));
        // one at a time
        withdraw(tutor, 2000, null).then().statusCode(409).body("code", equalTo("wallet.withdrawal_pending"));
        // the payout's metadata lets the webhook find the tenant and the withdrawal
        String metadata = jdbc.sql("SELECT metadata::text FROM sandbox_payouts WHERE id = :id")
                .param(
                        "id",
                        TenantContext.callAs(
                                        tenant(), () -> withdrawals.find(id).orElseThrow())
                                .providerPayoutId())
                .query(String.class)
                .single();
        assertThat(metadata).contains(tenant().value().toString()).contains(id.toString());

        ProviderEvent paid = awaitPayoutEvent(id, "payout.paid");
        deliver(paid);
        deliver(paid);
        assertThat(status(id)).isEqualTo("PAID");
        assertThat(posted("withdrawal:" + id + ":paid")).isTrue();
        assertThat(balance(LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT, tutor.userId()))
                .isEqualTo(Money.of(0, "GBP"));
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId())).isEqualTo(Money.of(2030, "GBP"));
        // a stale failure for a paid payout is ignored
        deliver(new ProviderEvent(
                "evt_stale_" + id,
                "payout.failed",
                Instant.now(),
                null,
                null,
                new PaymentProvider.ProviderPayout(
                        paid.payout().id(),
                        paid.payout().accountId(),
                        paid.payout().amount(),
                        "failed",
                        "account_closed",
                        "closed",
                        paid.payout().metadata()),
                paid.metadata()));
        assertThat(status(id)).isEqualTo("PAID");
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId())).isEqualTo(Money.of(2030, "GBP"));
        tutor.api()
                .get(WITHDRAWALS + "/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("history.to", contains("PENDING", "PAID"))
                .body("history[1].actorRole", equalTo("PROVIDER"));
        // now the next withdrawal may go
        withdrawn(tutor, 2030);
        assertLedgerBalanced();
    }

    @Test
    void aFailedPayoutPutsTheMoneyBack() {
        SignedIn tutor = fundedTutor(FAILING_BANK);
        UUID id = withdrawn(tutor, 6030);
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId())).isEqualTo(Money.of(0, "GBP"));
        ProviderEvent failed = awaitPayoutEvent(id, "payout.failed");
        deliver(failed);
        deliver(failed);
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId())).isEqualTo(Money.of(6030, "GBP"));
        assertThat(balance(LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT, tutor.userId()))
                .isEqualTo(Money.of(0, "GBP"));
        tutor.api()
                .get(WITHDRAWALS + "/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failure.code", equalTo("no_account"))
                .body("history.to", contains("PENDING", "FAILED"))
                .body("history[1].reason", org.hamcrest.Matchers.startsWith("no_account"));
        // the history is append-only for the application
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TenantContext.runAs(
                        tenant(), () -> jdbc.sql("DELETE FROM withdrawal_history WHERE withdrawal_id = :w")
                                .param("w", id)
                                .update()))
                .hasStackTraceContaining("permission denied");
        // the tutor may try again
        withdrawn(tutor, 2000);
        assertLedgerBalanced();
    }

    @Test
    void parallelWithdrawalsMakeOnePendingWithdrawal() {
        SignedIn tutor = fundedTutor(GOOD_BANK);
        List<Integer> statuses = Parallel.run(6, i -> withdraw(tutor, 2000, "parallel-" + i + "-" + tutor.userId())
                .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        tutor.api().get(WITHDRAWALS).then().statusCode(200).body("content", hasSize(1));
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.userId())).isEqualTo(Money.of(4030, "GBP"));
        assertThat(balance(LedgerAccountType.TUTOR_PAYOUTS_IN_TRANSIT, tutor.userId()))
                .isEqualTo(Money.of(2000, "GBP"));
        // the partial unique index refuses a second PENDING row even past the service's checks
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TenantContext.runAs(tenant(), () -> jdbc.sql("""
                                        INSERT INTO withdrawals (id, tenant_id, tutor_id, amount, currency, status,
                                                                 provider, provider_account_id, requested_at,
                                                                 updated_at)
                                        VALUES (gen_random_uuid(), :t, :tutor, 2000, 'GBP', 'PENDING', 'sandbox',
                                                'acct_x', now(), now())
                                        """)
                        .param("t", tenant().value())
                        .param("tutor", tutor.userId())
                        .update()))
                .hasStackTraceContaining("withdrawals_one_pending_idx");
    }

    @Test
    void withdrawalsAreTheTutorsOwnAndAdminsMayLook() {
        SignedIn tutor = fundedTutor(GOOD_BANK);
        UUID id = withdrawn(tutor, 2500);
        tutor.api()
                .get(WITHDRAWALS)
                .then()
                .statusCode(200)
                .body("content", hasSize(1))
                .body("content[0].id", equalTo(id.toString()))
                .body("page.totalElements", is(1));
        SignedIn other = newTutor();
        other.api().get(WITHDRAWALS).then().statusCode(200).body("content", empty());
        other.api().get(WITHDRAWALS + "/" + id).then().statusCode(404);
        tutor.api().get(WITHDRAWALS + "/" + UUID.randomUUID()).then().statusCode(404);
        newStudent().api().get(WITHDRAWALS).then().statusCode(403);
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String adminRoute = "/api/v1/admin/payments/tutors/" + tutor.userId() + "/withdrawals";
        admin.api()
                .get(adminRoute)
                .then()
                .statusCode(200)
                .body("content[0].id", equalTo(id.toString()))
                // the sandbox pays it out about two seconds later: the history starts PENDING, PAID may follow
                .body("content[0].history[0].to", equalTo("PENDING"));
        tutor.api().get(adminRoute).then().statusCode(403);
        // across tutors, by status: once paid out, listed under PAID with its tutor and amount, no longer under PENDING
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("PAID"));
        admin.api()
                .get("/api/v1/admin/payments/withdrawals?status=PAID&size=100")
                .then()
                .statusCode(200)
                .body(
                        "content.find { it.id == '" + id + "' }.tutorId",
                        equalTo(tutor.userId().toString()))
                .body("content.find { it.id == '" + id + "' }.amount.amount", is(2500))
                .body("content.find { it.id == '" + id + "' }.history.to", contains("PENDING", "PAID"));
        admin.api()
                .get("/api/v1/admin/payments/withdrawals?status=PENDING&size=100")
                .then()
                .statusCode(200)
                .body("content.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id.toString())));
        admin.api()
                .get("/api/v1/admin/payments/withdrawals?status=LOST")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        tutor.api().get("/api/v1/admin/payments/withdrawals").then().statusCode(403);
        String slug = Tenants.uniqueSlug("payout");
        Tenants.newTenantWithOwner(slug);
        SignedIn otherAdmin = Tenants.newStaff(jdbc, "ADMIN", slug);
        otherAdmin.api().get(adminRoute).then().statusCode(200).body("content", empty());
        // another tenant's admin sees none of this tenant's withdrawals
        otherAdmin
                .api()
                .get("/api/v1/admin/payments/withdrawals")
                .then()
                .statusCode(200)
                .body("content", empty());
    }
}
