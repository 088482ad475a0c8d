package io.lyceum.telephony;

import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi's server messages for the tenant's calls. The credential is checked on the raw body before it is parsed; the
 * tenant is part of the URL.
 */
@RestController
@Tag(name = "Telephony: webhooks")
class VapiWebhookController {

    private final WebhookRequests requests;
    private final CallPlacing placing;
    private final CallEvents callEvents;
    private final InboundCalls inbound;
    private final TelephonyProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    VapiWebhookController(
            WebhookRequests requests,
            CallPlacing placing,
            CallEvents callEvents,
            InboundCalls inbound,
            TelephonyProperties properties,
            JsonMapper json,
            Clock clock) {
        this.requests = requests;
        this.placing = placing;
        this.callEvents = callEvents;
        this.inbound = inbound;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(value = "/api/v1/telephony/vapi/{tenantId}/events", consumes = MediaType.ALL_VALUE)
    @Operation(
            summary = "Vapi server messages",
            description = "Public; the server URL of the tenant's Vapi assistants and phone number (Lyceum sets it on "
                    + "the calls it places; set it on the phone number for inbound calls). Authenticated before the "
                    + "body is parsed, in constant time: with `lyceum.telephony.vapi.webhook-auth=hmac` (default) "
                    + "`x-vapi-signature` = hex HMAC-SHA256 of `<x-vapi-timestamp>.<raw body>` keyed with the webhook "
                    + "secret, the timestamp within 5 minutes; with `secret`, `x-vapi-secret` = the secret. Missing or "
                    + "wrong is 401 `webhook.invalid_signature`; a message accepted before is 409 `webhook.replayed`. "
                    + "`status-update` and `end-of-call-report` (outcome from `endedReason`, the transcript) update "
                    + "the call log and publish `CallCompleted`; `assistant-request` answers `{\"assistant\": ...}` "
                    + "knowing the caller by verified mobile; `tool-calls` answers `{\"results\": [{\"toolCallId\", "
                    + "\"result\"}]}` (tools `next_lesson`, `cancel_next_lesson`, acting as the caller under the "
                    + "booking rules). Other message types are acknowledged with `{}`. 404 `tenant.not_found`, "
                    + "`call.not_found`; 400 `webhook.malformed`.")
    @ApiResponse(responseCode = "200", description = "{} or the answer the message type expects")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE),
            description = "{\"message\": {\"type\": ..., \"call\": {...}, ...}}, exactly as signed")
    Map<String, Object> events(
            @PathVariable UUID tenantId,
            @Parameter(description = "hex HMAC-SHA256 (webhook-auth hmac)")
                    @RequestHeader(value = VapiSignature.SIGNATURE_HEADER, required = false)
                    String signature,
            @Parameter(description = "Unix seconds (webhook-auth hmac)")
                    @RequestHeader(value = VapiSignature.TIMESTAMP_HEADER, required = false)
                    String timestamp,
            @Parameter(description = "the secret (webhook-auth secret)")
                    @RequestHeader(value = VapiSignature.SECRET_HEADER, required = false)
                    String secret,
            HttpServletRequest request)
            throws IOException {
        String body = requests.body(request);
        String key = placing.provider().webhookSecret();
        boolean authentic = "secret".equals(properties.vapi().webhookAuth())
                ? VapiSignature.secretMatches(key, secret)
                : VapiSignature.hmacMatches(
                        key, timestamp, signature, body, clock.instant(), properties.webhookTolerance());
        if (!authentic) {
            throw WebhookRequests.invalidSignature();
        }
        JsonNode message;
        try {
            message = json.readTree(body).path("message");
        } catch (JacksonException e) {
            throw WebhookRequests.malformed("The body is not JSON.");
        }
        String type = VapiCalls.text(message, "type");
        if (type == null) {
            throw WebhookRequests.malformed("A server message has a type.");
        }
        TenantId tenant = requests.tenant(tenantId);
        String provider = placing.provider().name();
        return TenantContext.callAs(tenant, () -> switch (type) {
            case "status-update" -> known(callEvents.statusUpdate(provider, message));
            case "end-of-call-report" -> known(callEvents.endOfCall(provider, message));
            case "assistant-request" -> inbound.assistant(provider, message);
            case "tool-calls" -> inbound.toolCalls(provider, message);
            default -> Map.of();
        });
    }

    private static Map<String, Object> known(boolean found) {
        if (!found) {
            throw LyceumException.notFound("call.not_found", "No such call.");
        }
        return Map.of();
    }
}
