package io.lyceum.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Guardian–student linking.
 *
 * @param invitationTtl how long an emailed invitation code stays valid (7 days)
 * @param pairingCodeTtl how long a student's pairing code stays valid (15 minutes)
 * @param maxWrongCodesPerHour wrong link codes a user may enter within an hour before being refused with 429 (10)
 * @param maxInvitationsPerDay invitations a guardian may send within 24 hours (20)
 */
@ConfigurationProperties("lyceum.links")
record LinkProperties(
        Duration invitationTtl, Duration pairingCodeTtl, Integer maxWrongCodesPerHour, Integer maxInvitationsPerDay) {

    LinkProperties {
        invitationTtl = invitationTtl != null ? invitationTtl : Duration.ofDays(7);
        pairingCodeTtl = pairingCodeTtl != null ? pairingCodeTtl : Duration.ofMinutes(15);
        maxWrongCodesPerHour = maxWrongCodesPerHour != null ? maxWrongCodesPerHour : 10;
        maxInvitationsPerDay = maxInvitationsPerDay != null ? maxInvitationsPerDay : 20;
    }
}
