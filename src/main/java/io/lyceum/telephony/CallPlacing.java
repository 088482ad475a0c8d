package io.lyceum.telephony;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places outbound calls: logged first (so server messages that overtake the provider's answer find the call by the
 * log id in the call's metadata), then the provider is called with no transaction open.
 */
@Service
class CallPlacing {

    private static final Logger log = LoggerFactory.getLogger(CallPlacing.class);

    private final CallProvider provider;
    private final CallLogs calls;
    private final CallbackUrls urls;
    private final TelephonyProperties properties;
    private final TransactionTemplate transactions;

    CallPlacing(
            CallProvider provider,
            CallLogs calls,
            CallbackUrls urls,
            TelephonyProperties properties,
            TransactionTemplate transactions) {
        this.provider = provider;
        this.calls = calls;
        this.urls = urls;
        this.properties = properties;
        this.transactions = transactions;
    }

    CallProvider provider() {
        return provider;
    }

    CallResult place(OutgoingCall call) {
        if (!properties.enabled()) {
            return new CallResult(null, DeliveryStatus.failed, "telephony_disabled");
        }
        if (!SmsSending.E164.matcher(call.to()).matches()) {
            return new CallResult(null, DeliveryStatus.failed, "invalid_number");
        }
        TenantId tenant = new TenantId(call.tenantId());
        UUID logId = TenantContext.callAs(
                tenant, () -> transactions.execute(tx -> calls.recordOutbound(call, provider.name())));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("tenantId", call.tenantId().toString());
        metadata.put("callLogId", logId.toString());
        if (call.reference() != null) {
            metadata.put("reference", call.reference());
        }
        VapiCalls.Created created;
        try {
            created = provider.place(call.to(), call.script(), metadata, urls.vapiEvents(call.tenantId()));
        } catch (RuntimeException e) {
            log.warn("Call {} not placed: the provider {} failed: {}", logId, provider.name(), e.toString());
            created = VapiCalls.Created.error("provider_unavailable", e.getMessage());
        }
        VapiCalls.Created answer = created;
        DeliveryStatus status = answer.accepted() ? DeliveryStatus.queued : DeliveryStatus.failed;
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(
                        tx -> calls.placed(logId, answer.id(), status, answer.errorCode())));
        return new CallResult(answer.id(), status, answer.errorCode());
    }
}
