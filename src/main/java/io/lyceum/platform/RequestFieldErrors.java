package io.lyceum.platform;

import io.lyceum.shared.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.springframework.validation.Errors;

/**
 * Bean validation's findings as the {@code errors[]} of a problem. The problem handler uses it for a request that
 * failed validation; a controller that checks business rules too takes the binding result itself and reports both
 * kinds in one answer, so a caller never fixes a request in two rounds.
 */
public final class RequestFieldErrors {

    private RequestFieldErrors() {}

    public static List<FieldError> of(Errors result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors()
                .forEach(error -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
        result.getGlobalErrors()
                .forEach(error -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
        return errors;
    }
}
