package io.lyceum.notifications;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.reviews.ReviewPosted;
import java.util.HashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A review of a lesson, to its tutor. Reviews stay blind until both sides have reviewed or the window ends: a blind one
 * is announced without its rating (the tutor learns how and when to read it), a visible one with it.
 */
@Component
class ReviewNotifications {

    private final Notifier notifier;
    private final AccountsApi accounts;

    ReviewNotifications(Notifier notifier, AccountsApi accounts) {
        this.notifier = notifier;
        this.accounts = accounts;
    }

    @ApplicationModuleListener
    void on(ReviewPosted event) {
        boolean visible = !event.visibleFrom().isAfter(event.occurredAt());
        Map<String, Object> values = new HashMap<>();
        values.put("bookingId", event.bookingId().value());
        values.put(
                "student",
                accounts.findUser(event.studentId()).map(UserSummary::fullName).orElse(""));
        values.put("visibleFrom", event.visibleFrom());
        if (visible) {
            values.put("rating", event.rating());
        }
        notifier.notify(
                event.tutorId().value(),
                visible ? NotificationKind.REVIEW_RECEIVED : NotificationKind.REVIEW_RECEIVED_BLIND,
                "review.received:" + event.reviewId(),
                values);
    }
}
