package io.lyceum.shared;

import java.util.List;
import java.util.Set;

/**
 * A validated page request ({@code ?page=0&size=20&sort=field,asc}). Sizes are capped so that no list is unbounded;
 * sort fields are checked against an allow-list by {@link #requireSortable(Set)} before they reach SQL.
 */
public record PageQuery(int page, int size, List<Sort> sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 10_000;

    public PageQuery {
        if (page < 0 || page > MAX_PAGE) {
            throw invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        sort = List.copyOf(sort);
    }

    public static PageQuery first(int size) {
        return new PageQuery(0, size, List.of());
    }

    public long offset() {
        return (long) page * size;
    }

    /** Returns this query after checking every sort field is one the caller allows. */
    public PageQuery requireSortable(Set<String> allowedFields) {
        for (Sort s : sort) {
            if (!allowedFields.contains(s.field())) {
                throw invalid(
                        "sort",
                        "cannot sort by '" + s.field() + "'; allowed: "
                                + allowedFields.stream().sorted().toList());
            }
        }
        return this;
    }

    /** The error for a paging parameter the caller got wrong. */
    public static LyceumException invalid(String field, String message) {
        return new LyceumException(
                ErrorKind.BAD_REQUEST,
                "request.invalid_paging",
                "Invalid paging parameter '" + field + "': " + message + ".",
                List.of(new FieldError(field, message)));
    }

    /** One sort criterion. */
    public record Sort(String field, boolean ascending) {}
}
