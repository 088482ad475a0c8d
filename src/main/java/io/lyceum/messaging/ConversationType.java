package io.lyceum.messaging;

/**
 * The kinds of conversation. Participant A is the student, guardian or admin; participant B the tutor, or the
 * student in an admin notice channel.
 */
public enum ConversationType {
    STUDENT_TUTOR,
    GUARDIAN_TUTOR,
    /** A notice channel: the admin writes, the student reads and cannot reply. */
    ADMIN_STUDENT,
    ADMIN_TUTOR;

    boolean bOnlyReads() {
        return this == ADMIN_STUDENT;
    }
}
