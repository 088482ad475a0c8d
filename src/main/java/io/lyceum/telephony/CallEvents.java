package io.lyceum.telephony;

import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Applies Vapi's call lifecycle messages to the call log: {@code status-update} moves a call forward
 * ({@code queued}, {@code ringing}, {@code in-progress}), the {@code end-of-call-report} records the outcome (from
 * {@code endedReason}), the transcript and the times, and publishes {@link CallCompleted} once. Each message is
 * accepted once (a replay is refused, see {@link WebhookReceipts}) in the transaction of its effects.
 */
@Service
class CallEvents {

    private final CallLogs calls;
    private final WebhookReceipts receipts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CallEvents(
            CallLogs calls,
            WebhookReceipts receipts,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.calls = calls;
        this.receipts = receipts;
        this.transactions = transactions;
        this.events = events;
    }

    /** A {@code status-update}; false when it names a call we never placed or answered. */
    boolean statusUpdate(String provider, JsonNode message) {
        JsonNode call = message.path("call");
        String callId = VapiCalls.text(call, "id");
        String status = VapiCalls.text(message, "status");
        if (callId == null || status == null) {
            throw WebhookRequests.malformed("A status-update names its call and status.");
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            receipts.recordOrRefuse(provider, "status:" + callId + ":" + status);
            var log = calls.lock(provider, callId, logId(call)).orElse(null);
            if (log == null) {
                tx.setRollbackOnly();
                return false;
            }
            DeliveryStatus next =
                    switch (status) {
                        case "queued" -> DeliveryStatus.queued;
                        case "ringing" -> DeliveryStatus.ringing;
                        case "in-progress", "forwarding" -> DeliveryStatus.in_progress;
                        // the end-of-call report says how it ended; until then the call only stops progressing
                        default -> null;
                    };
            if (next != null && rank(next) > rank(log.status())) {
                calls.status(log.id(), callId, next, next == DeliveryStatus.in_progress ? timestamp(message) : null);
            }
            return true;
        }));
    }

    /** An {@code end-of-call-report}; false when it names a call we never placed or answered. */
    boolean endOfCall(String provider, JsonNode message) {
        JsonNode call = message.path("call");
        String callId = VapiCalls.text(call, "id");
        if (callId == null) {
            throw WebhookRequests.malformed("An end-of-call-report names its call.");
        }
        String endedReason = VapiCalls.text(message, "endedReason");
        String outcome = VapiCalls.outcome(endedReason);
        String transcript = VapiCalls.text(message.path("artifact"), "transcript");
        if (transcript == null) {
            transcript = VapiCalls.text(message, "transcript");
        }
        String spoken = transcript == null ? "" : transcript.strip();
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            receipts.recordOrRefuse(provider, "report:" + callId);
            var log = calls.lock(provider, callId, logId(call)).orElse(null);
            if (log == null) {
                tx.setRollbackOnly();
                return false;
            }
            calls.ended(
                    log.id(),
                    callId,
                    DeliveryStatus.valueOf(outcome),
                    outcome,
                    endedReason,
                    spoken,
                    instant(VapiCalls.text(message, "startedAt")),
                    instant(VapiCalls.text(message, "endedAt")));
            events.publishEvent(
                    new CallCompleted(TenantContext.require().value(), log.reference(), callId, outcome, spoken));
            return true;
        }));
    }

    static int rank(DeliveryStatus status) {
        return switch (status) {
            case queued -> 0;
            case ringing -> 1;
            case in_progress -> 2;
            default -> 3;
        };
    }

    /** Our log id, carried in the metadata of calls we place (messages may overtake the provider's answer). */
    private static @Nullable UUID logId(JsonNode call) {
        String id = VapiCalls.text(call.path("metadata"), "callLogId");
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Instant timestamp(JsonNode message) {
        JsonNode millis = message.path("timestamp");
        return millis.isNumber() ? Instant.ofEpochMilli(millis.asLong()) : null;
    }

    private static @Nullable Instant instant(@Nullable String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
