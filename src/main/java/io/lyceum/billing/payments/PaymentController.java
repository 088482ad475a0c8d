package io.lyceum.billing.payments;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.BoundedRead;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(
        name = "Billing: payments",
        description = "Checkout, payment status and the provider's webhook; see docs/payments.md.")
class PaymentController {

    /** Provider events are small; a larger body is refused before it is read into memory. */
    static final int MAX_WEBHOOK_BYTES = 256 * 1024;

    private final Checkout checkout;
    private final PaymentWebhooks webhooks;

    PaymentController(Checkout checkout, PaymentWebhooks webhooks) {
        this.checkout = checkout;
        this.webhooks = webhooks;
    }

    record CheckoutRequest(
            @NotNull UUID orderId,
            @NotBlank @Size(max = 255) String paymentMethodId,
            @Size(max = 2048) @Nullable String returnUrl) {}

    @PostMapping("/checkout")
    @Operation(
            summary = "Pay an order",
            description = "The payer of an order, or a guardian linked to its student (parents pay), pays it with a"
                    + " payment method: a saved one's id, or a token from "
                    + "the provider's browser SDK (in the sandbox also Stripe's test tokens such as `pm_card_visa`). "
                    + "`orderId` may be the order's id or the id of what it pays for (a booking, a package purchase, an "
                    + "enrollment, an invoice). Send an `Idempotency-Key`: a retry returns the first answer, and a "
                    + "second checkout of an order that is paid or has a payment under way charges nothing and "
                    + "answers its status. Status `PAID`: done; `REQUIRES_ACTION`: open `nextAction.url` to "
                    + "authenticate (3-D Secure), the result arrives by webhook; `PROCESSING`: a bank debit under way. "
                    + "Errors: 402 `payment.declined` with the provider's `declineCode` and message (the order stays "
                    + "payable with another method); 403 `order.not_payer` for someone who sees the order but does not pay it"
                    + " (its tutor, staff); 404 `order.not_found` (anyone else's order); 409 "
                    + "`order.not_payable` (cancelled), `order.expired` (the booking's hold ran out); 422 "
                    + "`payment.invalid_payment_method`; 503 `payment.provider_unavailable` (nothing was charged).")
    @ApiResponse(responseCode = "200", description = "The order's payment status after the attempt")
    @ApiResponse(
            responseCode = "402",
            description = "Declined",
            content = @Content(mediaType = "application/problem+json"))
    Checkout.PaymentStatus pay(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CheckoutRequest body) {
        return checkout.pay(user, body.orderId(), body.paymentMethodId().trim(), body.returnUrl());
    }

    @GetMapping("/status/{id}")
    @Operation(
            summary = "Payment status",
            description = "By the order's id or the id of what it pays for. The payer, the student, a linked "
                    + "guardian, the tutor and admins may look; anyone else gets 404 `order.not_found`.")
    Checkout.PaymentStatus status(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return checkout.status(user, id);
    }

    @GetMapping("/orders")
    @Operation(
            summary = "My orders",
            description = "The orders the caller pays (lessons, packages, enrollments, invoices), newest first, with "
                    + "their payment status.")
    PageResponse<Checkout.PaymentStatus> orders(
            @AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery page) {
        return checkout.mine(user, page.requireSortable(java.util.Set.of()));
    }

    @GetMapping("/orders/{id}")
    @Operation(
            summary = "An order with its history and refunds",
            description = "By the order's id or the id of what it pays for; the same people as the payment status "
                    + "may look. `history` is the append-only record of every state change with actor and reason.")
    Checkout.OrderDetail order(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return checkout.detail(user, id);
    }

    @PostMapping("/webhook")
    @Operation(
            summary = "Payment provider events",
            description = "Public; called by the payment provider (Stripe, or the local sandbox which signs exactly "
                    + "as Stripe does). The `Stripe-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "
                    + "\"<t>.<raw body>\" keyed with lyceum.payments.webhook-secret>`) is checked before the body is "
                    + "parsed: missing, wrong or older than 5 minutes is 401 `webhook.invalid_signature`. Each event id "
                    + "is processed once (`duplicate` afterwards), in the same transaction as its effects; events may "
                    + "come in any order. 503 `webhook.retry_later` asks the provider to deliver again (an event that "
                    + "overtook our own record of the object).")
    @ApiResponse(responseCode = "200", description = "{\"status\": \"processed|duplicate|ignored\"}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = "application/json"),
            description = "The event, exactly as signed")
    Map<String, String> webhook(
            @Parameter(description = "t=<unix seconds>,v1=<hex>")
                    @RequestHeader(value = "Stripe-Signature", required = false)
                    String signature,
            HttpServletRequest request)
            throws IOException {
        String payload;
        try (InputStream in = request.getInputStream()) {
            payload = new String(
                    BoundedRead.readAtMost(
                            in,
                            request.getContentLengthLong(),
                            MAX_WEBHOOK_BYTES,
                            () -> new LyceumException(
                                    ErrorKind.PAYLOAD_TOO_LARGE,
                                    "webhook.too_large",
                                    "A webhook body is at most 256 KiB.")),
                    StandardCharsets.UTF_8);
        }
        var outcome = webhooks.receive(payload, signature);
        return Map.of("status", outcome.name().toLowerCase(Locale.ROOT));
    }
}
