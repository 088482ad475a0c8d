package io.lyceum.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A business error with a stable machine-readable {@code code} (for example {@code booking.slot_unavailable}).
 * The web layer renders it as {@code application/problem+json}; the message is safe to show to the caller.
 */
public class LyceumException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;
    private final List<FieldError> fieldErrors;

    public LyceumException(ErrorKind kind, String code, @Nullable String detail) {
        this(kind, code, detail, List.of());
    }

    public LyceumException(ErrorKind kind, String code, @Nullable String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static LyceumException notFound(String code, String detail) {
        return new LyceumException(ErrorKind.NOT_FOUND, code, detail);
    }

    public static LyceumException conflict(String code, String detail) {
        return new LyceumException(ErrorKind.CONFLICT, code, detail);
    }

    public static LyceumException forbidden(String code, String detail) {
        return new LyceumException(ErrorKind.FORBIDDEN, code, detail);
    }

    public static LyceumException invalid(String code, String detail, List<FieldError> fieldErrors) {
        return new LyceumException(ErrorKind.UNPROCESSABLE, code, detail, fieldErrors);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Extra members of the problem document beyond code and errors, such as a payment's decline code. */
    public java.util.Map<String, Object> problemProperties() {
        return java.util.Map.of();
    }
}
