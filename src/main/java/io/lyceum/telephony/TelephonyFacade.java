package io.lyceum.telephony;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The telephony module's answers to other modules. No transaction here: the send methods call providers. */
@Service
class TelephonyFacade implements TelephonyApi {

    private final SmsSending sms;
    private final CallPlacing calls;
    private final OptOuts optOuts;

    TelephonyFacade(SmsSending sms, CallPlacing calls, OptOuts optOuts) {
        this.sms = sms;
        this.calls = calls;
        this.optOuts = optOuts;
    }

    @Override
    public SmsResult sendSms(OutgoingSms message) {
        return sms.send(message);
    }

    @Override
    public CallResult placeCall(OutgoingCall call) {
        return calls.place(call);
    }

    @Override
    public boolean optedOut(UUID tenantId, String e164) {
        return TenantContext.callAs(new TenantId(tenantId), () -> optOuts.optedOut(e164));
    }
}
