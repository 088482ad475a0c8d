package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tutor's wallet: balances per currency, the payout account, withdrawing available earnings, and the withdrawals
 * and ledger lines behind the figures. Every rule (minimum, available balance, one pending withdrawal) is the API's.
 */
@Controller
class WalletPages {

    private static final String PAGE = "/teach/wallet";

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    WalletPages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    @GetMapping(PAGE)
    String wallet(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + PAGE;
        }
        model.addAttribute("balances", api.get("/api/v1/wallet/balance").get("balances"));
        model.addAttribute("payoutAccount", payoutAccount());
        model.addAttribute(
                "withdrawals", api.get("/api/v1/wallet/withdrawals", "size", 20).get("content"));
        model.addAttribute(
                "transactions",
                api.get("/api/v1/wallet/transactions", "size", 20).get("content"));
        return "teach/wallet";
    }

    /** The payout account, or null before the tutor has set one (the API's 404 {@code wallet.no_payout_account}). */
    private @Nullable Map<String, Object> payoutAccount() {
        try {
            return api.get("/api/v1/wallet/payout-account");
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                return null;
            }
            throw problem;
        }
    }

    @PostMapping(PAGE + "/payout-account")
    String setPayoutAccount(
            @RequestParam String bankAccountNumber, @RequestParam String country, RedirectAttributes flash) {
        return act(
                () -> api.put(
                        "/api/v1/wallet/payout-account",
                        Map.of(
                                "bankAccountNumber", bankAccountNumber.replace(" ", ""),
                                "country", country.strip().toUpperCase(java.util.Locale.ROOT))),
                "wallet.accountSaved",
                flash);
    }

    /** The amount is typed in major units (25.50); the API takes minor units of the currency. */
    @PostMapping(PAGE + "/withdraw")
    String withdraw(@RequestParam String amount, @RequestParam String currency, RedirectAttributes flash) {
        long minor;
        try {
            Currency unit = Currency.getInstance(currency);
            minor = new BigDecimal(amount.strip().replace(',', '.'))
                    .movePointRight(Math.max(unit.getDefaultFractionDigits(), 0))
                    .longValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            flash.addFlashAttribute(
                    "error", advice.message(new ApiProblem(422, "wallet.amount_unreadable", null, null)));
            return "redirect:" + PAGE;
        }
        return act(
                () -> api.post(
                        "/api/v1/wallet/withdraw", Map.of("amount", Map.of("amount", minor, "currency", currency))),
                "wallet.withdrawn",
                flash);
    }

    private String act(java.util.function.Supplier<Object> action, String notice, RedirectAttributes flash) {
        return advice.act(action, notice, flash, PAGE);
    }
}
