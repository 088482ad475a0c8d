package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tutor's withdrawal finished at the provider: {@code paid}, or failed with {@code failureMessage} (the money is back
 * in the wallet).
 */
public record PayoutCompleted(
        TenantId tenantId,
        UUID withdrawalId,
        TutorId tutorId,
        Money amount,
        boolean paid,
        @Nullable String failureMessage,
        Instant occurredAt)
        implements TenantEvent {}
