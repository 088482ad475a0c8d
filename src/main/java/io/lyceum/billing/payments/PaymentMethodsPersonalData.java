package io.lyceum.billing.payments;

import io.lyceum.accounts.PersonalDataContributor;
import io.lyceum.billing.payments.PaymentMethodStore.SavedMethod;
import io.lyceum.tenancy.TenantContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Saved payment methods in a personal-data export: what Lyceum keeps (brand, last four digits, expiry), no more. */
@Component
class PaymentMethodsPersonalData implements PersonalDataContributor {

    private final PaymentMethodStore store;

    PaymentMethodsPersonalData(PaymentMethodStore store) {
        this.store = store;
    }

    @Override
    public String section() {
        return "paymentMethods";
    }

    @Override
    public Map<String, Object> collect(UUID userId) {
        List<Map<String, Object>> methods = store.listAll(TenantContext.require(), userId).stream()
                .map(PaymentMethodsPersonalData::entry)
                .toList();
        return Map.of("savedPaymentMethods", methods);
    }

    private static Map<String, Object> entry(SavedMethod method) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", method.id());
        entry.put("provider", method.provider());
        entry.put("providerPaymentMethodId", method.providerMethodId());
        entry.put("brand", method.brand());
        entry.put("last4", method.last4());
        entry.put("expMonth", method.expMonth());
        entry.put("expYear", method.expYear());
        entry.put("funding", method.funding());
        entry.put("createdAt", method.createdAt());
        entry.put("removedAt", method.removedAt());
        return entry;
    }
}
