/**
 * Scheduling: tutors' availability and the free slots computed from it, bookings and their state machine,
 * cancellation and reschedule policy, preliminary meetings, lesson rooms and calendar feeds. Other modules ask
 * {@link io.lyceum.scheduling.SchedulingApi}; billing listens to {@link io.lyceum.scheduling.BookingPlaced} and answers
 * with {@link io.lyceum.scheduling.BookingPaymentSucceeded} or {@link io.lyceum.scheduling.BookingPaymentFailed}, so
 * scheduling never depends on billing.
 */
@NullMarked
@ApplicationModule(
        displayName = "Scheduling",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "catalog", "mail"})
package io.lyceum.scheduling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
