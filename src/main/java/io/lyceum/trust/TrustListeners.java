package io.lyceum.trust;

import io.lyceum.catalog.TutorApproved;
import io.lyceum.catalog.TutorReinstated;
import io.lyceum.reviews.StudentRated;
import io.lyceum.reviews.TutorRatingChanged;
import io.lyceum.scheduling.BookingStateChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Events that change an input of a score enqueue its subject (deduplicated: one waiting row per subject). Idempotent,
 * so a redelivered event costs nothing.
 */
@Component
class TrustListeners {

    private final Scoring scoring;

    TrustListeners(Scoring scoring) {
        this.scoring = scoring;
    }

    /** Every booking transition moves a rate, a count or a response time of both sides. */
    @ApplicationModuleListener
    void on(BookingStateChanged event) {
        scoring.enqueue(SubjectKind.TUTOR, event.tutorId().value(), "booking " + event.to());
        scoring.enqueue(SubjectKind.CLIENT, event.studentId().value(), "booking " + event.to());
    }

    @ApplicationModuleListener
    void on(TutorRatingChanged event) {
        scoring.enqueue(SubjectKind.TUTOR, event.tutorId(), "reviews changed");
    }

    @ApplicationModuleListener
    void on(StudentRated event) {
        scoring.enqueue(SubjectKind.CLIENT, event.studentId(), "rated by a tutor");
    }

    /** A published profile changed (approval or approved changes) or came back. */
    @ApplicationModuleListener
    void on(TutorApproved event) {
        scoring.enqueue(SubjectKind.TUTOR, event.tutorId(), "profile approved");
    }

    @ApplicationModuleListener
    void on(TutorReinstated event) {
        scoring.enqueue(SubjectKind.TUTOR, event.tutorId(), "profile reinstated");
    }
}
