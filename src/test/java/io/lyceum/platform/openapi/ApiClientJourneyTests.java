package io.lyceum.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.lyceum.client.ApiClient;
import io.lyceum.client.ApiException;
import io.lyceum.client.api.AuthenticationApi;
import io.lyceum.client.api.BillingPaymentsApi;
import io.lyceum.client.api.CatalogTutorsApi;
import io.lyceum.client.api.DevelopmentApi;
import io.lyceum.client.api.SchedulingBookingsApi;
import io.lyceum.client.api.SchedulingFreeSlotsApi;
import io.lyceum.client.model.BookingView;
import io.lyceum.client.model.CheckoutRequest;
import io.lyceum.client.model.EmailCodeRequest;
import io.lyceum.client.model.LoginRequest;
import io.lyceum.client.model.PaymentStatus;
import io.lyceum.client.model.PlaceRequest;
import io.lyceum.client.model.ReasonRequest;
import io.lyceum.client.model.RegisterRequest;
import io.lyceum.client.model.SearchHit;
import io.lyceum.client.model.SlotView;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The typed client generated in the build from the checked-in API document (openapi-generator's native Java client)
 * drives a student's whole journey: register, verify the email, sign in, search, read the quote, book, pay, cancel
 * and read the refund. A document that lies about a shape, a status or a media type fails here.
 */
class ApiClientJourneyTests extends ApiTestBase {

    private static final Pattern CODE = Pattern.compile("verification code is (\\d{6})");

    private ApiClient client(String accessToken) {
        var client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);

        client.setRequestInterceptor(request -> {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
        });
        return client;
    }

    @Test
    void aStudentRegistersVerifiesSearchesBooksPaysCancelsAndReadsTheRefund() throws Exception {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, Tenants.idOf(jdbc, null), tutor.id(), false, 0, 60);

        ApiClient anonymous = client(null);
        // strict about fields, so the sign-in's answer is told apart: a token or a second-factor challenge (oneOf)
        ApiClient strict = client(null);
        strict.setObjectMapper(strict.getObjectMapper()
                .copy()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        var auth = new AuthenticationApi(strict);
        String email = Accounts.uniqueEmail("journey");
        auth.authRegister(AuthenticationApi.APIAuthRegisterRequest.newBuilder()
                .registerRequest(new RegisterRequest()
                        .email(email)
                        .password(Accounts.PASSWORD)
                        .fullName("Journey Student")
                        .role(RegisterRequest.RoleEnum.STUDENT))
                .build());
        String body = new DevelopmentApi(anonymous)
                .devOutbox(DevelopmentApi.APIDevOutboxRequest.newBuilder()
                        .recipient(email)
                        .build())
                .getContent()
                .getFirst()
                .getBody();
        var code = CODE.matcher(body);
        assertThat(code.find()).as(body).isTrue();
        auth.authCompleteEmailVerification(AuthenticationApi.APIAuthCompleteEmailVerificationRequest.newBuilder()
                .emailCodeRequest(new EmailCodeRequest().email(email).code(code.group(1)))
                .build());
        // a wrong password is a typed problem, not a crash in the client
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> auth.authLogin(AuthenticationApi.APIAuthLoginRequest.newBuilder()
                        .loginRequest(new LoginRequest().email(email).password("not the password at all"))
                        .build()));
        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(refused.getResponseBody()).contains("\"code\":\"auth.invalid_credentials\"");
        String token = auth.authLogin(AuthenticationApi.APIAuthLoginRequest.newBuilder()
                        .loginRequest(new LoginRequest().email(email).password(Accounts.PASSWORD))
                        .build())
                .getTokenView()
                .getAccessToken();
        ApiClient student = client(token);

        SearchHit hit = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> new CatalogTutorsApi(student)
                                        .tutorSearch(CatalogTutorsApi.APITutorSearchRequest.newBuilder()
                                                .subjectId(tutor.subjectId().toString())
                                                .level("GCSE")
                                                .build())
                                        .getContent()
                                        .stream()
                                        .filter(h -> tutor.id().equals(h.getTutorId()))
                                        .findFirst()
                                        .orElse(null),
                        found -> found != null);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        var slots = new SchedulingFreeSlotsApi(student)
                .availableSlots(SchedulingFreeSlotsApi.APIAvailableSlotsRequest.newBuilder()
                        .id(hit.getTutorId())
                        .from(day.toString())
                        .to(day.plusDays(1).toString())
                        .duration(60)
                        .subjectId(tutor.subjectId().toString())
                        .level("GCSE")
                        .build());
        SlotView slot = slots.getSlots().getFirst();
        long quoted = slots.getQuote().getPrice().getAmount();
        assertThat(slots.getQuote().getPrice().getCurrency()).isEqualTo("GBP");

        var bookings = new SchedulingBookingsApi(student);
        BookingView booking = bookings.bookingPlace(SchedulingBookingsApi.APIBookingPlaceRequest.newBuilder()
                .placeRequest(new PlaceRequest()
                        .tutorId(hit.getTutorId())
                        .subjectId(tutor.subjectId())
                        .level("GCSE")
                        .startsAt(slot.getStart())
                        .durationMinutes(60)
                        .trial(false))
                .build());
        assertThat(booking.getState()).isEqualTo(BookingView.StateEnum.PENDING_PAYMENT);
        assertThat(booking.getPrice().getAmount()).isEqualTo(quoted);

        var payments = new BillingPaymentsApi(student);
        PaymentStatus paid = payments.paymentPay(BillingPaymentsApi.APIPaymentPayRequest.newBuilder()
                .checkoutRequest(new CheckoutRequest().orderId(booking.getId()).paymentMethodId("pm_card_visa"))
                .build());
        assertThat(paid.getStatus()).isEqualTo(PaymentStatus.StatusEnum.PAID);
        assertThat(paid.getAmount().getAmount()).isEqualTo(quoted);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> bookings.bookingGet(SchedulingBookingsApi.APIBookingGetRequest.newBuilder()
                                        .id(booking.getId())
                                        .build())
                                .getState()
                        != BookingView.StateEnum.PENDING_PAYMENT);

        BookingView cancelled = bookings.bookingCancel(SchedulingBookingsApi.APIBookingCancelRequest.newBuilder()
                .id(booking.getId())
                .reasonRequest(new ReasonRequest().reason("Plans changed"))
                .build());
        assertThat(cancelled.getState()).isEqualTo(BookingView.StateEnum.CANCELLED);
        assertThat(slot.getStart()).isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)); // free cancellation

        PaymentStatus refunded = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> payments.paymentStatus(BillingPaymentsApi.APIPaymentStatusRequest.newBuilder()
                                .id(booking.getId())
                                .build()),
                        status -> status.getStatus() == PaymentStatus.StatusEnum.REFUNDED);
        assertThat(refunded.getRefunded().getAmount()).isEqualTo(quoted);
        assertThat(refunded.getRefunded().getCurrency()).isEqualTo("GBP");
    }
}
