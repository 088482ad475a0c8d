package io.lyceum.telephony;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: message status callbacks and inbound messages. The {@code X-Twilio-Signature} is checked on the
 * raw body before any parameter is looked at; the tenant is part of the URL (and so of what Twilio signed).
 */
@RestController
@Tag(name = "Telephony: webhooks", description = "Twilio and Vapi call these; see docs/telephony.md.")
class TwilioWebhookController {

    static final String SIGNATURE = "X-Twilio-Signature";

    private final WebhookRequests requests;
    private final SmsSending sms;
    private final InboundSms inbound;
    private final WebhookReceipts receipts;
    private final TransactionTemplate transactions;

    TwilioWebhookController(
            WebhookRequests requests,
            SmsSending sms,
            InboundSms inbound,
            WebhookReceipts receipts,
            TransactionTemplate transactions) {
        this.requests = requests;
        this.sms = sms;
        this.inbound = inbound;
        this.receipts = receipts;
        this.transactions = transactions;
    }

    @PostMapping("/api/v1/telephony/twilio/{tenantId}/status/{messageId}")
    @Operation(
            summary = "Twilio message status callback",
            description =
                    "Public; Twilio (or the local sandbox, which signs exactly as Twilio does) calls the "
                            + "`StatusCallback` URL Lyceum gave with each message. `X-Twilio-Signature` (base64 HMAC-SHA1, keyed "
                            + "with the auth token, of the full URL followed by every POST parameter's name and value sorted "
                            + "by name) is checked before the body is parsed: missing or wrong is 401 "
                            + "`webhook.invalid_signature`. The same status of the same message twice is 409 "
                            + "`webhook.replayed` and changes nothing. Statuses only move forward; each new one is published "
                            + "as `SmsStatusChanged`. 404 `tenant.not_found`, `sms.not_found` for an unknown tenant or message.")
    @ApiResponse(responseCode = "204", description = "Applied (or an older status, ignored)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE),
            description = "Twilio's parameters: MessageSid, MessageStatus, ErrorCode, To, From, AccountSid...")
    ResponseEntity<Void> status(
            @PathVariable UUID tenantId,
            @PathVariable UUID messageId,
            @Parameter(description = "base64 HMAC-SHA1") @RequestHeader(value = SIGNATURE, required = false)
                    String signature,
            HttpServletRequest request)
            throws IOException {
        Map<String, List<String>> params = verified(request, signature);
        String messageSid = FormBody.first(params, "MessageSid");
        String status = FormBody.first(params, "MessageStatus");
        if (messageSid == null || status == null || DeliveryStatus.fromProvider(status) == null) {
            throw WebhookRequests.malformed("A status callback names MessageSid and a known MessageStatus.");
        }
        TenantId tenant = requests.tenant(tenantId);
        boolean known = TenantContext.callAs(
                tenant,
                () -> transactions.execute(tx -> {
                    receipts.recordOrRefuse(
                            TelephonyProperties.TWILIO, "status:" + messageId + ":" + messageSid + ":" + status);
                    boolean applied =
                            sms.statusChanged(messageId, messageSid, status, FormBody.first(params, "ErrorCode"));
                    if (!applied) {
                        tx.setRollbackOnly(); // an unknown message leaves no receipt: a later, correct callback
                        // still applies
                    }
                    return applied;
                }));
        if (!known) {
            throw io.lyceum.shared.LyceumException.notFound("sms.not_found", "No such message.");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(value = "/api/v1/telephony/twilio/{tenantId}/inbound", produces = MediaType.TEXT_XML_VALUE)
    @Operation(
            summary = "Inbound SMS (Twilio messaging webhook)",
            description = "Public; set it as the \"A message comes in\" webhook of the tenant's Twilio number. The "
                    + "signature is checked as for status callbacks (401 `webhook.invalid_signature`); a replayed "
                    + "MessageSid is 409 `webhook.replayed`. Replies, matched whole ignoring case: `YES` from a "
                    + "tutor's verified mobile confirms their oldest requested lesson through the booking rules; "
                    + "`STOP` (`STOPALL`, `UNSUBSCRIBE`, `CANCEL`, `END`, `QUIT`, `REVOKE`, `OPTOUT`) opts the number "
                    + "out; `START`, `UNSTOP` (and `YES`) opt it back in; `HELP`, `INFO`. Anything else, or a number "
                    + "no single user verified, gets a polite answer and changes nothing. The answer is TwiML with "
                    + "one `<Message>`.")
    @ApiResponse(
            responseCode = "200",
            description = "TwiML: <Response><Message>...</Message></Response>",
            content = @Content(mediaType = MediaType.TEXT_XML_VALUE))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE),
            description = "Twilio's parameters: MessageSid, From, To, Body, AccountSid...")
    ResponseEntity<String> inbound(
            @PathVariable UUID tenantId,
            @Parameter(description = "base64 HMAC-SHA1") @RequestHeader(value = SIGNATURE, required = false)
                    String signature,
            HttpServletRequest request)
            throws IOException {
        Map<String, List<String>> params = verified(request, signature);
        String messageSid = FormBody.first(params, "MessageSid");
        if (messageSid == null || messageSid.isBlank()) {
            throw WebhookRequests.malformed("An inbound message names its MessageSid.");
        }
        TenantId tenant = requests.tenant(tenantId);
        String reply = TenantContext.callAs(
                tenant,
                () -> inbound.receive(
                        TelephonyProperties.TWILIO,
                        messageSid,
                        FormBody.first(params, "From"),
                        FormBody.first(params, "To"),
                        FormBody.first(params, "Body")));
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml(reply));
    }

    /** The form parameters, once the signature over the raw body has been checked. */
    private Map<String, List<String>> verified(HttpServletRequest request, String signature) throws IOException {
        String body = requests.body(request);
        Map<String, List<String>> params;
        try {
            params = FormBody.parse(body);
        } catch (FormBody.MalformedForm e) {
            throw WebhookRequests.invalidSignature(); // cannot have been signed by Twilio
        }
        if (!TwilioSignature.matches(sms.provider().authToken(), requests.signedUrl(request), params, signature)) {
            throw WebhookRequests.invalidSignature();
        }
        return params;
    }

    static String twiml(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</Message></Response>";
    }
}
