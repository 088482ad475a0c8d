package io.lyceum.notifications;

import static io.lyceum.notifications.NotificationCategory.*;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Each thing Lyceum tells someone: its category (what preferences decide), its template ({@code key} in the bundle
 * {@code notifications/templates}: {@code key.title}, {@code key.body}, {@code key.sms}, {@code key.voice}), the file its
 * email carries and the links it offers. The first link is where the in-app notification leads.
 */
enum NotificationKind {
    BOOKING_REQUESTED(
            "booking.requested",
            BOOKING_REQUESTS,
            true,
            Attachment.NONE,
            new Action("confirm", "/teach/bookings/{bookingId}/confirm"),
            new Action("decline", "/teach/bookings/{bookingId}/decline")),
    BOOKING_CONFIRMED("booking.confirmed", BOOKING_UPDATES, false, Attachment.CALENDAR_INVITE, Action.lesson()),
    BOOKING_DECLINED("booking.declined", BOOKING_UPDATES, false, Attachment.NONE, Action.lesson()),
    BOOKING_CANCELLED("booking.cancelled", BOOKING_UPDATES, false, Attachment.CALENDAR_INVITE, Action.lesson()),
    BOOKING_RESCHEDULED("booking.rescheduled", BOOKING_UPDATES, false, Attachment.CALENDAR_INVITE, Action.lesson()),
    BOOKING_HOLD_EXPIRING("booking.hold_expiring", BOOKING_UPDATES, false, Attachment.NONE, Action.lesson()),
    BOOKING_HOLD_EXPIRED("booking.hold_expired", BOOKING_UPDATES, false, Attachment.NONE, Action.lesson()),
    REMINDER_DAY_BEFORE("reminder.day", LESSON_REMINDERS, false, Attachment.NONE, Action.lesson()),
    REMINDER_HOUR_BEFORE("reminder.hour", LESSON_REMINDERS, true, Attachment.NONE, Action.lesson()),
    NO_SHOW_REPORTED("booking.no_show", BOOKING_UPDATES, false, Attachment.NONE, Action.lesson()),
    DISPUTE_OPENED("dispute.opened", DISPUTES, false, Attachment.NONE, Action.lesson()),
    DISPUTE_SETTLED("dispute.settled", DISPUTES, false, Attachment.NONE, Action.lesson()),
    PAYMENT_FAILED("payment.failed", PAYMENTS, true, Attachment.NONE, Action.lesson()),
    PAYMENT_RECEIPT("payment.receipt", PAYMENTS, false, Attachment.NONE, new Action("open", "/lessons")),
    REFUND_SETTLED("refund.settled", PAYMENTS, false, Attachment.NONE, new Action("open", "/lessons")),
    PACKAGE_CREDITS_EXPIRING(
            "package.credits_expiring",
            PACKAGES_AND_ENROLLMENTS,
            false,
            Attachment.NONE,
            new Action("open", "/lessons")),
    REFUND_REQUEST_APPROVED(
            "refund_request.approved",
            PACKAGES_AND_ENROLLMENTS,
            false,
            Attachment.NONE,
            new Action("open", "/lessons")),
    REFUND_REQUEST_REJECTED(
            "refund_request.rejected",
            PACKAGES_AND_ENROLLMENTS,
            false,
            Attachment.NONE,
            new Action("open", "/lessons")),
    ENROLLMENT_STARTED(
            "enrollment.started", PACKAGES_AND_ENROLLMENTS, false, Attachment.NONE, new Action("open", "/lessons")),
    PAYOUT_PAID("payout.paid", PAYOUTS, false, Attachment.NONE, new Action("open", "/teach")),
    PAYOUT_FAILED("payout.failed", PAYOUTS, false, Attachment.NONE, new Action("open", "/teach")),
    INVOICE_SENT("invoice.sent", INVOICES, false, Attachment.NONE, new Action("open", "/invoices")),
    INVOICE_DUE("invoice.due", INVOICES, false, Attachment.NONE, new Action("open", "/invoices")),
    INVOICE_PAID("invoice.paid", INVOICES, false, Attachment.NONE, new Action("open", "/invoices")),
    INVOICE_OVERDUE("invoice.overdue", INVOICES, false, Attachment.NONE, new Action("open", "/invoices")),
    TUTOR_APPROVED("tutor.approved", TUTOR_PROFILE, false, Attachment.NONE, new Action("open", "/teach")),
    TUTOR_REJECTED("tutor.rejected", TUTOR_PROFILE, false, Attachment.NONE, new Action("open", "/teach")),
    TUTOR_CHANGES_REQUESTED(
            "tutor.changes_requested", TUTOR_PROFILE, false, Attachment.NONE, new Action("open", "/teach")),
    GUARDIAN_LINK_REQUESTED("guardian.link_requested", GUARDIAN_LINKS, false, Attachment.NONE),
    GUARDIAN_LINKED("guardian.linked", GUARDIAN_LINKS, false, Attachment.NONE),
    MESSAGE_RECEIVED(
            "message.received", MESSAGES, false, Attachment.NONE, new Action("reply", "/messages/{conversationId}")),
    /** A review the tutor may read now (shown with its rating). */
    REVIEW_RECEIVED(
            "review.received",
            REVIEWS,
            false,
            Attachment.NONE,
            new Action("view_review", "/lessons/{bookingId}/review")),
    /** A review still blind: the tutor learns it exists, not its rating, and how to read it. */
    REVIEW_RECEIVED_BLIND(
            "review.received_blind",
            REVIEWS,
            false,
            Attachment.NONE,
            new Action("view_review", "/lessons/{bookingId}/review")),
    SECURITY_PASSWORD_CHANGED("security.password_changed", SECURITY, false, Attachment.NONE),
    SECURITY_REGISTRATION_ATTEMPT("security.registration_attempt", SECURITY, false, Attachment.NONE),
    SECURITY_WRONG_CODES("security.wrong_codes", SECURITY, false, Attachment.NONE),
    SECURITY_AUTHENTICATOR_REQUIRED("security.authenticator_required", SECURITY, false, Attachment.NONE),
    SECURITY_EMAIL_CODES_REQUIRED("security.email_codes_required", SECURITY, false, Attachment.NONE),
    SECURITY_TWO_FACTOR_OFF("security.two_factor_off", SECURITY, false, Attachment.NONE),
    SECURITY_NEW_DEVICE_SIGN_IN(
            "security.new_device_sign_in",
            SECURITY,
            false,
            Attachment.NONE,
            new Action("sessions", "/account/security")),
    DIGEST("digest", null, false, Attachment.NONE, new Action("open", "/notifications"));

    /** A file an email of this kind carries, fetched from the module that makes it when the email is sent. */
    enum Attachment {
        NONE,
        /** the lesson's iCalendar invite, from scheduling ({@code bookingId}) */
        CALENDAR_INVITE
    }

    /** A link: its label is {@code action.<label>} in the bundle; {@code {name}} in the path is a template value. */
    record Action(String label, String path) {
        static Action lesson() {
            return new Action("view_lesson", "/lessons/{bookingId}");
        }
    }

    final String key;
    /** Null only for {@link #DIGEST}, which {@code Digests} sends itself. */
    final @Nullable NotificationCategory category;
    /** Whether it may call (voice): only what must not be missed. */
    final boolean voice;

    final Attachment attachment;
    final List<Action> actions;

    NotificationKind(
            String key,
            @Nullable NotificationCategory category,
            boolean voice,
            Attachment attachment,
            Action... actions) {
        this.key = key;
        this.category = category;
        this.voice = voice;
        this.attachment = attachment;
        this.actions = List.of(actions);
    }

    static java.util.Optional<NotificationKind> byKey(String key) {
        for (NotificationKind kind : values()) {
            if (kind.key.equals(key)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
