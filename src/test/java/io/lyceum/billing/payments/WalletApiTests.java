package io.lyceum.billing.payments;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Balances and transactions: each user sees their own accounts only, newest first, with commission and balances. */
class WalletApiTests extends LessonMoneyTestBase {

    static final String BALANCE = "/api/v1/wallet/balance";
    static final String TRANSACTIONS = "/api/v1/wallet/transactions";

    @Test
    void aTutorSeesAvailablePendingAndInTransitPerCurrency() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        Instant base = Instant.now().minus(Duration.ofDays(10));
        releasedEarning(tutor.userId(), student.userId(), uniqueStart(base));
        pendingEarning(tutor.userId(), student.userId(), uniqueStart(base.plus(Duration.ofHours(2))));
        tutor.api()
                .get(BALANCE)
                .then()
                .statusCode(200)
                .body("userId", equalTo(tutor.userId().toString()))
                .body("balances", hasSize(1))
                .body("balances[0].currency", equalTo("GBP"))
                .body("balances[0].available.amount", is(2010))
                .body("balances[0].available.currency", equalTo("GBP"))
                .body("balances[0].pending.amount", is(2010))
                .body("balances[0].inTransit.amount", is(0))
                .body("balances[0].minimumWithdrawal.amount", is(2000));
        // the student paid by card: no wallet account of their own
        student.api().get(BALANCE).then().statusCode(200).body("balances", empty());
    }

    @Test
    void aStudentSeesTheirCredit() {
        SignedIn student = newStudent();
        payWithCredit(UUID.randomUUID(), student.userId(), PRICE);
        // bought 3000 of credit and used it all on one lesson
        student.api()
                .get(BALANCE)
                .then()
                .statusCode(200)
                .body("balances[0].credit.amount", is(0))
                .body("balances[0].minimumWithdrawal", nullValue());
        student.api()
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content", hasSize(2))
                .body("content.kind", contains("CREDIT_USED", "PACKAGE_PURCHASE"))
                .body("content.amount.amount", contains(-3000, 3000))
                .body("content.balanceAfter.amount", contains(0, 3000));
    }

    @Test
    void transactionsArePagedNewestFirstWithCommissionAndRunningBalance() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID booking = releasedEarning(
                tutor.userId(), student.userId(), uniqueStart(Instant.now().minus(Duration.ofDays(10))));
        // earned into pending (+2010), released: pending -2010, available +2010
        tutor.api()
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("page.totalElements", is(3))
                .body("content", hasSize(3))
                .body("content.bookingId", everyItem(equalTo(booking.toString())))
                .body("content.orderId", everyItem(notNullValue()))
                .body("content[2].kind", equalTo("EARNING"))
                .body("content[2].account", equalTo("TUTOR_PENDING"))
                .body("content[2].amount.amount", is(2010))
                .body("content[2].commission.tier", equalTo("Starter"))
                .body("content[2].commission.rateBps", is(3300))
                .body("content.kind", contains("RELEASE", "RELEASE", "EARNING"));
        tutor.api()
                .queryParam("account", "TUTOR_AVAILABLE")
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content", hasSize(1))
                .body("content[0].amount.amount", is(2010))
                .body("content[0].balanceAfter.amount", is(2010));
        tutor.api()
                .queryParam("size", 1)
                .queryParam("page", 2)
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content[0].kind", equalTo("EARNING"))
                .body("page.totalPages", is(3));
        tutor.api()
                .queryParam("sort", "occurredAt,asc")
                .queryParam("size", 1)
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content[0].kind", equalTo("EARNING"));
        tutor.api()
                .queryParam("currency", "EUR")
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content", empty());
    }

    @Test
    void badInputIsRefused() {
        SignedIn tutor = newTutor();
        tutor.api().queryParam("sort", "amount,asc").get(TRANSACTIONS).then().statusCode(400);
        tutor.api().queryParam("size", 1000).get(TRANSACTIONS).then().statusCode(400);
        tutor.api().queryParam("account", "NOPE").get(TRANSACTIONS).then().statusCode(400);
        tutor.api()
                .queryParam("currency", "XX")
                .get(TRANSACTIONS)
                .then()
                .statusCode(422)
                .body("code", equalTo("money.invalid_currency"));
    }

    @Test
    void nobodySeesAnotherUsersWallet() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        releasedEarning(
                tutor.userId(), student.userId(), uniqueStart(Instant.now().minus(Duration.ofDays(12))));
        // another tutor, an admin and a user of another tenant see nothing of it
        newTutor().api().get(TRANSACTIONS).then().statusCode(200).body("content", empty());
        newTutor().api().get(BALANCE).then().statusCode(200).body("balances", empty());
        Tenants.newStaff(jdbc, "ADMIN", null)
                .api()
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content", empty());
        String slug = Tenants.uniqueSlug("wallet");
        Tenants.newTenantWithOwner(slug);
        Accounts.newUser("TUTOR", slug)
                .api()
                .get(BALANCE)
                .then()
                .statusCode(200)
                .body("balances", empty());
        // a user id in the query is not a way in: the route has no such parameter
        newStudent()
                .api()
                .queryParam("userId", tutor.userId())
                .get(TRANSACTIONS)
                .then()
                .statusCode(200)
                .body("content", empty());
        api().get(BALANCE).then().statusCode(401);
        api().get(TRANSACTIONS).then().statusCode(401);
    }
}
