package io.lyceum.notifications;

import io.lyceum.platform.PublicRoutes;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in {@code List-Unsubscribe} (and at the foot of each email): switches one category's emails off for the
 * user whose token it carries, with no sign-in. POST is RFC 8058's one-click; GET serves a person following the link.
 */
@RestController
@Tag(name = "Notifications")
class UnsubscribeController {

    record Unsubscribed(NotificationCategory category, boolean email) {}

    private final PreferenceStore store;
    private final Preferences preferences;
    private final TenancyApi tenancy;

    UnsubscribeController(PreferenceStore store, Preferences preferences, TenancyApi tenancy) {
        this.store = store;
        this.preferences = preferences;
        this.tenancy = tenancy;
    }

    @Configuration(proxyBeanMethods = false)
    static class Routes {
        @Bean
        PublicRoutes notificationUnsubscribeRoutes() {
            return PublicRoutes.of("GET /api/v1/notifications/unsubscribe", "POST /api/v1/notifications/unsubscribe");
        }
    }

    @PostMapping("/api/v1/notifications/unsubscribe")
    @Operation(
            summary = "Stop one category's emails (one-click, RFC 8058)",
            description = "No sign-in: the token from the email's link stands for its recipient. 404 "
                    + "`notification.unsubscribe_invalid` for an unknown token, tenant or category; security "
                    + "messages cannot be switched off (answered with `email: true`).")
    Unsubscribed oneClick(@RequestParam UUID tenant, @RequestParam String token, @RequestParam String category) {
        return unsubscribe(tenant, token, category);
    }

    @GetMapping("/api/v1/notifications/unsubscribe")
    @Operation(summary = "Stop one category's emails (the link followed in a browser)", description = "As the POST.")
    Unsubscribed followed(@RequestParam UUID tenant, @RequestParam String token, @RequestParam String category) {
        return unsubscribe(tenant, token, category);
    }

    private Unsubscribed unsubscribe(UUID tenantId, String token, String categoryName) {
        NotificationCategory category;
        try {
            category = NotificationCategory.valueOf(categoryName);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        TenantId tenant = new TenantId(tenantId);
        if (tenancy.findById(tenant).isEmpty() || token.length() > 100) {
            throw invalid();
        }
        return TenantContext.callAs(tenant, () -> {
            UUID user = store.userOfToken(token).orElseThrow(UnsubscribeController::invalid);
            preferences.unsubscribe(user, category);
            return new Unsubscribed(category, category.essential);
        });
    }

    private static LyceumException invalid() {
        return LyceumException.notFound(
                "notification.unsubscribe_invalid", "This unsubscribe link is not valid (any more).");
    }
}
