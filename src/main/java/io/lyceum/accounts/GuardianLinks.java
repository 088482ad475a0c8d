package io.lyceum.accounts;

import io.lyceum.accounts.GuardianLinkStore.Link;
import io.lyceum.accounts.GuardianLinkStore.LinkedUser;
import io.lyceum.mail.Outbox;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TooManyRequestsException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Guardian–student links (seed 000's profile graph). Two ways to link, both ending in an ACTIVE link:
 *
 * <ul>
 *   <li>a guardian invites a student by email; the student accepts with the emailed invitation code (7 days);
 *   <li>a student creates a short-lived pairing code (15 minutes) and gives it to the guardian, who redeems it.
 * </ul>
 *
 * Codes are single use, stored hashed, bound to their tenant, and wrong codes are limited per user and hour. Either
 * party may revoke a link. An invitation answers the same whether or not the address belongs to a student.
 */
@Service
class GuardianLinks {

    static final Duration INVITATION_WINDOW = Duration.ofHours(24);
    static final String INVALID_CODE = "link.invalid_code";

    private final GuardianLinkStore links;
    private final LinkCodeStore codes;
    private final LinkCodeAttempts attempts;
    private final UserStore users;
    private final Outbox outbox;
    private final LinkProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GuardianLinks(
            GuardianLinkStore links,
            LinkCodeStore codes,
            LinkCodeAttempts attempts,
            UserStore users,
            Outbox outbox,
            LinkProperties properties,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.links = links;
        this.codes = codes;
        this.attempts = attempts;
        this.users = users;
        this.outbox = outbox;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    record PairingCodeIssued(String code, Instant expiresAt) {}

    /**
     * A guardian invites a student by email. The code is emailed only when an active student has the address; the
     * invitation is recorded (and counts towards the daily allowance) either way, so nothing reveals which addresses
     * belong to students. Returns when the invitation expires.
     */
    Instant invite(UUID guardianId, String studentEmail) {
        Instant now = clock.instant();
        Instant since = now.minus(INVITATION_WINDOW);
        if (codes.invitationsSince(guardianId, since) >= properties.maxInvitationsPerDay()) {
            Instant oldest = codes.oldestInvitationSince(guardianId, since).orElse(now);
            throw new TooManyRequestsException(
                    "link.too_many_invitations",
                    "You have sent the most invitations allowed in 24 hours. Try again later.",
                    Duration.between(now, oldest.plus(INVITATION_WINDOW)));
        }
        Instant expiresAt = now.plus(properties.invitationTtl());
        String email = UserStore.normalize(studentEmail);
        String code = LinkCodeStore.newCode(LinkCodeStore.INVITATION_CODE_LENGTH);
        transactions.executeWithoutResult(status -> {
            codes.insertInvitation(guardianId, email, code, now, expiresAt);
            User guardian = users.findById(guardianId).orElseThrow();
            users.findByEmail(email)
                    .filter(user -> user.role() == Role.STUDENT && user.status() == UserStatus.ACTIVE)
                    .filter(student -> !links.isActive(guardianId, student.id()))
                    .ifPresent(student -> {
                        links.insert(Ids.newId(), guardianId, student.id(), LinkStatus.PENDING, now);
                        sendInvitation(guardian, student, code);
                        events.publishEvent(new GuardianLinkRequested(
                                TenantContext.require(),
                                UserId.of(guardianId),
                                UserId.of(student.id()),
                                expiresAt,
                                now));
                    });
        });
        return expiresAt;
    }

    private void sendInvitation(User guardian, User student, String code) {
        outbox.email(student.email(), guardian.fullName() + " invites you to link your Lyceum account", """
                Hello %s,

                %s (%s) asks to be linked to your Lyceum account as your parent or guardian. Once linked, they can
                book and pay for lessons for you and follow your progress.

                Your invitation code is %s. It is valid for %d days.
                To accept, sign in and enter the code (POST /api/v1/links/accept with {"invitationCode": "%s"}).

                If you do not know this person, ignore this email; you can also decline the invitation in your
                account. You can end a link at any time.
                """.formatted(
                        student.fullName(),
                        guardian.fullName(),
                        guardian.email(),
                        code,
                        properties.invitationTtl().toDays(),
                        code));
    }

    /** A student's new pairing code for a guardian to redeem; supersedes the student's previous code. */
    PairingCodeIssued issuePairingCode(UUID studentId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.pairingCodeTtl());
        return transactions.execute(status -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                String code = LinkCodeStore.newCode(LinkCodeStore.PAIRING_CODE_LENGTH);
                if (codes.insertPairingCode(studentId, code, now, expiresAt)) {
                    return new PairingCodeIssued(code, expiresAt);
                }
            }
            throw new IllegalStateException("Could not draw an unused pairing code");
        });
    }

    /** A student accepts a guardian's invitation. */
    Link acceptInvitation(CurrentUser caller, String code) {
        requireRole(caller, Role.STUDENT, "Only the invited student can accept an invitation code.");
        return counted(
                caller.userId().value(),
                () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    var invitation = codes.lockInvitation(code)
                            .filter(i -> i.expiresAt().isAfter(now))
                            .orElseThrow(GuardianLinks::invalidCode);
                    User student = users.findById(caller.userId().value()).orElseThrow(GuardianLinks::invalidCode);
                    if (!UserStore.normalize(student.email()).equals(invitation.studentEmailNormalized())) {
                        throw invalidCode(); // the invitation was sent to someone else
                    }
                    User guardian = users.findById(invitation.guardianId())
                            .filter(u -> u.role() == Role.GUARDIAN && u.status() == UserStatus.ACTIVE)
                            .orElseThrow(GuardianLinks::invalidCode);
                    Link link = activate(guardian.id(), student.id(), now);
                    codes.consumeInvitation(invitation.id(), student.id(), now);
                    return link;
                }));
    }

    /** A guardian redeems a student's pairing code. */
    Link redeemPairingCode(CurrentUser caller, String code) {
        requireRole(caller, Role.GUARDIAN, "Only a guardian can redeem a pairing code.");
        return counted(
                caller.userId().value(),
                () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    var pairing = codes.lockPairingCode(code)
                            .filter(p -> p.expiresAt().isAfter(now))
                            .orElseThrow(GuardianLinks::invalidCode);
                    User student = users.findById(pairing.studentId())
                            .filter(u -> u.role() == Role.STUDENT && u.status() == UserStatus.ACTIVE)
                            .orElseThrow(GuardianLinks::invalidCode);
                    Link link = activate(caller.userId().value(), student.id(), now);
                    codes.consumePairingCode(pairing.id(), caller.userId().value(), now);
                    return link;
                }));
    }

    /** Runs a code check as one attempt of the user; only a wrong code keeps counting against the hourly limit. */
    private Link counted(UUID userId, Supplier<Link> check) {
        UUID attempt = attempts.reserve(userId);
        try {
            Link link = check.get();
            attempts.release(attempt);
            return link;
        } catch (LyceumException e) {
            if (!INVALID_CODE.equals(e.code())) {
                attempts.release(attempt);
            }
            throw e;
        } catch (RuntimeException e) {
            attempts.release(attempt);
            throw e;
        }
    }

    /** Makes the pair's link ACTIVE: a pending one is accepted, else a new one created. */
    private Link activate(UUID guardianId, UUID studentId, Instant now) {
        Link open = links.lockOpen(guardianId, studentId).orElse(null);
        Link link;
        if (open != null && open.status() == LinkStatus.ACTIVE) {
            throw alreadyLinked();
        } else if (open != null) {
            links.activate(open.id(), now);
            link = new Link(open.id(), guardianId, studentId, LinkStatus.ACTIVE, open.createdAt(), now);
        } else {
            UUID id = Ids.newId();
            if (!links.insert(id, guardianId, studentId, LinkStatus.ACTIVE, now)) {
                throw alreadyLinked(); // a parallel request linked the pair first
            }
            link = new Link(id, guardianId, studentId, LinkStatus.ACTIVE, now, now);
        }
        events.publishEvent(new GuardianLinked(
                link.id(), TenantContext.require(), UserId.of(guardianId), UserId.of(studentId), now));
        return link;
    }

    /**
     * Either party ends a link; a student declining a pending invitation also withdraws the guardian's live
     * invitations. Anyone else's link, and an already revoked one, is not found.
     */
    void revoke(CurrentUser caller, UUID linkId) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Link link = links.lockOpenOfParty(linkId, caller.userId().value())
                    .orElseThrow(() -> LyceumException.notFound("link.not_found", "No such link."));
            links.revoke(link.id(), caller.userId().value(), now);
            users.findById(link.studentId())
                    .ifPresent(student ->
                            codes.withdrawInvitations(link.guardianId(), UserStore.normalize(student.email()), now));
            if (link.status() == LinkStatus.ACTIVE) {
                events.publishEvent(new GuardianUnlinked(
                        link.id(),
                        TenantContext.require(),
                        UserId.of(link.guardianId()),
                        UserId.of(link.studentId()),
                        caller.userId().value(),
                        now));
            }
        });
    }

    PageResponse<LinkedUser> studentsOf(UUID guardianId, PageQuery query) {
        return links.studentsOf(guardianId, query);
    }

    PageResponse<LinkedUser> guardiansOf(UUID studentId, LinkStatus status, PageQuery query) {
        if (status == LinkStatus.REVOKED) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "List ACTIVE links or PENDING invitations.",
                    List.of(new FieldError("status", "must be ACTIVE or PENDING")));
        }
        return links.guardiansOf(studentId, status, query);
    }

    boolean mayActFor(UUID actorId, UUID studentId) {
        if (actorId == null || studentId == null) {
            return false;
        }
        return actorId.equals(studentId) || links.isActive(actorId, studentId);
    }

    List<UUID> activeStudentsOf(UUID guardianId) {
        return links.activeStudentsOf(guardianId);
    }

    /** For demo data and admin tools: links a guardian and a student directly, as if a code had been accepted. */
    Link linkDirectly(UUID guardianId, UUID studentId) {
        return transactions.execute(status -> activate(guardianId, studentId, clock.instant()));
    }

    private static void requireRole(CurrentUser caller, Role role, String detail) {
        if (caller.role() != role) {
            throw LyceumException.forbidden("link.wrong_role", detail);
        }
    }

    static LyceumException invalidCode() {
        return new LyceumException(
                ErrorKind.UNPROCESSABLE,
                INVALID_CODE,
                "The code is not valid: it may be mistyped, expired or already used. Ask for a new one.");
    }

    private static LyceumException alreadyLinked() {
        return LyceumException.conflict("link.already_linked", "You are already linked to this person.");
    }
}
