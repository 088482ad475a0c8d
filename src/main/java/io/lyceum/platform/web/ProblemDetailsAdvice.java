package io.lyceum.platform.web;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into {@code application/problem+json} (DESIGN.md section 3).
 * Framework errors get stable codes; {@link LyceumException}s carry their own; anything unexpected is logged with the
 * trace id and answered as a 500 without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(LyceumException.class)
    ResponseEntity<Object> handleLyceum(LyceumException e, HttpServletRequest request) {
        var problem = Problems.problem(
                HttpStatusCode.valueOf(e.kind().status()), e.code(), e.getMessage(), request.getRequestURI());
        Problems.withErrors(problem, e.fieldErrors());
        e.problemProperties().forEach(problem::setProperty);
        var response = ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        if (e instanceof io.lyceum.shared.TooManyRequestsException limited) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
        } else if (e instanceof io.lyceum.shared.ServiceBusyException busy) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(busy.retryAfterSeconds()));
        } else if (e.kind().status() == 429) {
            response.header(HttpHeaders.RETRY_AFTER, "60");
        }
        if (e.kind().status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(problem);
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(
            org.springframework.security.access.AccessDeniedException e, HttpServletRequest request) {
        return Problems.response(Problems.problem(
                HttpStatus.FORBIDDEN, "auth.forbidden", "You are not allowed to do this.", request.getRequestURI()));
    }

    @ExceptionHandler(org.springframework.security.core.AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(
            org.springframework.security.core.AuthenticationException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(Problems.problem(
                        HttpStatus.UNAUTHORIZED,
                        "auth.unauthenticated",
                        "Sign in first: send a valid access token.",
                        request.getRequestURI()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() != null ? e.getRequiredType().getSimpleName() : "another type";
        String message = "must be a valid " + expected;
        var problem = Problems.problem(
                HttpStatus.BAD_REQUEST,
                "request.invalid_parameter",
                "Parameter '" + e.getName() + "' " + message + ".",
                request.getRequestURI());
        return Problems.response(Problems.withErrors(problem, List.of(new FieldError(e.getName(), message))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        var problem = Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "request.validation_failed",
                "The request has invalid fields.",
                request.getRequestURI());
        return Problems.response(Problems.withErrors(problem, errors));
    }

    @ExceptionHandler({OptimisticLockingFailureException.class, PessimisticLockingFailureException.class})
    ResponseEntity<Object> handleConcurrentUpdate(RuntimeException e, HttpServletRequest request) {
        return Problems.response(Problems.problem(
                HttpStatus.CONFLICT,
                "request.concurrent_update",
                "The resource was changed by another request; reload and try again.",
                request.getRequestURI()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException e, HttpServletRequest request) {
        // modules translate the constraints they expect; one that slips through is still the caller's conflict
        log.warn("Unmapped integrity violation: {}", e.getMostSpecificCause().getMessage());
        return Problems.response(Problems.problem(
                HttpStatus.CONFLICT,
                "request.conflict",
                "The request conflicts with the current state of the resource.",
                request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(Problems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal.error",
                "An unexpected error occurred. Quote the traceId when reporting it.",
                request.getRequestURI()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationFailed(e.getBindingResult(), request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
                .forEach(error -> errors.add(new FieldError(
                        // compiled with -parameters, so the name is there
                        Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), ""),
                        error.getDefaultMessage()))));
        var problem = Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "request.validation_failed",
                "The request has invalid fields.",
                path(request));
        return Problems.response(Problems.withErrors(problem, errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof LyceumException tooLarge && tooLarge.kind() == ErrorKind.PAYLOAD_TOO_LARGE) {
                // the body limit's counter fired inside the JSON reader
                return Problems.response(Problems.problem(
                        HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.code(), tooLarge.getMessage(), path(request)));
            }
        }
        var problem = Problems.problem(
                HttpStatus.BAD_REQUEST,
                "request.malformed_body",
                "The request body is missing or is not valid JSON of the expected shape.",
                path(request));
        return Problems.response(Problems.withErrors(problem, JsonBodyErrors.of(e)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return Problems.response(
                Problems.problem(HttpStatus.NOT_FOUND, "route.not_found", "No endpoint at this path.", path(request)));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = Problems.problem(
                HttpStatus.METHOD_NOT_ALLOWED,
                "request.method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here.",
                path(request));
        var response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        if (e.getSupportedHttpMethods() != null) {
            response.allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new));
        }
        return response.body(problem);
    }

    /** Every other framework exception: keep Spring's status and headers, add our members. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null
                ? pd.getDetail()
                : HttpStatus.valueOf(status.value()).getReasonPhrase();
        var problem = Problems.problem(status, Problems.codeFor(status.value()), detail, path(request));
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<Object> validationFailed(BindingResult result, WebRequest request) {
        List<FieldError> errors = io.lyceum.platform.RequestFieldErrors.of(result);
        var problem = Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "request.validation_failed",
                "The request has invalid fields.",
                path(request));
        return Problems.response(Problems.withErrors(problem, errors));
    }

    private static @Nullable String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : null;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
