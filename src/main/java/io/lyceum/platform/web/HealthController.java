package io.lyceum.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health}: the aggregate status only, for load balancers and uptime checks (seed 004). */
@RestController
@Tag(name = "Health")
class HealthController {

    private final HealthEndpoint health;

    HealthController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/health")
    @Operation(summary = "Overall health", description = "200 with UP when the service and its database are healthy.")
    ResponseEntity<HealthStatus> health() {
        var descriptor = health.health();
        Status status = descriptor != null ? descriptor.getStatus() : Status.UNKNOWN;
        return ResponseEntity.status(Status.UP.equals(status) ? 200 : 503)
                .cacheControl(CacheControl.noStore())
                .body(new HealthStatus(status.getCode()));
    }

    record HealthStatus(String status) {}
}
