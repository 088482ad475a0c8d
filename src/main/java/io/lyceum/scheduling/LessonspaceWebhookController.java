package io.lyceum.scheduling;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Webhooks")
class LessonspaceWebhookController {

    static final String SIGNATURE_HEADER = "X-Lessonspace-Signature";

    private final LessonspaceWebhooks webhooks;

    LessonspaceWebhookController(LessonspaceWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/api/v1/webhooks/lessonspace")
    @Operation(
            summary = "Lessonspace events",
            description = "Public; authenticated by the signature header `X-Lessonspace-Signature: t=<unix "
                    + "seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" keyed with "
                    + "lyceum.scheduling.rooms.lessonspace.webhook-secret>`, checked before the body is parsed: "
                    + "missing or wrong is 401 `webhook.invalid_signature`, a timestamp more than 5 minutes off is "
                    + "401 `webhook.stale_signature`. Each event `id` is handled once (a replay answers "
                    + "`duplicate`). `session.end` stores the recording URL and the attendance on the booking "
                    + "whose space it names; other types are acknowledged as `ignored`; an unknown space is "
                    + "`unknown_room`. A signed body that is not a valid event is 400 `webhook.malformed`. 404 "
                    + "`webhook.disabled` when no secret is configured.")
    @ApiResponse(responseCode = "200", description = "{\"status\": \"applied|ignored|unknown_room|duplicate\"}")
    @ApiResponse(responseCode = "400", description = "Signed, but not a valid event")
    @ApiResponse(responseCode = "401", description = "Signature missing, wrong or stale")
    Map<String, String> receive(
            @Parameter(description = "t=<unix seconds>,v1=<hex>")
                    @RequestHeader(value = SIGNATURE_HEADER, required = false)
                    String signature,
            @RequestBody(required = false) byte[] body) {
        var outcome = webhooks.receive(signature, body);
        return Map.of("status", outcome.name().toLowerCase(Locale.ROOT));
    }
}
