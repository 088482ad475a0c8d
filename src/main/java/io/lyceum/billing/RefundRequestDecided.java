package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An enrollment's refund request was decided: {@link #APPROVED} or {@link #REJECTED} by an admin ({@code decidedBy}),
 * or {@link #AUTO_APPROVED} as it was made ({@code decidedBy} is then the requester). Published once, in the
 * transaction of the decision.
 *
 * @param amount what is refunded (zero when rejected)
 * @param note the admin's note, if any
 */
public record RefundRequestDecided(
        TenantId tenantId,
        UUID requestId,
        UUID enrollmentId,
        UserId studentId,
        UUID requestedBy,
        String status,
        Money amount,
        @Nullable String note,
        UUID decidedBy,
        Instant occurredAt)
        implements TenantEvent {

    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String AUTO_APPROVED = "AUTO_APPROVED";
}
