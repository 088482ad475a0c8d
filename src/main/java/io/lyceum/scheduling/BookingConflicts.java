package io.lyceum.scheduling;

import io.lyceum.shared.LyceumException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;

/**
 * Runs a booking write and turns the database's refusals into the API's conflicts: a violated exclusion constraint
 * (SQLState 23P01) is 409 {@code booking.slot_unavailable} for the tutor's time and {@code booking.student_busy} for
 * the student's, the one-trial index is {@code booking.trial_used}. Concurrent inserts of overlapping bookings can
 * deadlock while each waits for the other's constraint check (SQLState 40P01); the loser is retried in a new
 * transaction, where it sees the winner and gets its 409.
 */
final class BookingConflicts {

    static final String EXCLUSION_VIOLATION = "23P01";
    static final String UNIQUE_VIOLATION = "23505";
    static final String DEADLOCK = "40P01";
    static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 4;

    private BookingConflicts() {}

    static <T> T guard(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (DataAccessException e) {
                SQLException sql = sqlException(e);
                if (sql == null) {
                    throw e;
                }
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                if (DEADLOCK.equals(state) || SERIALIZATION_FAILURE.equals(state)) {
                    if (attempt < ATTEMPTS) {
                        continue;
                    }
                    throw slotUnavailable();
                }
                if (EXCLUSION_VIOLATION.equals(state)) {
                    throw message.contains("bookings_student_no_overlap") ? studentBusy() : slotUnavailable();
                }
                if (UNIQUE_VIOLATION.equals(state) && message.contains("bookings_one_trial_idx")) {
                    throw trialUsed();
                }
                throw e;
            }
        }
    }

    static LyceumException slotUnavailable() {
        return LyceumException.conflict(
                "booking.slot_unavailable", "The tutor is already booked at that time; choose another slot.");
    }

    static LyceumException studentBusy() {
        return LyceumException.conflict(
                "booking.student_busy", "The student already has a lesson at that time; choose another slot.");
    }

    static LyceumException trialUsed() {
        return LyceumException.conflict(
                "booking.trial_used", "The student has already had (or booked) a trial lesson with this tutor.");
    }

    private static @Nullable SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql;
            }
        }
        return null;
    }
}
