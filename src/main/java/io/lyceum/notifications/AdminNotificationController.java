package io.lyceum.notifications;

import io.lyceum.platform.BoundedList;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What admins see: every notification with the status of each delivery and attempt, and the templates rendered. */
@RestController
@RequestMapping("/api/v1/admin/notifications")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Notifications: administration", description = "Delivery status and template previews.")
class AdminNotificationController {

    /** The notification kinds are a closed set in code, well under this bound (see the API test). */
    static final int MAX_KINDS = 100;

    record DeliveryView(
            UUID id,
            NotificationChannel channel,
            String address,
            DeliveryStatus status,
            int attempts,
            @Nullable Instant nextAttemptAt,
            String providerId,
            String lastError,
            List<DeliveryStore.Attempt> attemptLog) {}

    record AdminNotificationView(
            UUID id,
            UUID recipientId,
            String kind,
            NotificationCategory category,
            String title,
            boolean inApp,
            Instant createdAt,
            @Nullable Instant readAt,
            List<DeliveryView> deliveries) {}

    record Preview(
            String kind,
            @Nullable NotificationCategory category,
            String language,
            String title,
            String body,
            String sms,
            String voice,
            String emailText,
            String emailHtml) {}

    private final NotificationStore notifications;
    private final DeliveryStore deliveries;
    private final Templates templates;
    private final Clock clock;

    AdminNotificationController(
            NotificationStore notifications, DeliveryStore deliveries, Templates templates, Clock clock) {
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.templates = templates;
        this.clock = clock;
    }

    @GetMapping
    @Operation(
            summary = "Notifications of the tenant with their delivery status",
            description = "ADMIN. Newest first; `recipientId` for one user's. Each delivery lists its attempts.")
    PageResponse<AdminNotificationView> list(@RequestParam(required = false) UUID recipientId, PageQuery query) {
        return PageResponse.of(
                notifications.all(recipientId, query).stream().map(this::view).toList(),
                query,
                notifications.countAll(recipientId));
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One notification with its deliveries and attempts",
            description = "ADMIN. 404 " + "`notification.not_found`.")
    AdminNotificationView get(@PathVariable UUID id) {
        return view(notifications.findForAdmin(id).orElseThrow(NotificationController::notFound));
    }

    @GetMapping("/templates")
    @Operation(summary = "The notification kinds that have templates")
    @BoundedList(MAX_KINDS)
    List<String> kinds() {
        return Arrays.stream(NotificationKind.values()).map(k -> k.key).toList();
    }

    @GetMapping("/templates/{kind}/preview")
    @Operation(
            summary = "A template rendered with sample values",
            description = "ADMIN. Every text of one kind (title, body, SMS, voice, email text and HTML) in "
                    + "`language` (`en`, `fr`) and `timeZone`. 404 `notification.template_not_found`; 422 "
                    + "`notification.language_unsupported`.")
    Preview preview(
            @PathVariable String kind,
            @Parameter(description = "en or fr") @RequestParam(defaultValue = "en") String language,
            @RequestParam(defaultValue = "UTC") String timeZone) {
        NotificationKind k = NotificationKind.byKey(kind)
                .orElseThrow(() -> LyceumException.notFound(
                        "notification.template_not_found", "No notification template " + kind + "."));
        Locale locale = Templates.LANGUAGES.stream()
                .filter(l -> l.getLanguage().equals(language))
                .findFirst()
                .orElseThrow(() -> LyceumException.invalid(
                        "notification.language_unsupported",
                        "Templates exist in " + Templates.LANGUAGES + ".",
                        List.of(new io.lyceum.shared.FieldError("language", "en or fr"))));
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Map<String, Object> values = new HashMap<>();
        values.put("bookingId", UUID.fromString("00000000-0000-7000-8000-000000000001"));
        values.put("conversationId", UUID.fromString("00000000-0000-7000-8000-000000000002"));
        values.put("when", start);
        values.put("previous", start.minus(Duration.ofDays(1)));
        values.put("confirmBy", start.minus(Duration.ofHours(2)));
        values.put("disputableUntil", start.plus(Duration.ofDays(3)));
        values.put("expires", start.plus(Duration.ofDays(5)));
        values.put("student", templates.text("sample.student", locale));
        values.put("other", templates.text("sample.tutor", locale));
        values.put("absent", templates.text("sample.student", locale));
        values.put("guardian", templates.text("sample.guardian", locale));
        values.put("sender", templates.text("sample.tutor", locale));
        values.put("reason", templates.text("sample.reason", locale));
        values.put("comments", templates.text("sample.reason", locale));
        values.put("preview", templates.text("sample.preview", locale));
        values.put("refund", Money.of(4500, "EUR"));
        values.put("fee", Money.of(1500, "EUR"));
        values.put("tutorAmount", Money.of(1500, "EUR"));
        values.put("amount", Money.of(6000, "EUR"));
        values.put("description", templates.text("sample.description", locale));
        values.put("number", "INV-2026-0042");
        values.put(
                "dueDate",
                start.atZone(Templates.zone(timeZone))
                        .toLocalDate()
                        .plusDays(14)
                        .toString());
        values.put("count", 3);
        values.put("device", "Firefox on Linux, 203.0.113.7");
        values.put("updates", templates.text("digest.updates.other", locale));
        values.put("lessons", 8);
        values.put("credits", 3);
        values.put("rating", 5);
        values.put("visibleFrom", start.plus(Duration.ofDays(7)));
        values.put("note", templates.text("sample.note", locale));
        values.put("items", "- …");
        boolean essential = k.category != null && k.category.essential;
        var rendered = templates.render(
                k,
                locale,
                Templates.zone(timeZone),
                templates.text("sample.student", locale),
                values,
                essential,
                essential ? null : "https://lyceum.example/api/v1/notifications/unsubscribe?sample");
        return new Preview(
                k.key,
                k.category,
                locale.getLanguage(),
                rendered.title(),
                rendered.body(),
                rendered.sms(),
                rendered.voice(),
                rendered.emailText(),
                rendered.emailHtml());
    }

    private AdminNotificationView view(Notification n) {
        List<DeliveryView> list = deliveries.ofNotification(n.id()).stream()
                .map(d -> new DeliveryView(
                        d.id(),
                        d.channel(),
                        d.address(),
                        d.status(),
                        d.attempts(),
                        d.nextAttemptAt(),
                        d.providerId(),
                        d.lastError(),
                        deliveries.attempts(d.id())))
                .toList();
        return new AdminNotificationView(
                n.id(), n.recipientId(), n.kind(), n.category(), n.title(), n.inApp(), n.createdAt(), n.readAt(), list);
    }
}
