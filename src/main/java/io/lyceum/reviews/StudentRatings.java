package io.lyceum.reviews;

import java.math.BigDecimal;

/** The private ratings tutors gave a student: how many and their mean (null when none). */
public record StudentRatings(int count, BigDecimal average) {}
