package io.lyceum.billing;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Billing's routes for the agents' tools: the controllers' own methods, called through their security proxies. */
@Service
class BillingToolsFacade implements BillingToolsApi {

    private final PaymentController payments;
    private final WalletController wallets;

    private final JsonMapper json;

    BillingToolsFacade(PaymentController payments, WalletController wallets, JsonMapper json) {
        this.json = json;
        this.payments = payments;
        this.wallets = wallets;
    }

    @Override
    public OrderToPay order(CurrentUser caller, UUID orderOrReferenceId) {
        Checkout.PaymentStatus s = payments.status(caller, orderOrReferenceId);
        return new OrderToPay(
                s.orderId(),
                s.kind().name(),
                s.referenceId(),
                s.description(),
                s.status().name(),
                s.status().payable(),
                s.amount());
    }

    @Override
    public JsonNode wallet(CurrentUser caller) {
        return json.valueToTree(wallets.balance(caller));
    }

    @Override
    public JsonNode withdrawals(CurrentUser caller, PageQuery page) {
        return json.valueToTree(wallets.myWithdrawals(caller, page));
    }
}
