package io.lyceum.scheduling;

/** How an admin resolved a disputed booking. */
public enum DisputeOutcome {
    /** The student gets the whole price back. */
    REFUND_STUDENT,
    /** The tutor gets the whole price. */
    RELEASE_TUTOR,
    /** The price is split: the student gets a share back, the tutor the rest. */
    SPLIT
}
