package io.lyceum.catalog;

/** How a course pack's lessons are scheduled: booked freely, or on fixed dates set by the tutor. */
enum SchedulingType {
    FLEXIBLE,
    STRICT
}
