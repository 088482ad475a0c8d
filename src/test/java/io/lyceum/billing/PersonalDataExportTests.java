package io.lyceum.billing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.testsupport.Accounts.SignedIn;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The personal-data export holds what every module keeps about the user, not only the account: bookings, orders,
 * favorites for a student; the lesson and the wallet for its tutor.
 */
class PersonalDataExportTests extends BillingTestBase {

    @Test
    void theExportHoldsEachModulesDataAboutTheUser() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String orderId = checkout(student, booking, "pm_card_visa")
                .then()
                .statusCode(200)
                .extract()
                .path("orderId");
        student.api()
                .contentType("application/json")
                .body(Map.of("tutorId", tutor.id().toString()))
                .post("/api/v1/favorites")
                .then()
                .statusCode(201);

        student.api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.accounts.profile.email", equalTo(student.email()))
                .body("sections.scheduling.bookings.id", hasItem(booking.toString()))
                .body("sections.scheduling.bookings.find { it.id == '" + booking + "' }.price_amount", equalTo(3000))
                .body("sections.billing.orders.id", hasItem(orderId))
                .body("sections.billing.orders.find { it.id == '" + orderId + "' }.amount", equalTo(3000))
                .body("sections.catalog.favorites.tutor_id", hasItem(tutor.id().toString()))
                .body("sections.billing.packages", equalTo(java.util.List.of()))
                .body("sections.billing.enrollments", equalTo(java.util.List.of()))
                .body("sections.billing.invoicesAndQuotes", equalTo(java.util.List.of()))
                .body("sections.catalog.notesAboutMe", equalTo(java.util.List.of()));

        // nothing of another user's leaks in, and the tenant id is not repeated in every row
        tutor.user()
                .api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.scheduling.bookings.id", hasItem(booking.toString()))
                .body("sections.scheduling.bookings[0].tenant_id", equalTo(null))
                .body(
                        "sections.catalog.tutorProfile[0].tutor_id",
                        equalTo(tutor.id().toString()))
                .body("sections.catalog.favorites", equalTo(java.util.List.of()))
                .body("sections.billing.wallet.payoutAccount", equalTo(java.util.List.of()))
                .body("sections.billing.orders.id", hasItem(orderId));
        student()
                .api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.scheduling.bookings", equalTo(java.util.List.of()))
                .body("sections.billing.orders", equalTo(java.util.List.of()));
    }
}
