package io.lyceum.trust;

import io.lyceum.catalog.TutorProfileFacts;
import io.lyceum.reviews.TutorRatings;
import io.lyceum.scheduling.SchedulingApi.TutorRecord;
import io.lyceum.trust.Breakdown.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The tutor strategy (seed 000's {@code TutorCaaSStrategy}): a pure function of the tutor's inputs and the weights, so
 * its answers can be computed by hand. Achievements (reviews, lessons, tenure, profile, credentials) start at 0;
 * penalties (cancellations, no-shows, disputes lost) start at 1 and fall with each incident; an unknown response time
 * is neutral (0.5).
 */
final class TutorStrategy {

    /** Lessons completed that count fully; fewer count pro rata. */
    static final int FULL_LESSONS = 20;
    /** Credentials (certifications and education entries) that count fully. */
    static final int FULL_CREDENTIALS = 3;
    /** Days since first approval that count fully. */
    static final int FULL_TENURE_DAYS = 365;
    /** A median answer within this earns full marks; at {@link #SLOWEST} or beyond none. */
    static final Duration FASTEST = Duration.ofHours(1);

    static final Duration SLOWEST = Duration.ofHours(48);
    /** What each dispute lost takes off its component. */
    static final double PER_DISPUTE = 0.25;

    record Inputs(TutorProfileFacts profile, TutorRatings ratings, TutorRecord record, Instant now) {}

    private TutorStrategy() {}

    static Breakdown score(Inputs in, TrustProperties.TutorWeights w) {
        TutorProfileFacts p = in.profile();
        TutorRecord r = in.record();
        TutorRatings ratings = in.ratings();
        long agreed = r.lessonsDone() + r.cancelledByTutor() + r.noShows();

        double reviews = ratings.count() == 0
                ? 0
                : (Objects.requireNonNull(ratings.bayesianAverage()).doubleValue() - 1) / 4;
        double response = r.medianResponse() == null ? 0.5 : responseValue(r.medianResponse());
        long days = p.firstApprovedAt() == null
                ? 0
                : Math.max(0, Duration.between(p.firstApprovedAt(), in.now()).toDays());

        return Breakdown.of(List.of(
                new Part(
                        "profile",
                        w.profile(),
                        (double) p.sectionsFilled() / TutorProfileFacts.SECTIONS,
                        p.sectionsFilled() + " of " + TutorProfileFacts.SECTIONS + " profile sections published",
                        "Fill in and publish the missing profile sections (an introduction video counts too)."),
                new Part(
                        "credentials",
                        w.credentials(),
                        (double) p.credentials() / FULL_CREDENTIALS,
                        p.credentials() + " certifications and education entries reviewed by an admin",
                        "Add certifications or education to your profile: " + FULL_CREDENTIALS + " count fully."),
                new Part(
                        "reviews",
                        w.reviews(),
                        reviews,
                        ratings.count() == 0
                                ? "no visible reviews yet"
                                : ratings.count() + " reviews, Bayesian average " + ratings.bayesianAverage(),
                        ratings.count() == 0
                                ? "Ask your students to review their lessons."
                                : "Every good review lifts your weighted average."),
                new Part(
                        "lessons",
                        w.lessons(),
                        (double) r.lessonsDone() / FULL_LESSONS,
                        r.lessonsDone() + " lessons completed",
                        "Complete more lessons: " + FULL_LESSONS + " count fully."),
                new Part(
                        "cancellations",
                        w.cancellations(),
                        agreed == 0 ? 1 : 1 - (double) r.cancelledByTutor() / agreed,
                        r.cancelledByTutor() + " of " + agreed + " agreed lessons cancelled by you",
                        "Avoid cancelling agreed lessons: the share falls as you complete lessons."),
                new Part(
                        "noShows",
                        w.noShows(),
                        agreed == 0 ? 1 : 1 - (double) r.noShows() / agreed,
                        r.noShows() + " of " + agreed + " agreed lessons missed",
                        "Attend every lesson you agreed to."),
                new Part(
                        "responseTime",
                        w.responseTime(),
                        response,
                        r.medianResponse() == null
                                ? "no booking request answered yet"
                                : "median answer to booking requests after "
                                        + r.medianResponse().toMinutes() + " minutes (" + r.requestsAnswered()
                                        + " requests)",
                        "Confirm or decline booking requests within an hour."),
                new Part(
                        "tenure",
                        w.tenure(),
                        (double) days / FULL_TENURE_DAYS,
                        days + " days since your profile was first approved",
                        "Tenure grows by itself: a year counts fully."),
                new Part(
                        "disputes",
                        w.disputes(),
                        1 - PER_DISPUTE * r.disputesLost(),
                        r.disputesLost() + " disputes settled against you",
                        "Disputes settled against you lower this; agree lesson outcomes clearly.")));
    }

    /** 1 at or below an hour, 0 at or beyond 48 hours, linear in between. */
    static double responseValue(Duration median) {
        if (median.compareTo(FASTEST) <= 0) return 1;
        if (median.compareTo(SLOWEST) >= 0) return 0;
        return 1 - (double) (median.toSeconds() - FASTEST.toSeconds()) / (SLOWEST.toSeconds() - FASTEST.toSeconds());
    }
}
