package io.lyceum.billing.ledger;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet routes the agents' tools call (payments' {@code BillingToolsFacade}): the controller's own methods, called
 * through its security proxy, their answers as the JSON the routes give. The controller itself stays internal.
 */
@Component
public class WalletTools {

    private final WalletController wallets;
    private final JsonMapper json;

    WalletTools(WalletController wallets, JsonMapper json) {
        this.wallets = wallets;
        this.json = json;
    }

    /** The caller's balances, as {@code GET /api/v1/wallet/balance} gives them. */
    public JsonNode wallet(CurrentUser caller) {
        return json.valueToTree(wallets.balance(caller));
    }

    /** A page of the caller's withdrawals, as {@code GET /api/v1/wallet/withdrawals} gives it. */
    public JsonNode withdrawals(CurrentUser caller, PageQuery page) {
        return json.valueToTree(wallets.myWithdrawals(caller, page));
    }
}
