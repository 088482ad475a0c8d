package io.lyceum.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
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
    private final ApplicationAvailability availability;

    HealthController(HealthEndpoint health, ApplicationAvailability availability) {
        this.health = health;
        this.availability = availability;
    }

    @GetMapping("/health")
    @Operation(
            summary = "Overall health",
            description = "200 with UP when the service and its database are healthy and it accepts traffic: only "
                    + "after start-up work such as loading the demo data has finished (until then, and while "
                    + "shutting down, 503 with OUT_OF_SERVICE).")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "UP")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "503",
            description = "DOWN, or OUT_OF_SERVICE while starting or stopping",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            mediaType = "application/json",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = HealthStatus.class)))
    ResponseEntity<HealthStatus> health() {
        var descriptor = health.health();
        Status status = descriptor != null ? descriptor.getStatus() : Status.UNKNOWN;
        // readiness turns ACCEPTING_TRAFFIC only after every ApplicationReadyEvent listener (the demo data load)
        if (Status.UP.equals(status) && availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            status = Status.OUT_OF_SERVICE;
        }
        return ResponseEntity.status(Status.UP.equals(status) ? 200 : 503)
                .cacheControl(CacheControl.noStore())
                .body(new HealthStatus(status.getCode()));
    }

    record HealthStatus(String status) {}
}
