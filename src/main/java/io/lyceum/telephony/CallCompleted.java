package io.lyceum.telephony;

import io.lyceum.shared.TenantScopedEvent;
import java.util.UUID;

/**
 * A call ended (outbound through {@link TelephonyApi#placeCall}, or inbound).
 *
 * @param reference the caller's reference; null for inbound calls
 * @param outcome {@code completed}, {@code no_answer}, {@code busy}, {@code voicemail} or {@code failed}
 * @param transcript what was said, one line per turn ({@code AI: ...}, {@code User: ...})
 */
public record CallCompleted(UUID tenantId, String reference, String callId, String outcome, String transcript)
        implements TenantScopedEvent {}
