package io.lyceum.shared;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Conditional GETs: whether a request's {@code If-None-Match} names the current entity tag. */
public final class ETags {

    private ETags() {}

    /**
     * True when {@code ifNoneMatch} (a comma-separated list of entity tags, or {@code *}) names {@code etag}, compared
     * weakly as RFC 9110 asks for {@code If-None-Match}: a {@code W/} prefix is ignored.
     */
    public static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
