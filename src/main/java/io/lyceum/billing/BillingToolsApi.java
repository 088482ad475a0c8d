package io.lyceum.billing;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.Money;
import io.lyceum.shared.OrderId;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of billing. Each method runs the REST route's own code under the caller's
 * security context, so it answers what the route answers (each result is the route's JSON body as a tree, shaped as the API document describes the route) and
 * refuses what the route refuses. Nothing here takes a card: paying stays with the payer's own checkout.
 */
public interface BillingToolsApi {

    /**
     * An order as its payer sees it before paying. {@code status} is the order's state (OPEN, PAID...); {@code payable}
     * whether a checkout may start a payment now.
     */
    record OrderToPay(
            OrderId orderId,
            String kind,
            UUID referenceId,
            String description,
            String status,
            boolean payable,
            Money amount) {}

    /**
     * {@code GET /api/v1/payments/status/{id}}: the order, found by its id or the id of what it sells (a booking);
     * 404 {@code order.not_found} for anyone who may not see it.
     */
    OrderToPay order(CurrentUser caller, UUID orderOrReferenceId);

    /** {@code GET /api/v1/wallet/balance}. */
    JsonNode wallet(CurrentUser caller);

    /** {@code GET /api/v1/wallet/withdrawals}: tutors only (403 {@code auth.forbidden} for others). */
    JsonNode withdrawals(CurrentUser caller, PageQuery page);
}
