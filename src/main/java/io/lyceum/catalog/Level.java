package io.lyceum.catalog;

/** The fixed vocabulary of levels a subject is taught at. */
public enum Level {
    PRIMARY,
    GCSE,
    A_LEVEL,
    IB,
    UNIVERSITY,
    ADULT
}
