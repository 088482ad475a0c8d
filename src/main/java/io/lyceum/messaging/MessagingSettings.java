package io.lyceum.messaging;

/**
 * A tenant's messaging rules.
 *
 * @param maskContactsUntilPaid hide contact details between a student's side and a tutor until their first paid lesson
 * @param guardiansReadMinors guardians may read their linked students' conversations with tutors (safeguarding)
 * @param firstContactAllowed a student or guardian may write to a tutor before any booking
 */
record MessagingSettings(boolean maskContactsUntilPaid, boolean guardiansReadMinors, boolean firstContactAllowed) {

    static final MessagingSettings DEFAULTS = new MessagingSettings(true, true, false);
}
