package io.lyceum.notifications;

import static io.lyceum.notifications.NotificationChannel.EMAIL;
import static io.lyceum.notifications.NotificationChannel.SMS;
import static io.lyceum.notifications.NotificationChannel.VOICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.accounts.GuardianLinkRequested;
import io.lyceum.accounts.GuardianLinked;
import io.lyceum.accounts.SecurityNotice;
import io.lyceum.billing.EnrollmentStarted;
import io.lyceum.billing.InvoiceNotice;
import io.lyceum.billing.PackageCreditsExpiring;
import io.lyceum.billing.PaymentSucceeded;
import io.lyceum.billing.PayoutCompleted;
import io.lyceum.billing.RefundRequestDecided;
import io.lyceum.billing.RefundSettled;
import io.lyceum.catalog.TutorApproved;
import io.lyceum.messaging.MessagePosted;
import io.lyceum.reviews.ReviewPosted;
import io.lyceum.scheduling.BookingCancelled;
import io.lyceum.scheduling.BookingConfirmed;
import io.lyceum.scheduling.BookingDeclined;
import io.lyceum.scheduling.BookingDisputeResolved;
import io.lyceum.scheduling.BookingDisputed;
import io.lyceum.scheduling.BookingExpired;
import io.lyceum.scheduling.BookingHoldExpiring;
import io.lyceum.scheduling.BookingNoShowReported;
import io.lyceum.scheduling.BookingReminderDue;
import io.lyceum.scheduling.BookingRequested;
import io.lyceum.scheduling.BookingRescheduled;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.CancellationDecision;
import io.lyceum.scheduling.DisputeOutcome;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.OrderId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One case per event: the module that owns it publishes it (here, as that module would), and exactly the right people
 * are notified, each on the channels their preferences allow. Every case has its own people, in a tenant of its own
 * (so "the tenant's admins" is its owner alone): the student has a verified mobile number and chose SMS instead of
 * email for booking updates and calls for reminders; the others keep the defaults (no mobile: in-app and email).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationRecipientsTests extends ApiTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private String slug;
    private TenantId tenant;
    private SignedIn owner;

    /** The people of one case. */
    record People(SignedIn student, SignedIn guardian, SignedIn tutor, SignedIn owner, TenantId tenant) {
        UUID id(String who) {
            return switch (who) {
                case "student" -> student.userId();
                case "guardian" -> guardian.userId();
                case "tutor" -> tutor.userId();
                case "owner" -> owner.userId();
                default -> throw new IllegalArgumentException(who);
            };
        }
    }

    @BeforeAll
    void tenantOfItsOwn() {
        // before ApiTestBase's @BeforeEach: as the first class of a test JVM, the tests' client would still aim at port
        // 8080
        io.lyceum.testsupport.http.Http.port = port;
        slug = Tenants.uniqueSlug("notify");
        owner = Tenants.newTenantWithOwner(slug);
        tenant = Tenants.idOf(jdbc, slug);
    }

    private People people() {
        SignedIn student = Accounts.newUser("STUDENT", slug);
        SignedIn guardian = Accounts.newUser("GUARDIAN", slug);
        SignedIn tutor = Accounts.newUser("TUTOR", slug);
        TenantContext.runAs(tenant, () -> jdbc.sql(
                        "UPDATE users SET mobile = :m, mobile_verified_at = now() WHERE id = :id")
                .param("m", "+4477009" + (10_000 + Math.abs(student.userId().hashCode() % 89_999)))
                .param("id", student.userId())
                .update());
        student.api()
                .header("X-Tenant", slug)
                .contentType("application/json")
                .body(Map.of(
                        "categories",
                        List.of(
                                Map.of("category", "BOOKING_UPDATES", "email", false, "sms", true),
                                Map.of("category", "LESSON_REMINDERS", "voice", true))))
                .put("/api/v1/notifications/preferences")
                .then()
                .statusCode(200);
        return new People(student, guardian, tutor, owner, tenant);
    }

    static Set<NotificationChannel> channels(NotificationChannel... channels) {
        return channels.length == 0 ? EnumSet.noneOf(NotificationChannel.class) : EnumSet.of(channels[0], channels);
    }

    static Arguments event(
            String name, Function<People, Object> event, String kind, Map<String, Set<NotificationChannel>> who) {
        return Arguments.of(name, event, kind, who);
    }

    static Stream<Arguments> events() {
        Instant start = LocalDate.now()
                .plusDays(4)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .plusHours(10)
                .toInstant();
        Instant now = Instant.now();
        Money price = Money.of(3000, "GBP");
        return Stream.of(
                event(
                        "paid booking requested",
                        p -> new BookingRequested(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                start,
                                start.plus(Duration.ofHours(1)),
                                start.minus(Duration.ofHours(1)),
                                now),
                        "booking.requested",
                        Map.of("tutor", channels(EMAIL))),
                event(
                        "booking confirmed (automatically)",
                        p -> new BookingConfirmed(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                start,
                                start.plus(Duration.ofHours(1)),
                                now),
                        "booking.confirmed",
                        // scheduling's own invite emails are on by default: no second email
                        Map.of("student", channels(SMS), "guardian", channels(), "tutor", channels())),
                event(
                        "booking declined",
                        p -> new BookingDeclined(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                p.id("tutor"),
                                false,
                                "busy",
                                start,
                                now),
                        "booking.declined",
                        Map.of("student", channels(SMS), "guardian", channels(EMAIL))),
                event(
                        "booking cancelled by the student",
                        p -> new BookingCancelled(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("student"),
                                "STUDENT",
                                "ill",
                                start,
                                new CancellationDecision(price, Money.of(0, "GBP"), Money.of(0, "GBP"), "FREE"),
                                now),
                        "booking.cancelled",
                        Map.of("tutor", channels())),
                event(
                        "booking rescheduled by the tutor",
                        p -> new BookingRescheduled(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("tutor"),
                                start,
                                start.plus(Duration.ofDays(1)),
                                start.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)),
                                now),
                        "booking.rescheduled",
                        Map.of("student", channels(SMS))),
                event(
                        "payment failed, slot released",
                        p -> new BookingExpired(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                BookingExpired.PAYMENT_FAILED,
                                now),
                        "payment.failed",
                        Map.of("student", channels(EMAIL))),
                event(
                        "hold expired",
                        p -> new BookingExpired(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                BookingExpired.HOLD_EXPIRED,
                                now),
                        "booking.hold_expired",
                        Map.of("student", channels(SMS))),
                event(
                        "reminder 1 hour before",
                        p -> new BookingReminderDue(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                BookingReminderDue.HOUR_BEFORE,
                                start,
                                start.plus(Duration.ofHours(1)),
                                now),
                        "reminder.hour",
                        Map.of(
                                "student",
                                channels(EMAIL, SMS, VOICE),
                                "guardian",
                                channels(EMAIL),
                                "tutor",
                                channels(EMAIL))),
                event(
                        "reminder 24 hours before",
                        p -> new BookingReminderDue(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("student"),
                                BookingReminderDue.DAY_BEFORE,
                                start,
                                start.plus(Duration.ofHours(1)),
                                now),
                        "reminder.day",
                        Map.of("student", channels(EMAIL, SMS), "tutor", channels(EMAIL))),
                event(
                        "student reported absent by the tutor",
                        p -> new BookingNoShowReported(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                BookingState.NO_SHOW_STUDENT,
                                p.id("tutor"),
                                "TUTOR",
                                null,
                                price,
                                now.plus(Duration.ofDays(3)),
                                now),
                        "booking.no_show",
                        Map.of("student", channels(SMS))),
                event(
                        "dispute opened by the student",
                        p -> new BookingDisputed(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                BookingState.COMPLETED,
                                p.id("student"),
                                "STUDENT",
                                "never came",
                                now),
                        "dispute.opened",
                        Map.of("tutor", channels(EMAIL), "owner", channels(EMAIL))),
                event(
                        "dispute settled",
                        p -> new BookingDisputeResolved(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                DisputeOutcome.values()[0],
                                price,
                                Money.of(1500, "GBP"),
                                Money.of(1500, "GBP"),
                                p.id("owner"),
                                "half",
                                now),
                        "dispute.settled",
                        Map.of("student", channels(EMAIL), "tutor", channels(EMAIL))),
                event(
                        "package paid by the guardian",
                        p -> new PaymentSucceeded(
                                p.tenant(),
                                OrderId.of(UUID.randomUUID()),
                                "PACKAGE",
                                UUID.randomUUID(),
                                p.id("guardian"),
                                UserId.of(p.id("student")),
                                TutorId.of(p.id("tutor")),
                                "5 lessons",
                                price,
                                now),
                        "payment.receipt",
                        Map.of("guardian", channels(EMAIL))),
                event(
                        "course enrollment started by the guardian",
                        p -> new EnrollmentStarted(
                                p.tenant(),
                                UUID.randomUUID(),
                                CoursePackId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                price,
                                8,
                                now),
                        "enrollment.started",
                        Map.of("student", channels(EMAIL), "guardian", channels(EMAIL), "tutor", channels(EMAIL))),
                event(
                        "refund settled",
                        p -> new RefundSettled(
                                p.tenant(),
                                UUID.randomUUID(),
                                OrderId.of(UUID.randomUUID()),
                                "BOOKING",
                                UUID.randomUUID(),
                                p.id("student"),
                                "Lesson",
                                price,
                                "cancelled",
                                now),
                        "refund.settled",
                        Map.of("student", channels(EMAIL))),
                event(
                        "payout failed",
                        p -> new PayoutCompleted(
                                p.tenant(),
                                UUID.randomUUID(),
                                TutorId.of(p.id("tutor")),
                                price,
                                false,
                                "account closed",
                                now),
                        "payout.failed",
                        Map.of("tutor", channels(EMAIL))),
                event(
                        "invoice overdue (billing emails it itself)",
                        p -> new InvoiceNotice(
                                p.tenant(),
                                UUID.randomUUID(),
                                p.id("guardian"),
                                "INV-1",
                                price,
                                LocalDate.now().minusDays(1),
                                InvoiceNotice.OVERDUE,
                                now),
                        "invoice.overdue",
                        Map.of("guardian", channels())),
                event(
                        "tutor approved",
                        p -> new TutorApproved(p.tenant(), TutorId.of(p.id("tutor")), p.id("owner"), now),
                        "tutor.approved",
                        Map.of("tutor", channels(EMAIL))),
                event(
                        "guardian link requested (accounts emails the code)",
                        p -> new GuardianLinkRequested(
                                p.tenant(),
                                UserId.of(p.id("guardian")),
                                UserId.of(p.id("student")),
                                now.plus(Duration.ofDays(7)),
                                now),
                        "guardian.link_requested",
                        Map.of("student", channels())),
                event(
                        "guardian linked",
                        p -> new GuardianLinked(
                                UUID.randomUUID(),
                                p.tenant(),
                                UserId.of(p.id("guardian")),
                                UserId.of(p.id("student")),
                                now),
                        "guardian.linked",
                        Map.of("student", channels(EMAIL), "guardian", channels(EMAIL))),
                event(
                        "hold about to expire (booked by the guardian)",
                        p -> new BookingHoldExpiring(
                                p.tenant(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                start,
                                now.plus(Duration.ofMinutes(5)),
                                now),
                        "booking.hold_expiring",
                        Map.of("student", channels(SMS), "guardian", channels(EMAIL))),
                event(
                        "package credits expiring (bought by the guardian)",
                        p -> new PackageCreditsExpiring(
                                p.tenant(),
                                UUID.randomUUID(),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                3,
                                now.plus(Duration.ofDays(6)),
                                now),
                        "package.credits_expiring",
                        Map.of("student", channels(EMAIL), "guardian", channels(EMAIL))),
                event(
                        "invoice coming due (billing emails it itself)",
                        p -> new InvoiceNotice(
                                p.tenant(),
                                UUID.randomUUID(),
                                p.id("guardian"),
                                "INV-2",
                                price,
                                LocalDate.now().plusDays(3),
                                InvoiceNotice.DUE_SOON,
                                now),
                        "invoice.due",
                        Map.of("guardian", channels())),
                event(
                        "refund request approved by an admin",
                        p -> new RefundRequestDecided(
                                p.tenant(),
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                RefundRequestDecided.APPROVED,
                                Money.of(2000, "GBP"),
                                "first lesson missed",
                                p.id("owner"),
                                now),
                        "refund_request.approved",
                        Map.of("student", channels(EMAIL), "guardian", channels(EMAIL))),
                event(
                        "refund request approved automatically (the guardian who asked saw the answer)",
                        p -> new RefundRequestDecided(
                                p.tenant(),
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                RefundRequestDecided.AUTO_APPROVED,
                                Money.of(2000, "GBP"),
                                null,
                                p.id("guardian"),
                                now),
                        "refund_request.approved",
                        Map.of("student", channels(EMAIL))),
                event(
                        "refund request rejected",
                        p -> new RefundRequestDecided(
                                p.tenant(),
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                UserId.of(p.id("student")),
                                p.id("student"),
                                RefundRequestDecided.REJECTED,
                                Money.of(0, "GBP"),
                                "the lesson took place",
                                p.id("owner"),
                                now),
                        "refund_request.rejected",
                        Map.of("student", channels(EMAIL))),
                event(
                        "review received, visible at once",
                        p -> new ReviewPosted(
                                p.tenant(),
                                UUID.randomUUID(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("guardian"),
                                5,
                                now,
                                now),
                        "review.received",
                        Map.of("tutor", channels(EMAIL))),
                event(
                        "review received, still blind",
                        p -> new ReviewPosted(
                                p.tenant(),
                                UUID.randomUUID(),
                                BookingId.of(UUID.randomUUID()),
                                TutorId.of(p.id("tutor")),
                                UserId.of(p.id("student")),
                                p.id("student"),
                                2,
                                now.plus(Duration.ofDays(7)),
                                now),
                        "review.received_blind",
                        Map.of("tutor", channels(EMAIL))),
                event(
                        "password changed (accounts' security notice: in the app and by email, always)",
                        p -> new SecurityNotice(
                                p.tenant(),
                                UUID.randomUUID(),
                                UserId.of(p.id("student")),
                                SecurityNotice.PASSWORD_CHANGED,
                                now),
                        "security.password_changed",
                        Map.of("student", channels(EMAIL))),
                event(
                        "message to someone offline",
                        p -> new MessagePosted(
                                p.tenant(),
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                p.id("tutor"),
                                "Tess",
                                p.id("student"),
                                "Hello",
                                now),
                        "message.received",
                        Map.of("student", channels(EMAIL))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theRightPeopleAndOnlyThemAreNotifiedOnTheirChannels(
            String name, Function<People, Object> event, String kind, Map<String, Set<NotificationChannel>> expected) {
        People people = people();
        TenantContext.runAs(
                tenant, () -> transactions.executeWithoutResult(s -> events.publishEvent(event.apply(people))));

        Map<UUID, String> ids = new HashMap<>();
        for (String who : List.of("student", "guardian", "tutor", "owner")) {
            ids.put(people.id(who), who);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notified(ids.keySet(), kind).size() == expected.size());
        // every listener of the event, and of what those published in turn, has finished: a notification that should
        // not exist would exist by now
        awaitListenersOf(Duration.ofSeconds(20), ids.keySet());
        Map<UUID, UUID> notifications = notified(ids.keySet(), kind);
        Map<String, UUID> byWho = new HashMap<>();
        notifications.forEach((recipient, id) -> byWho.put(ids.get(recipient), id));
        assertThat(byWho.keySet()).as(name).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((who, channels) -> assertThat(channelsOf(byWho.get(who)))
                .as(name + ": " + who + "'s channels")
                .containsExactlyInAnyOrderElementsOf(channels));
    }

    /** recipient → notification id, for the people given and one kind. */
    private Map<UUID, UUID> notified(Set<UUID> people, String kind) {
        Map<UUID, UUID> result = new HashMap<>();
        TenantContext.runAs(
                tenant,
                () -> jdbc.sql("""
                        SELECT recipient_id, id FROM notifications WHERE recipient_id IN (:people) AND kind = :kind
                        """).param("people", people).param("kind", kind).query(rs -> {
                    result.put(rs.getObject("recipient_id", UUID.class), rs.getObject("id", UUID.class));
                }));
        return result;
    }

    private Set<NotificationChannel> channelsOf(UUID notificationId) {
        Set<NotificationChannel> result = EnumSet.noneOf(NotificationChannel.class);
        TenantContext.runAs(
                tenant, () -> jdbc.sql("SELECT channel FROM notification_deliveries WHERE notification_id = :n")
                        .param("n", notificationId)
                        .query(String.class)
                        .list()
                        .forEach(c -> result.add(NotificationChannel.valueOf(c))));
        return result;
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
