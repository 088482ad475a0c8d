package io.lyceum.billing.payments;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.payments.PaymentMethodStore.SavedMethod;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.billing.provider.ProviderProblems;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments: saved payment methods")
class PaymentMethodController {

    private final PaymentMethods methods;

    PaymentMethodController(PaymentMethods methods) {
        this.methods = methods;
    }

    record AttachRequest(@NotBlank @Size(max = 255) String paymentMethodId) {}

    /** A saved method; {@code expMonth}/{@code expYear} are null for methods without an expiry (bank debits). */
    record MethodView(
            UUID id,
            String brand,
            String last4,
            @Nullable Integer expMonth,
            @Nullable Integer expYear,
            @Nullable String funding,
            Instant createdAt) {

        static MethodView of(SavedMethod method) {
            boolean expires = method.expYear() > 0;
            return new MethodView(
                    method.id(),
                    method.brand(),
                    method.last4(),
                    expires ? method.expMonth() : null,
                    expires ? method.expYear() : null,
                    method.funding(),
                    method.createdAt());
        }
    }

    @GetMapping("/api/v1/payments/methods")
    @Operation(
            summary = "My saved payment methods",
            description = "Any signed-in user: their own live (not removed) methods of the active provider, newest "
                    + "first, paged (at most " + PaymentMethods.MAX_PER_USER + " exist per user).")
    PageResponse<MethodView> list(@AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery page) {
        return methods.list(user, page.requireSortable(Set.of())).map(MethodView::of);
    }

    @PostMapping("/api/v1/payments/methods")
    @Operation(
            summary = "Save a payment method",
            description = "Any signed-in user. `paymentMethodId` is a provider token: from Stripe.js "
                    + "(`stripe.createPaymentMethod`), from the sandbox's `POST /sandbox/v1/payment_methods`, or a "
                    + "Stripe test token such as `pm_card_visa`. The first save creates the user's customer at the "
                    + "provider; the token is attached to it. A token the provider refuses (unknown, already used by "
                    + "another customer, detached) is 422 `payment_method.invalid` with the provider's code in "
                    + "`providerCode` (e.g. `resource_missing`); an expired card 422 `payment_method.expired`; more "
                    + "than " + PaymentMethods.MAX_PER_USER + " saved methods 409 `payment_method.limit_reached`; "
                    + "the provider unreachable 503 `payment.provider_unavailable`. Saving a method that is already "
                    + "saved answers 200 with it.")
    @ApiResponse(responseCode = "201", description = "Saved")
    @ApiResponse(responseCode = "200", description = "Already saved")
    ResponseEntity<MethodView> attach(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody AttachRequest body) {
        PaymentMethods.Attached attached = methods.attach(user, body.paymentMethodId());
        return ResponseEntity.status(attached.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(MethodView.of(attached.method()));
    }

    @DeleteMapping("/api/v1/payments/methods/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Remove a saved payment method",
            description = "Its owner only: another user's, a removed or an unknown id is 404 "
                    + "`payment_method.not_found`. Detaches it at the provider; it cannot be charged again.")
    @ApiResponse(responseCode = "204", description = "Removed")
    void remove(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        methods.remove(user, id);
    }

    @ExceptionHandler(ProviderException.class)
    ResponseEntity<ProblemDetail> providerError(ProviderException e, HttpServletRequest request) {
        return ProviderProblems.of(e, "payment_method.invalid", request);
    }
}
