package io.lyceum.messaging;

import java.util.Locale;

/** How a caller may use a conversation; the hub reports it as the member's role when they join. */
enum Access {
    /** A participant who may write. */
    MEMBER,
    /** A participant who only reads: the student in an admin notice channel. */
    VIEWER,
    /** A guardian reading a linked student's conversation with a tutor (tenant safeguarding setting). */
    GUARDIAN,
    /** An admin reading someone else's conversation through an audited action; may moderate, not write. */
    MODERATOR;

    boolean maySend() {
        return this == MEMBER;
    }

    String role() {
        return name().toLowerCase(Locale.ROOT);
    }
}
