package io.lyceum.scheduling;

import io.lyceum.platform.BoundedRead;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Webhooks")
class LessonspaceWebhookController {

    static final String SIGNATURE_HEADER = "X-Lessonspace-Signature";
    /** Events are small; a larger body is refused before it is read into memory. */
    static final int MAX_BODY_BYTES = 256 * 1024;

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
    @ApiResponse(responseCode = "413", description = "A body over 256 KiB: `webhook.too_large`")
    @RequestBody(content = @Content(mediaType = "application/json"), description = "The event, signed as it is")
    Map<String, String> receive(
            @Parameter(description = "t=<unix seconds>,v1=<hex>")
                    @RequestHeader(value = SIGNATURE_HEADER, required = false)
                    @Nullable
                    String signature,
            HttpServletRequest request)
            throws IOException {
        var outcome = webhooks.receive(signature, body(request));
        return Map.of("status", outcome.name().toLowerCase(Locale.ROOT));
    }

    /** The raw body, exactly as signed, at most {@link #MAX_BODY_BYTES}. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return BoundedRead.readAtMost(
                    in, request.getContentLengthLong(), MAX_BODY_BYTES, LessonspaceWebhookController::tooLarge);
        }
    }

    private static LyceumException tooLarge() {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE, "webhook.too_large", "A webhook body is at most 256 KiB.");
    }
}
