package io.lyceum.platform.web;

import io.lyceum.shared.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the caller's {@code X-Request-Id} (or makes one), echoes it on the response and puts it in the logging
 * context, so every log line and every problem response of a request carries the same id. Incoming ids are only
 * accepted in a safe shape, so they cannot forge log lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = (String) request.getAttribute(ATTRIBUTE);
        if (requestId == null) {
            String incoming = request.getHeader(HEADER);
            requestId = incoming != null && SAFE_ID.matcher(incoming).matches()
                    ? incoming
                    : Ids.newId().toString();
            request.setAttribute(ATTRIBUTE, requestId);
        }
        MDC.put(MDC_KEY, requestId);
        response.setHeader(HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // the error page runs after this filter has cleared the logging context: restore the id for it
        return false;
    }

    /** The id of the request being served on this thread, for problem responses. */
    static String current() {
        return MDC.get(MDC_KEY);
    }
}
