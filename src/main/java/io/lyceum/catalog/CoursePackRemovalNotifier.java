package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.mail.Outbox;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tells the tutor by email that an admin removed their course pack, with the reason. */
@Component
class CoursePackRemovalNotifier {

    private final AccountsApi accounts;
    private final Outbox outbox;
    private final CoursePackStore store;

    CoursePackRemovalNotifier(AccountsApi accounts, Outbox outbox, CoursePackStore store) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.store = store;
    }

    @ApplicationModuleListener
    void on(CoursePackRemoved event) {
        var tutor = accounts.findUser(event.tutorId().asUser());
        if (tutor.isEmpty() || tutor.get().email() == null) {
            return;
        }
        String title = store.find(event.packId().value())
                .map(CoursePackStore.PackRow::title)
                .orElse("your course pack");
        outbox.email(
                tutor.get().email(),
                "Your course pack was removed",
                "An administrator removed \"" + title + "\" from the catalog.\n\nReason: " + event.reason()
                        + "\n\nEnrolled students are refunded.");
    }
}
