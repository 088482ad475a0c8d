package io.lyceum.billing.payments;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.BillingToolsApi;
import io.lyceum.billing.ledger.WalletTools;
import io.lyceum.shared.OrderId;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Billing's routes for the agents' tools: the controllers' own methods, called through their security proxies (the
 * wallet's through the ledger's {@link WalletTools}).
 */
@Service
class BillingToolsFacade implements BillingToolsApi {

    private final PaymentController payments;
    private final WalletTools wallets;

    BillingToolsFacade(PaymentController payments, WalletTools wallets) {
        this.payments = payments;
        this.wallets = wallets;
    }

    @Override
    public OrderToPay order(CurrentUser caller, UUID orderOrReferenceId) {
        Checkout.PaymentStatus s = payments.status(caller, orderOrReferenceId);
        return new OrderToPay(
                OrderId.of(s.orderId()),
                s.kind().name(),
                s.referenceId(),
                s.description(),
                s.status().name(),
                s.status().payable(),
                s.amount());
    }

    @Override
    public JsonNode wallet(CurrentUser caller) {
        return wallets.wallet(caller);
    }

    @Override
    public JsonNode withdrawals(CurrentUser caller, PageQuery page) {
        return wallets.withdrawals(caller, page);
    }
}
