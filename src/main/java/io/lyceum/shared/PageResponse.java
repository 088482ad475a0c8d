package io.lyceum.shared;

import java.util.List;
import java.util.function.Function;

/** A page of results in the shape of DESIGN.md section 3: {@code {"content":[...],"page":{...}}}. */
public record PageResponse<T>(List<T> content, PageMetadata page) {

    public static <T> PageResponse<T> of(List<T> content, PageQuery query, long totalElements) {
        int totalPages = (int) ((totalElements + query.size() - 1) / query.size());
        return new PageResponse<>(
                List.copyOf(content), new PageMetadata(query.page(), query.size(), totalElements, totalPages));
    }

    public <R> PageResponse<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResponse<>(content.stream().<R>map(mapper).toList(), page);
    }

    /** Position of a page within the whole result. */
    public record PageMetadata(int number, int size, long totalElements, int totalPages) {}
}
