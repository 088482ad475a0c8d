package io.lyceum.platform.web;

import io.lyceum.shared.PageQuery;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Binds {@code ?page=&size=&sort=field,dir} to a {@link PageQuery}, answering bad values with a 400 problem. */
class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return PageQuery.class.equals(parameter.getParameterType());
    }

    @Override
    public PageQuery resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binderFactory) {
        int page = intParameter(request, "page", 0);
        int size = intParameter(request, "size", PageQuery.DEFAULT_SIZE);
        List<PageQuery.Sort> sort = new ArrayList<>();
        String[] sortValues = request.getParameterValues("sort");
        if (sortValues != null) {
            for (String value : sortValues) {
                sort.add(parseSort(value));
            }
        }
        return new PageQuery(page, size, sort);
    }

    private static PageQuery.Sort parseSort(String value) {
        String[] parts = value.split(",", -1);
        String field = parts[0].trim();
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(java.util.Locale.ROOT) : "asc";
        if (field.isEmpty() || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw PageQuery.invalid("sort", "must look like field,asc or field,desc");
        }
        return new PageQuery.Sort(field, direction.equals("asc"));
    }

    private static int intParameter(NativeWebRequest request, String name, int fallback) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw PageQuery.invalid(name, "must be a whole number");
        }
    }
}
