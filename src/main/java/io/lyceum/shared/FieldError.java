package io.lyceum.shared;

import org.jspecify.annotations.Nullable;

/** One invalid field of a request, as listed in a problem's {@code errors[]}. */
public record FieldError(String field, @Nullable String message) {}
