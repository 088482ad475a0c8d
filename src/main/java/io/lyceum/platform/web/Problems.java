package io.lyceum.platform.web;

import io.lyceum.shared.FieldError;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem details with Lyceum's extra members: {@code code}, {@code traceId} and {@code errors}. */
final class Problems {

    private static final String TYPE_PREFIX = "urn:lyceum:problem:";

    private Problems() {}

    static ProblemDetail problem(
            HttpStatusCode status, String code, @Nullable String detail, @Nullable String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("code", code);
        String traceId = RequestIdFilter.current();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

    static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    static ResponseEntity<Object> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Problem codes for errors raised by the framework rather than by a module. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "request.malformed";
            case 401 -> "auth.unauthenticated";
            case 403 -> "auth.forbidden";
            case 404 -> "route.not_found";
            case 405 -> "request.method_not_allowed";
            case 406 -> "request.not_acceptable";
            case 413 -> "request.too_large";
            case 415 -> "request.unsupported_media_type";
            case 429 -> "request.rate_limited";
            case 503 -> "service.unavailable";
            default -> status >= 500 ? "internal.error" : "request.error";
        };
    }
}
