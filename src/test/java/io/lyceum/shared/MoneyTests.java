package io.lyceum.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void addsAndSubtractsInMinorUnits() {
        Money a = Money.of(2500, "GBP");
        assertThat(a.plus(Money.of(1, "GBP"))).isEqualTo(Money.of(2501, "GBP"));
        assertThat(a.minus(Money.of(3000, "GBP"))).isEqualTo(Money.of(-500, "GBP"));
        assertThat(a.toString()).isEqualTo("25.00 GBP");
        assertThat(Money.of(1500, "JPY").toString()).isEqualTo("1500 JPY");
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(100, "GBP").plus(Money.of(100, "EUR")))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("GBP")
                .hasMessageContaining("EUR");
        assertThatThrownBy(() -> Money.of(100, "GBP").compareTo(Money.of(100, "USD")))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void rejectsUnknownCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "gbp")).isInstanceOf(LyceumException.class);
        assertThatThrownBy(() -> Money.of(1, "XYZ"))
                .isInstanceOf(LyceumException.class)
                .extracting(e -> ((LyceumException) e).code())
                .isEqualTo("money.invalid_currency");
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "GBP").plus(Money.of(1, "GBP")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void basisPointsRoundHalfEven() {
        assertThat(Money.of(2500, "GBP").basisPoints(1500)).isEqualTo(Money.of(375, "GBP"));
        assertThat(Money.of(5, "GBP").basisPoints(5000)).isEqualTo(Money.of(2, "GBP")); // 2.5 -> 2
        assertThat(Money.of(7, "GBP").basisPoints(5000)).isEqualTo(Money.of(4, "GBP")); // 3.5 -> 4
    }

    @Property
    void commissionAndPayoutAlwaysAddBackToThePrice(
            @ForAll @LongRange(min = 0, max = 100_000_000) long price,
            @ForAll @IntRange(min = 0, max = 10_000) int bps) {
        Money gross = Money.of(price, "EUR");
        Money commission = gross.basisPoints(bps);
        Money payout = gross.minus(commission);
        assertThat(commission.plus(payout)).isEqualTo(gross);
        assertThat(commission.isNegative()).isFalse();
        assertThat(payout.isNegative()).isFalse();
    }

    @Property
    void additionIsCommutativeAndMinusUndoesPlus(
            @ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long a,
            @ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long b) {
        Money x = Money.of(a, "USD");
        Money y = Money.of(b, "USD");
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
        assertThat(x.plus(y).minus(y)).isEqualTo(x);
    }
}
