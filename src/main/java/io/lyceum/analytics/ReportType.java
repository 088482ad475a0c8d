package io.lyceum.analytics;

/** What an analytics report lists; each type is one CSV layout of {@link ReportWriter}. */
enum ReportType {
    /** Every booking whose lesson starts in the period. */
    BOOKINGS,
    /** Money per month and currency from the ledger. */
    REVENUE,
    /** Per tutor: bookings by outcome and hours taught. */
    TUTORS,
    /** Every user registered in the period. */
    USERS,
    /** Tutors' withdrawals requested in the period. */
    PAYOUTS
}
