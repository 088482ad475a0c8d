package io.lyceum.telephony;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends text messages and applies their status callbacks. A message is logged before the provider is called (so a
 * status callback that overtakes the provider's answer finds it), the provider is called with no transaction open,
 * and statuses only move forward: a late {@code sent} never overwrites {@code delivered}.
 */
@Service
class SmsSending {

    static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    /** Twilio: the recipient replied STOP to this sender; we stop too. */
    static final String UNSUBSCRIBED = "21610";

    private static final Logger log = LoggerFactory.getLogger(SmsSending.class);

    private final SmsProvider provider;
    private final SmsLog smsLog;
    private final OptOuts optOuts;
    private final CallbackUrls urls;
    private final TelephonyProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    SmsSending(
            SmsProvider provider,
            SmsLog smsLog,
            OptOuts optOuts,
            CallbackUrls urls,
            TelephonyProperties properties,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.provider = provider;
        this.smsLog = smsLog;
        this.optOuts = optOuts;
        this.urls = urls;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
    }

    SmsProvider provider() {
        return provider;
    }

    // a callback of transactions.execute may answer null, which NullAway's non-generic mode cannot express
    @SuppressWarnings("NullAway")
    SmsResult send(OutgoingSms sms) {
        TenantId tenant = new TenantId(sms.tenantId());
        if (!properties.enabled()) {
            return new SmsResult(null, DeliveryStatus.failed, "telephony_disabled");
        }
        if (!E164.matcher(sms.to()).matches()) {
            return TenantContext.callAs(
                    tenant,
                    () -> transactions.execute(tx -> {
                        smsLog.recordOutbound(sms, provider.name(), DeliveryStatus.failed, "invalid_number");
                        return new SmsResult(null, DeliveryStatus.failed, "invalid_number");
                    }));
        }
        UUID id = TenantContext.callAs(
                tenant,
                () -> transactions.execute(tx -> {
                    if (optOuts.optedOut(sms.to())) {
                        smsLog.recordOutbound(sms, provider.name(), DeliveryStatus.refused_opted_out, "opted_out");
                        return null;
                    }
                    return smsLog.recordOutbound(sms, provider.name(), DeliveryStatus.accepted, null);
                }));
        if (id == null) {
            return new SmsResult(null, DeliveryStatus.refused_opted_out, "opted_out");
        }
        TwilioMessages.Sent sent;
        try {
            sent = provider.send(sms.to(), sms.text(), urls.smsStatus(sms.tenantId(), id));
        } catch (RuntimeException e) {
            log.warn("SMS {} not sent: the provider {} failed: {}", id, provider.name(), e.toString());
            sent = TwilioMessages.Sent.error("provider_unavailable", e.getMessage());
        }
        TwilioMessages.Sent answer = sent;
        DeliveryStatus status =
                answer.accepted() ? statusOr(answer.status(), DeliveryStatus.queued) : DeliveryStatus.failed;
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(tx -> {
                    smsLog.sent(id, answer.sid(), status, answer.errorCode());
                    if (UNSUBSCRIBED.equals(answer.errorCode())) {
                        optOuts.optOut(sms.to(), "provider:" + UNSUBSCRIBED);
                    }
                }));
        return new SmsResult(answer.sid(), status, answer.errorCode());
    }

    /**
     * Applies a status callback to our message {@code id} in the current tenant; publishes {@link SmsStatusChanged}
     * when the status moved forward. False when the message is unknown or belongs to another provider message.
     */
    boolean statusChanged(UUID id, String messageSid, String reportedStatus, @Nullable String errorCode) {
        DeliveryStatus status = DeliveryStatus.fromProvider(reportedStatus);
        if (status == null) {
            return false;
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            var message = smsLog.lock(id).orElse(null);
            if (message == null
                    || message.direction() != SmsLog.Direction.OUTBOUND
                    || (message.providerId() != null && !message.providerId().equals(messageSid))) {
                return false;
            }
            if (rank(status) <= rank(message.status())) {
                return true; // out of order or repeated: nothing new
            }
            String error = errorCode == null || errorCode.isBlank() || "0".equals(errorCode) ? null : errorCode;
            smsLog.changeStatus(id, messageSid, status, error);
            events.publishEvent(new SmsStatusChanged(
                    TenantContext.require().value(), message.reference(), messageSid, status, error));
            return true;
        }));
    }

    /** How far along a message is; a status of lower or equal rank never replaces another. */
    static int rank(DeliveryStatus status) {
        return switch (status) {
            case accepted, scheduled -> 0;
            case queued -> 1;
            case sending -> 2;
            case sent -> 3;
            case delivered, undelivered, failed, canceled, refused_opted_out -> 4;
            case read -> 5;
            default -> 0;
        };
    }

    private static DeliveryStatus statusOr(@Nullable String reported, DeliveryStatus fallback) {
        DeliveryStatus status = DeliveryStatus.fromProvider(reported);
        return status == null ? fallback : status;
    }
}
