package io.lyceum.notifications;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.Contact;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.platform.AfterTransaction;
import io.lyceum.shared.Ids;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Tells one user about one thing: renders it in their language and time zone, stores the in-app notification and
 * queues a delivery per channel their preferences allow (SMS and calls after their quiet hours, digest-held emails
 * until the digest), in the caller's transaction. Each event notifies each recipient once: a redelivered event finds
 * its notification by {@code eventKey} and adds nothing.
 */
@Service
class Notifier {

    private final AccountsApi accounts;
    private final Preferences preferences;
    private final PreferenceStore preferenceStore;
    private final Templates templates;
    private final NotificationStore notifications;
    private final DeliveryStore deliveries;
    private final MessagingApi messaging;
    private final DeliveryWorker worker;
    private final Links links;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final boolean schedulingSendsInvites;

    Notifier(
            AccountsApi accounts,
            Preferences preferences,
            PreferenceStore preferenceStore,
            Templates templates,
            NotificationStore notifications,
            DeliveryStore deliveries,
            MessagingApi messaging,
            DeliveryWorker worker,
            Links links,
            NotificationsProperties properties,
            Clock clock,
            org.springframework.core.env.Environment environment) {
        this.schedulingSendsInvites =
                environment.getProperty("lyceum.scheduling.calendar.invites", Boolean.class, true);
        this.accounts = accounts;
        this.preferences = preferences;
        this.preferenceStore = preferenceStore;
        this.templates = templates;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.messaging = messaging;
        this.worker = worker;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param values the template's values ({@code Instant}s and {@code Money} are written for the recipient)
     * @return the new notification's id; empty for an unknown or inactive user or an event already notified
     */
    Optional<UUID> notify(UUID recipientId, NotificationKind kind, String eventKey, Map<String, Object> values) {
        if (recipientId == null) {
            return Optional.empty();
        }
        Contact contact =
                accounts.contact(UserId.of(recipientId)).filter(Contact::active).orElse(null);
        if (contact == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // every kind has a category but the digest, which Digests sends without this method
        NotificationCategory category = Objects.requireNonNull(kind.category, "the digest is not sent through notify");
        CategoryPreference preference =
                Objects.requireNonNull(preferences.effective(contact).get(category)); // holds every category
        Locale locale = Templates.locale(contact.language());
        ZoneId zone = Templates.zone(contact.timeZone());
        boolean email = preference.allows(NotificationChannel.EMAIL)
                && contact.email() != null
                && !contact.email().isBlank()
                && !emailedByOwner(kind);
        String unsubscribe = email && !category.essential ? unsubscribeUrl(recipientId, category, now) : null;
        Templates.Rendered text =
                templates.render(kind, locale, zone, contact.fullName(), values, category.essential, unsubscribe);

        Map<String, Object> data = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value instanceof UUID || value instanceof Instant) {
                data.put(key, value.toString());
            }
        });
        boolean inApp = preference.allows(NotificationChannel.IN_APP);
        Optional<UUID> stored = notifications.insert(
                Ids.newId(),
                recipientId,
                kind,
                category,
                eventKey,
                text.title(),
                text.body(),
                text.link(),
                data,
                inApp,
                now);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        UUID id = stored.get();
        boolean queued = false;
        if (email) {
            boolean digest = preference.digest() && category.digestible();
            List<Delivery.AttachmentRef> files = new ArrayList<>();
            if (kind.attachment == NotificationKind.Attachment.CALENDAR_INVITE && values.get("bookingId") != null) {
                files.add(new Delivery.AttachmentRef("CALENDAR_INVITE", (UUID) values.get("bookingId"), recipientId));
            }
            deliveries.insert(
                    id,
                    recipientId,
                    NotificationChannel.EMAIL,
                    contact.email(),
                    text.title(),
                    text.emailText(),
                    text.emailHtml(),
                    files,
                    unsubscribe,
                    digest ? DeliveryStatus.HELD_FOR_DIGEST : DeliveryStatus.PENDING,
                    properties.maxAttempts(),
                    now,
                    now);
            queued |= !digest;
        }
        String mobile = contact.verifiedMobile();
        Instant phoneAt = preferenceStore
                .quietHours(recipientId)
                .map(quiet -> quiet.nextAllowed(now, zone))
                .orElse(now);
        if (mobile != null && preference.allows(NotificationChannel.SMS)) {
            deliveries.insert(
                    id,
                    recipientId,
                    NotificationChannel.SMS,
                    mobile,
                    null,
                    text.sms(),
                    null,
                    List.of(),
                    null,
                    DeliveryStatus.PENDING,
                    properties.maxAttempts(),
                    phoneAt,
                    now);
            queued |= !phoneAt.isAfter(now);
        }
        if (mobile != null && kind.voice && preference.allows(NotificationChannel.VOICE)) {
            deliveries.insert(
                    id,
                    recipientId,
                    NotificationChannel.VOICE,
                    mobile,
                    null,
                    text.voice(),
                    null,
                    List.of(),
                    null,
                    DeliveryStatus.PENDING,
                    properties.maxAttempts(),
                    phoneAt,
                    now);
            queued |= !phoneAt.isAfter(now);
        }
        if (inApp) {
            messaging.pushToUser(UserId.of(recipientId), "notification", id);
        }
        if (queued) {
            AfterTransaction.run(worker::kick);
        }
        return stored;
    }

    /**
     * Whether the owning module emails this itself, so a second email would only repeat it: accounts sends the guardian
     * invitation (it carries the code), billing the invoice emails (with the PDF); scheduling sends the calendar-invite emails unless {@code
     * lyceum.scheduling.calendar.invites} is off, and then these notifications carry the same invite.
     */
    private boolean emailedByOwner(NotificationKind kind) {
        return kind == NotificationKind.GUARDIAN_LINK_REQUESTED
                // billing emails invoices, their receipts and reminders itself, with the PDF
                || kind.category == NotificationCategory.INVOICES
                || (kind.attachment == NotificationKind.Attachment.CALENDAR_INVITE && schedulingSendsInvites);
    }

    /** Whether this user was already told of this event (listeners use it to leave out who acted themselves). */
    boolean notified(UUID recipientId, String eventKey) {
        return notifications.exists(recipientId, eventKey);
    }

    private String unsubscribeUrl(UUID userId, NotificationCategory category, Instant now) {
        String token = preferenceStore.unsubscribeToken(userId, now);
        return links.absolute("/api/v1/notifications/unsubscribe?tenant="
                + TenantContext.require().value()
                + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&category=" + category.name());
    }
}
