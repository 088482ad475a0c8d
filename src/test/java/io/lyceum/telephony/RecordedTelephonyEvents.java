package io.lyceum.telephony;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only: records telephony's public events whose transaction committed. A plain listener (not a transactional one)
 * so that the event publication registry does not persist a publication for it.
 */
@Component
class RecordedTelephonyEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(Object event) {
        if (!(event instanceof SmsStatusChanged) && !(event instanceof CallCompleted)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.add(event);
                }
            });
        } else {
            events.add(event);
        }
    }

    List<SmsStatusChanged> sms(String reference) {
        return events.stream()
                .filter(SmsStatusChanged.class::isInstance)
                .map(SmsStatusChanged.class::cast)
                .filter(e -> reference.equals(e.reference()))
                .toList();
    }

    List<CallCompleted> calls(String reference) {
        return events.stream()
                .filter(CallCompleted.class::isInstance)
                .map(CallCompleted.class::cast)
                .filter(e -> reference.equals(e.reference()))
                .toList();
    }
}
