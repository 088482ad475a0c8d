package io.lyceum.billing.offers;

import io.lyceum.billing.offers.PackageStore.HistoryEntry;
import io.lyceum.billing.offers.PackageStore.Offer;
import io.lyceum.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The package routes' request and response bodies. */
final class PackageViews {

    private PackageViews() {}

    record OfferRequest(
            @NotNull UUID subjectId,
            @Size(max = 20) @Nullable String level,
            @NotNull @Min(2) @Max(50) Integer lessons,
            @NotNull @Min(15) @Max(240) Integer durationMinutes,

            @Min(0) @Max(Packages.MAX_DISCOUNT_PERCENT) @Nullable
            Integer discountPercent,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "the package's price, in the tutor's currency; instead of discountPercent")
            @Nullable
            Money price) {

        Packages.NewOffer command() {
            return new Packages.NewOffer(subjectId, level, lessons, durationMinutes, discountPercent, price);
        }
    }

    record OfferView(
            UUID id,
            UUID tutorId,
            UUID subjectId,
            @Nullable String level,
            int lessons,
            int durationMinutes,
            double discountPercent,
            Money singleLessonsPrice,
            Money price,
            boolean active,
            Instant createdAt) {

        static OfferView of(Offer o) {
            return new OfferView(
                    o.id(),
                    o.tutorId(),
                    o.subjectId(),
                    o.level(),
                    o.lessons(),
                    o.durationMinutes(),
                    o.discountBps() / 100.0,
                    o.listPrice(),
                    o.price(),
                    o.active(),
                    o.createdAt());
        }
    }

    record PurchaseRequest(@NotNull UUID offerId, @Nullable UUID studentId) {}

    record UseCreditRequest(@NotNull UUID bookingId) {}

    record RefundRequest(@Size(max = 500) @Nullable String reason) {}

    record Credits(int left, int used, int expired, int refunded, int total) {}

    record PackageView(
            UUID id,
            UUID offerId,
            UUID tutorId,
            UUID studentId,
            UUID buyerId,
            UUID subjectId,
            int durationMinutes,
            String status,
            Credits credits,
            Money price,
            @Nullable Money unusedValue,
            @Nullable UUID orderId,
            @Nullable Instant paidAt,
            @Nullable Instant expiresAt,
            Instant createdAt,
            @Nullable List<HistoryView> history) {

        static PackageView of(Packages.Detail d) {
            PackageStore.Pack p = d.pack();
            Packages.Counts c = d.counts();
            return new PackageView(
                    p.id(),
                    p.offerId(),
                    p.tutorId(),
                    p.studentId(),
                    p.buyerId(),
                    p.subjectId(),
                    p.durationMinutes(),
                    p.status().name(),
                    new Credits(c.left(), c.used(), c.expired(), c.refunded(), p.lessons()),
                    p.price(),
                    d.unusedValue(),
                    p.orderId(),
                    p.paidAt(),
                    p.expiresAt(),
                    p.createdAt(),
                    d.history() == null
                            ? null
                            : d.history().stream().map(HistoryView::of).toList());
        }
    }

    // Named apart: several modules have a HistoryView, and same-named records would share one schema.
    @Schema(name = "PackageHistoryEntry")
    record HistoryView(
            String event,
            @Nullable String fromStatus,
            String toStatus,
            int creditsLeft,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            java.util.@Nullable Map<String, Object> details,
            Instant occurredAt) {

        static HistoryView of(HistoryEntry h) {
            PurchaseRows.Change c = h.change();
            return new HistoryView(
                    h.event(),
                    c.fromStatus(),
                    c.toStatus(),
                    h.creditsLeft(),
                    c.actorId(),
                    c.actorRole(),
                    c.reason(),
                    c.details(),
                    c.occurredAt());
        }
    }
}
