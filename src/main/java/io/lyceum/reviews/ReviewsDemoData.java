package io.lyceum.reviews;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 80, after scheduling's lessons): reviews of the demo lessons that took place, written through the
 * same service as the API (so blindness, aggregates and the search rows are real): Sophie's guardian reviews her maths
 * lesson with Priya, Mia reviews her lesson with Amara (settled after a dispute); both tutors rate their students, so
 * the reviews are visible at once, and Amara replies. Like the other modules' demo data it finds the demo people and
 * lessons by SQL (demo loading only).
 */
@Component
class ReviewsDemoData implements DemoDataContributor {

    private final Reviews reviews;
    private final io.lyceum.scheduling.SchedulingApi scheduling;
    private final AccountsApi accounts;

    ReviewsDemoData(Reviews reviews, io.lyceum.scheduling.SchedulingApi scheduling, AccountsApi accounts) {
        this.reviews = reviews;
        this.scheduling = scheduling;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "reviews";
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public void contribute() {
        CurrentUser guardian = user("demo.guardian", Role.GUARDIAN);
        CurrentUser priya = user("priya.raman", Role.TUTOR);
        CurrentUser mia = user("mia.rossi", Role.STUDENT);
        CurrentUser amara = user("amara.okafor", Role.TUTOR);

        doneLesson(
                        priya.userId().value(),
                        user("sophie.clarke", Role.STUDENT).userId().value())
                .ifPresent(lesson -> {
                    reviews.post(
                            new Reviews.Draft(
                                    lesson,
                                    5,
                                    "Priya found exactly where Sophie was losing marks on simultaneous equations and gave her"
                                            + " a short plan for the week. Sophie came out of the lesson confident."),
                            guardian);
                    reviews.rateStudent(
                            new Reviews.StudentRatingDraft(lesson, 5, "Prepared, asked good questions"), priya);
                });
        doneLesson(amara.userId().value(), mia.userId().value()).ifPresent(lesson -> {
            var review = reviews.post(
                    new Reviews.Draft(
                            lesson,
                            4,
                            "Very clear on organic reactions. The video call dropped halfway, but Amara sent notes"
                                    + " on what we missed."),
                    mia);
            reviews.rateStudent(new Reviews.StudentRatingDraft(lesson, 4, null), amara);
            reviews.reply(
                    review.id(),
                    "Thank you Mia! Sorry about the connection: we will use the backup room link next time.",
                    amara);
        });
    }

    private Optional<UUID> doneLesson(UUID tutor, UUID student) {
        return scheduling
                .latestDoneLessonBetween(TutorId.of(tutor), UserId.of(student))
                .map(BookingId::value);
    }

    private CurrentUser user(String name, Role role) {
        UUID id = accounts.findUserByEmail(name + "@lyceum.local")
                .orElseThrow(() -> new IllegalStateException("No demo user " + name + "@lyceum.local"))
                .id();
        return new CurrentUser(UserId.of(id), TenantContext.require(), role, null);
    }
}
