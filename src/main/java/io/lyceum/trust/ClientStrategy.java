package io.lyceum.trust;

import io.lyceum.reviews.StudentRatings;
import io.lyceum.scheduling.SchedulingApi.ClientRecord;
import io.lyceum.trust.Breakdown.Part;
import java.util.List;

/**
 * The client strategy (seed 000's {@code ClientCaaSStrategy}) over a student's bookings and the private ratings their
 * tutors gave: penalties start at 1 and fall with each incident, unrated is neutral (0.5).
 */
final class ClientStrategy {

    static final double PER_DISPUTE = 0.25;

    record Inputs(ClientRecord record, StudentRatings ratings) {}

    private ClientStrategy() {}

    static Breakdown score(Inputs in, TrustProperties.ClientWeights w) {
        ClientRecord r = in.record();
        StudentRatings ratings = in.ratings();
        long held = r.lessonsDone() + r.lateCancellations() + r.noShows();
        return Breakdown.of(List.of(
                new Part(
                        "payments",
                        w.payments(),
                        r.bookingsToPay() == 0 ? 1 : 1 - (double) r.paymentsLapsed() / r.bookingsToPay(),
                        r.paymentsLapsed() + " of " + r.bookingsToPay() + " paid bookings never paid",
                        "Pay for a booking while its slot is held."),
                new Part(
                        "lateCancellations",
                        w.lateCancellations(),
                        held == 0 ? 1 : 1 - (double) r.lateCancellations() / held,
                        r.lateCancellations() + " of " + held + " lessons cancelled late",
                        "Cancel before the free cancellation period ends."),
                new Part(
                        "noShows",
                        w.noShows(),
                        held == 0 ? 1 : 1 - (double) r.noShows() / held,
                        r.noShows() + " of " + held + " lessons missed",
                        "Attend the lessons you booked."),
                new Part(
                        "disputes",
                        w.disputes(),
                        1 - PER_DISPUTE * r.disputesLost(),
                        r.disputesLost() + " disputes settled against you",
                        "Open a dispute only when a lesson really went wrong."),
                new Part(
                        "tutorRatings",
                        w.tutorRatings(),
                        ratings.count() == 0 ? 0.5 : (ratings.average().doubleValue() - 1) / 4,
                        ratings.count() == 0
                                ? "no tutor has rated you yet"
                                : ratings.count() + " ratings by tutors, average " + ratings.average(),
                        "Come prepared: tutors rate their students after each lesson.")));
    }
}
