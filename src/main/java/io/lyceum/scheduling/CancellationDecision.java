package io.lyceum.scheduling;

import io.lyceum.shared.Money;

/**
 * What the cancellation policy decided for a cancelled booking: how much of the price goes back to the payer, the
 * late-cancellation fee kept, and how much of that fee the tutor is compensated with. {@code refund + fee = price}.
 */
public record CancellationDecision(Money refund, Money fee, Money tutorCompensation, String rule) {}
