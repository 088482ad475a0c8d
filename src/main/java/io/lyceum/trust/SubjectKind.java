package io.lyceum.trust;

/** Whose score: a tutor's (as a teacher) or a client's (a student, as the one lessons are booked for). */
enum SubjectKind {
    TUTOR,
    CLIENT
}
