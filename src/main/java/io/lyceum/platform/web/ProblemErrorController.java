package io.lyceum.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC, such as in filters) with the same
 * problem+json shape as everything else, replacing Boot's whitelabel/JSON error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500) {
            log.error("Unhandled error on {}", uri, failure);
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String detail = status >= 500
                ? "An unexpected error occurred. Quote the traceId when reporting it."
                : resolved != null ? resolved.getReasonPhrase() : "Error";
        return Problems.response(Problems.problem(
                org.springframework.http.HttpStatusCode.valueOf(status),
                Problems.codeFor(status),
                detail,
                uri != null ? uri.toString() : null));
    }
}
