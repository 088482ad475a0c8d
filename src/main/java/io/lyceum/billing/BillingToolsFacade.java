package io.lyceum.billing;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Billing's routes for the agents' tools: the controllers' own methods, called through their security proxies. */
@Service
class BillingToolsFacade implements BillingToolsApi {

    private final PaymentController payments;
    private final WalletController wallets;

    BillingToolsFacade(PaymentController payments, WalletController wallets) {
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
    public Object wallet(CurrentUser caller) {
        return wallets.balance(caller);
    }

    @Override
    public Object withdrawals(CurrentUser caller, PageQuery page) {
        return wallets.myWithdrawals(caller, page);
    }
}
