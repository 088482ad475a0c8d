package io.lyceum.billing.offers;

import io.lyceum.catalog.CoursePackEnrollments;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers the catalog's questions about enrollments (its SPI), in the current tenant. */
@Component
@Transactional(readOnly = true)
class CoursePackEnrollmentsAdapter implements CoursePackEnrollments {

    private final EnrollmentStore store;

    CoursePackEnrollmentsAdapter(EnrollmentStore store) {
        this.store = store;
    }

    /** Paid and in progress: not pending, completed, cancelled or refunded. */
    @Override
    public boolean hasActiveEnrollments(UUID packId) {
        return store.anyWithStatus(packId, null, List.of("ACTIVE"));
    }

    /** Enrolled and paid (in progress or completed): the student may read the pack's materials. */
    @Override
    public boolean isEnrolled(UUID packId, UUID studentId) {
        return store.anyWithStatus(packId, studentId, List.of("ACTIVE", "COMPLETED"));
    }
}
