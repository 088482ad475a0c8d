package io.lyceum.notifications;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(
        name = "Notifications",
        description = "The in-app notifications and notification preferences; see " + "docs/notifications.md.")
class NotificationController {

    /** A notification as its recipient sees it. */
    record NotificationView(
            UUID id,
            String kind,
            NotificationCategory category,
            String title,
            String body,
            String link,
            Map<String, Object> data,
            Instant createdAt,
            @Nullable Instant readAt,
            @Nullable Instant dismissedAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(
                    n.id(),
                    n.kind(),
                    n.category(),
                    n.title(),
                    n.body(),
                    n.link(),
                    n.data(),
                    n.createdAt(),
                    n.readAt(),
                    n.dismissedAt());
        }
    }

    record UnreadCount(long count) {}

    record Updated(int updated) {}

    record PreferencesRequest(
            @Nullable List<Preferences.CategoryChange> categories, Preferences.@Nullable QuietHoursChange quietHours) {}

    private final NotificationStore store;
    private final Preferences preferences;
    private final io.lyceum.messaging.MessagingApi messaging;
    private final Clock clock;

    NotificationController(
            NotificationStore store, Preferences preferences, io.lyceum.messaging.MessagingApi messaging, Clock clock) {
        this.store = store;
        this.preferences = preferences;
        this.messaging = messaging;
        this.clock = clock;
    }

    @GetMapping
    @Operation(
            summary = "My notifications",
            description = "Newest first, paged; `unread=true` for the unread ones only. Dismissed notifications stay "
                    + "listed (with `dismissedAt`); deleted ones are gone.")
    PageResponse<NotificationView> list(
            @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "Only unread notifications") @RequestParam(defaultValue = "false") boolean unread,
            PageQuery query) {
        return PageResponse.of(
                store.feed(user.userId().value(), unread, query).stream()
                        .map(NotificationView::of)
                        .toList(),
                query,
                store.count(user.userId().value(), unread));
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of my notifications are unread")
    UnreadCount unreadCount(@AuthenticationPrincipal CurrentUser user) {
        return new UnreadCount(store.count(user.userId().value(), true));
    }

    @PatchMapping("/{id}/read")
    @Transactional
    @Operation(
            summary = "Mark a notification read",
            description = "Only its recipient; anyone else gets 404 `notification.not_found`. Idempotent.")
    NotificationView read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        if (!store.markRead(id, user.userId().value(), clock.instant())) {
            throw notFound();
        }
        messaging.pushToUser(user.userId(), "notification.read", id);
        return NotificationView.of(store.find(id).orElseThrow(NotificationController::notFound));
    }

    @PatchMapping("/mark-all-read")
    @Transactional
    @Operation(summary = "Mark all my notifications read", description = "Answers how many were unread.")
    Updated markAllRead(@AuthenticationPrincipal CurrentUser user) {
        int updated = store.markAllRead(user.userId().value(), clock.instant());
        if (updated > 0) {
            messaging.pushToUser(user.userId(), "notification.read", null);
        }
        return new Updated(updated);
    }

    @PatchMapping("/{id}/dismiss")
    @Transactional
    @Operation(
            summary = "Dismiss a notification",
            description = "Marks it read and dismissed. Only its recipient; anyone else gets 404 "
                    + "`notification.not_found`. Idempotent.")
    NotificationView dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        if (!store.dismiss(id, user.userId().value(), clock.instant())) {
            throw notFound();
        }
        messaging.pushToUser(user.userId(), "notification.read", id);
        return NotificationView.of(store.find(id).orElseThrow(NotificationController::notFound));
    }

    @DeleteMapping("/{id}")
    @Transactional
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a notification",
            description = "Gone from the list (admins still see its delivery record). Only its recipient; anyone "
                    + "else, or a second delete, gets 404 `notification.not_found`.")
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        if (!store.delete(id, user.userId().value(), clock.instant())) {
            throw notFound();
        }
        messaging.pushToUser(user.userId(), "notification.read", id);
    }

    @GetMapping("/preferences")
    @Operation(
            summary = "My notification preferences",
            description = "Per category: channels (in-app, email, SMS, voice), the daily digest, and what may change "
                    + "(`locked` security messages, `voiceAvailable`, `digestAvailable`); quiet hours in my time zone "
                    + "(SMS and calls wait until they end).")
    Preferences.View preferences(@AuthenticationPrincipal CurrentUser user) {
        return preferences.view(user.userId().value());
    }

    @PutMapping("/preferences")
    @Operation(
            summary = "Change my notification preferences",
            description = "Categories given change (only the fields given); others stay. `quietHours` {start, end} as "
                    + "HH:mm in my time zone; both null clears them; absent leaves them. Refused whole with 422 "
                    + "`notification_preferences.invalid` listing every problem: unknown or repeated category, "
                    + "switching security messages off, voice for a category that never calls, SMS or voice without "
                    + "a verified mobile number, the digest for an urgent category or without email, malformed or "
                    + "empty quiet hours.")
    Preferences.View updatePreferences(
            @AuthenticationPrincipal CurrentUser user, @RequestBody PreferencesRequest body) {
        return preferences.update(user.userId().value(), body.categories(), body.quietHours());
    }

    static LyceumException notFound() {
        return LyceumException.notFound("notification.not_found", "No such notification.");
    }
}
