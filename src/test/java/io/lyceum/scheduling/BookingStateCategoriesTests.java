package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiTestBase;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** PostgreSQL's state categories (functions of the migration) answer as {@link BookingState}'s do, for every state. */
class BookingStateCategoriesTests extends ApiTestBase {

    private boolean sql(String function, BookingState state) {
        return jdbc.sql("SELECT " + function + "(:state)")
                .param("state", state.name())
                .query(Boolean.class)
                .single();
    }

    private void agree(String function, Predicate<BookingState> category) {
        for (BookingState state : BookingState.values()) {
            assertThat(sql(function, state)).as(function + "('" + state + "')").isEqualTo(category.test(state));
        }
    }

    @Test
    void everySqlCategoryAgreesWithJavaForEveryState() {
        agree("booking_occupies_slot", BookingState::occupiesSlot);
        agree("booking_done", BookingState::done);
        agree("booking_counts_as_taught", BookingState::countsAsTaught);
    }

    @Test
    void theTableAcceptsEveryStateAndNoOther() {
        String check = jdbc.sql("""
                        SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                        WHERE c.conrelid = 'bookings'::regclass AND c.contype = 'c'
                          AND pg_get_constraintdef(c.oid) LIKE '%state%'
                        """).query(String.class).single();
        for (BookingState state : BookingState.values()) {
            assertThat(check).contains("'" + state + "'");
        }
        assertThat(check.split("'[A-Z_]+'", -1)).hasSize(BookingState.values().length + 1);
    }

    @Test
    void theOverlapConstraintsAndTheTrialIndexUseTheCategory() {
        assertThat(jdbc.sql("""
                        SELECT pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = 'bookings'::regclass AND contype = 'x' ORDER BY conname
                        """).query(String.class).list()).hasSize(2).allSatisfy(definition -> assertThat(definition)
                .contains("booking_occupies_slot(state)"));
        assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'bookings_one_trial_idx'")
                        .query(String.class)
                        .single())
                .contains("booking_occupies_slot(state)");
    }
}
