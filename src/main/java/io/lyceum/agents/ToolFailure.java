package io.lyceum.agents;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * A refused or failed tool call in the problem shape REST answers (status, code, detail, errors), so a refusal over
 * MCP reads like the same refusal over REST.
 */
record ToolFailure(int status, String code, @Nullable String detail, List<FieldError> errors) {

    private static final Logger log = LoggerFactory.getLogger(ToolFailure.class);

    static ToolFailure of(RuntimeException e) {
        if (e instanceof LyceumException le) {
            return new ToolFailure(le.kind().status(), le.code(), le.getMessage(), le.fieldErrors());
        }
        if (e instanceof AccessDeniedException) {
            // what ProblemDetailsAdvice answers for a @PreAuthorize refusal
            return new ToolFailure(403, "auth.forbidden", "You are not allowed to do this.", List.of());
        }
        log.error("A tool call failed", e);
        return new ToolFailure(500, "agents.tool_failed", "The tool failed on our side; try again later.", List.of());
    }

    Map<String, Object> asMap() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            problem.put(
                    "errors",
                    errors.stream()
                            .map(e -> Map.of("field", e.field(), "message", e.message()))
                            .toList());
        }
        return problem;
    }
}
