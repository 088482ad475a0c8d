package io.lyceum.learning;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Transcript uploads may be larger than JSON bodies (1 MB) but far smaller than the application's multipart limit: a
 * multipart upload to the generation route that declares more than {@value #MAX_BYTES} bytes is refused with 413
 * {@code transcript.too_large} before any of it is read or parsed. An upload without a declared length is cut off at
 * the servlet's multipart limit and then checked by size in the controller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class TranscriptUploadLimit extends OncePerRequestFilter {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final String PATH = "/api/v1/courses/generate";

    private final HandlerExceptionResolver errors;

    TranscriptUploadLimit(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !PATH.equals(request.getRequestURI())
                || type == null
                || !type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the multipart envelope adds a little: allow 64 KB of it
        if (request.getContentLengthLong() > MAX_BYTES + 64 * 1024) {
            errors.resolveException(request, response, null, tooLarge());
            return;
        }
        chain.doFilter(request, response);
    }

    static LyceumException tooLarge() {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "transcript.too_large",
                "A transcript upload may be at most 5 MB.",
                List.of(new FieldError("file", "must be at most 5 MB")));
    }
}
