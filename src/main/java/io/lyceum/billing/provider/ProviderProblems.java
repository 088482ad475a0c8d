package io.lyceum.billing.provider;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem+json answers for a {@link ProviderException} in billing's payment-method and sandbox routes: the provider's
 * own code travels as {@code providerCode} next to Lyceum's {@code code}, so a client can show Stripe's reason (for
 * example {@code incorrect_number}, {@code resource_missing}). A provider that cannot be reached is a 503.
 */
public final class ProviderProblems {

    private ProviderProblems() {}

    public static ResponseEntity<ProblemDetail> of(ProviderException e, String code, HttpServletRequest request) {
        if (e.retryable()) {
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "payment.provider_unavailable",
                    "The payment provider cannot be reached; try again shortly.",
                    e.code(),
                    request);
        }
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, code, e.getMessage(), e.code(), request);
    }

    static ResponseEntity<ProblemDetail> problem(
            HttpStatus status,
            String code,
            @Nullable String detail,
            @Nullable String providerCode,
            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:lyceum:problem:" + code));
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code);
        if (providerCode != null) {
            problem.setProperty("providerCode", providerCode);
        }
        String traceId = MDC.get("requestId");
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
