package io.lyceum.billing.offers;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.billing.ledger.Withdrawals;
import io.lyceum.billing.payments.Checkout;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 50, after the bookings, whose payments, refunds and earnings billing already made): Priya Raman
 * offers a five-lesson package that Noah Patel bought and paid, Mia Rossi (screened by Priya) enrolled in the GCSE
 * exam sprint and paid, and Priya has a payout account for withdrawals. Everything goes through the same services as
 * the API, paid with the sandbox's test Visa.
 */
@Component
class MarketplaceMoneyDemoData implements DemoDataContributor {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Packages packages;
    private final Enrollments enrollments;
    private final Withdrawals withdrawals;
    private final Checkout checkout;
    private final CatalogApi catalog;
    private final AccountsApi accounts;
    private final Clock clock;

    MarketplaceMoneyDemoData(
            Packages packages,
            Enrollments enrollments,
            Withdrawals withdrawals,
            Checkout checkout,
            CatalogApi catalog,
            AccountsApi accounts,
            Clock clock) {
        this.packages = packages;
        this.enrollments = enrollments;
        this.withdrawals = withdrawals;
        this.checkout = checkout;
        this.catalog = catalog;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "billing-marketplace";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void contribute() {
        TenantId tenant = TenantContext.require();
        CurrentUser priya = user(tenant, "priya.raman", Role.TUTOR);
        CurrentUser noah = user(tenant, "noah.patel", Role.STUDENT);
        CurrentUser mia = user(tenant, "mia.rossi", Role.STUDENT);

        TutorTerms.Offer teaching = catalog.tutorTerms(priya.userId().asTutor())
                .orElseThrow()
                .offers()
                .getFirst();
        PackageStore.Offer offer = packages.createOffer(
                priya,
                new Packages.NewOffer(teaching.subjectId(), teaching.level().name(), 5, 60, 10, null));
        Packages.Detail bought = packages.purchase(noah, offer.id(), null);
        checkout.pay(noah, Objects.requireNonNull(bought.pack().orderId()), "pm_card_visa", null);

        catalog.coursePacksOf(priya.userId().asTutor(), 100).stream()
                .reduce((newer, older) -> older) // the first pack she made
                .map(facts -> facts.packId().value())
                .ifPresent(pack -> {
                    Enrollments.Detail enrolled = enrollments.enroll(mia, pack, weeklyLessons(8), null);
                    checkout.pay(mia, Objects.requireNonNull(enrolled.order()).id(), "pm_card_visa", null);
                });

        withdrawals.setPayoutAccount(priya, "GB", "000123456789");
    }

    /** Thursdays at 17:00 in London from the coming one: inside Priya's hours and horizon, clear of demo bookings. */
    private List<Instant> weeklyLessons(int count) {
        LocalDate first = LocalDate.now(clock.withZone(LONDON)).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(first.plusWeeks(i)
                    .atTime(LocalTime.of(17, 0))
                    .atZone(LONDON)
                    .toInstant());
        }
        return starts;
    }

    private CurrentUser user(TenantId tenant, String name, Role role) {
        UUID id = accounts.findUserByEmail(name + "@lyceum.local")
                .orElseThrow(() -> new IllegalStateException("No demo user " + name + "@lyceum.local"))
                .id();
        return new CurrentUser(UserId.of(id), tenant, role, null);
    }
}
