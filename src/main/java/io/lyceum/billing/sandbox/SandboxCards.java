package io.lyceum.billing.sandbox;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stripe's published test cards and test payment-method tokens, and what each does in the sandbox, so code tested
 * against the sandbox behaves the same against Stripe's test mode. Two tokens are the sandbox's own: bank debits
 * that stay {@code processing} for a while and then succeed or fail.
 */
final class SandboxCards {

    /** What a card does when charged. */
    enum Behaviour {
        SUCCEED,
        DECLINE_GENERIC,
        DECLINE_INSUFFICIENT_FUNDS,
        DECLINE_LOST_CARD,
        DECLINE_EXPIRED_CARD,
        DECLINE_INCORRECT_CVC,
        DECLINE_PROCESSING_ERROR,
        REQUIRE_3DS,
        PROCESS_THEN_SUCCEED,
        PROCESS_THEN_FAIL;

        /** Stripe's {@code decline_code} and message for a declined charge. */
        @Nullable
        Decline decline() {
            return switch (this) {
                case DECLINE_GENERIC -> new Decline("card_declined", "generic_decline", "Your card was declined.");
                case DECLINE_INSUFFICIENT_FUNDS ->
                    new Decline("card_declined", "insufficient_funds", "Your card has insufficient funds.");
                case DECLINE_LOST_CARD -> new Decline("card_declined", "lost_card", "Your card was declined.");
                case DECLINE_EXPIRED_CARD -> new Decline("expired_card", "expired_card", "Your card has expired.");
                case DECLINE_INCORRECT_CVC ->
                    new Decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.");
                case DECLINE_PROCESSING_ERROR ->
                    new Decline(
                            "processing_error",
                            "processing_error",
                            "An error occurred while processing your card. Try again in a little bit.");
                case PROCESS_THEN_FAIL ->
                    new Decline("payment_method_not_available", "insufficient_funds", "The debit was returned.");
                default -> null;
            };
        }
    }

    record Decline(String code, String declineCode, String message) {}

    record Card(String brand, String last4, String funding, Behaviour behaviour) {}

    private static final Map<String, Card> NUMBERS = Map.ofEntries(
            Map.entry("4242424242424242", new Card("visa", "4242", "credit", Behaviour.SUCCEED)),
            Map.entry("4000056655665556", new Card("visa", "5556", "debit", Behaviour.SUCCEED)),
            Map.entry("5555555555554444", new Card("mastercard", "4444", "credit", Behaviour.SUCCEED)),
            Map.entry("378282246310005", new Card("amex", "0005", "credit", Behaviour.SUCCEED)),
            Map.entry("4000000000000002", new Card("visa", "0002", "credit", Behaviour.DECLINE_GENERIC)),
            Map.entry("4000000000009995", new Card("visa", "9995", "credit", Behaviour.DECLINE_INSUFFICIENT_FUNDS)),
            Map.entry("4000000000009987", new Card("visa", "9987", "credit", Behaviour.DECLINE_LOST_CARD)),
            Map.entry("4000000000000069", new Card("visa", "0069", "credit", Behaviour.DECLINE_EXPIRED_CARD)),
            Map.entry("4000000000000127", new Card("visa", "0127", "credit", Behaviour.DECLINE_INCORRECT_CVC)),
            Map.entry("4000000000000119", new Card("visa", "0119", "credit", Behaviour.DECLINE_PROCESSING_ERROR)),
            Map.entry("4000002760003184", new Card("visa", "3184", "credit", Behaviour.REQUIRE_3DS)),
            Map.entry("4000002500003155", new Card("visa", "3155", "credit", Behaviour.REQUIRE_3DS)),
            Map.entry("4000000000003220", new Card("visa", "3220", "credit", Behaviour.REQUIRE_3DS)));

    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("pm_card_visa", "4242424242424242"),
            Map.entry("pm_card_visa_debit", "4000056655665556"),
            Map.entry("pm_card_mastercard", "5555555555554444"),
            Map.entry("pm_card_amex", "378282246310005"),
            Map.entry("pm_card_chargeDeclined", "4000000000000002"),
            Map.entry("pm_card_chargeDeclinedInsufficientFunds", "4000000000009995"),
            Map.entry("pm_card_chargeDeclinedLostCard", "4000000000009987"),
            Map.entry("pm_card_chargeDeclinedExpiredCard", "4000000000000069"),
            Map.entry("pm_card_chargeDeclinedIncorrectCvc", "4000000000000127"),
            Map.entry("pm_card_chargeDeclinedProcessingError", "4000000000000119"),
            Map.entry("pm_card_authenticationRequired", "4000002760003184"),
            Map.entry("pm_card_threeDSecure2Required", "4000000000003220"));

    /** The sandbox's own bank-debit tokens: {@code processing}, then settled after the processing delay. */
    private static final Map<String, Card> SANDBOX_TOKENS = Map.of(
            "pm_sandbox_debitProcessing", new Card("sepa_debit", "3000", "debit", Behaviour.PROCESS_THEN_SUCCEED),
            "pm_sandbox_debitProcessingFails", new Card("sepa_debit", "3001", "debit", Behaviour.PROCESS_THEN_FAIL));

    private SandboxCards() {}

    static Optional<Card> byNumber(String number) {
        String digits = number == null ? "" : number.replaceAll("[\\s-]", "");
        Card known = NUMBERS.get(digits);
        if (known != null) {
            return Optional.of(known);
        }
        // any other number that passes the Luhn check behaves like a good card, as in Stripe's test mode
        return luhn(digits)
                ? Optional.of(
                        new Card(brand(digits), digits.substring(digits.length() - 4), "credit", Behaviour.SUCCEED))
                : Optional.empty();
    }

    static Optional<Card> byTestToken(String token) {
        if (SANDBOX_TOKENS.containsKey(token)) {
            return Optional.of(SANDBOX_TOKENS.get(token));
        }
        return Optional.ofNullable(TOKENS.get(token)).flatMap(SandboxCards::byNumber);
    }

    private static String brand(String digits) {
        if (digits.startsWith("4")) {
            return "visa";
        }
        if (digits.startsWith("5")) {
            return "mastercard";
        }
        if (digits.startsWith("34") || digits.startsWith("37")) {
            return "amex";
        }
        return "unknown";
    }

    static boolean luhn(String digits) {
        if (!digits.matches("\\d{12,19}")) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
