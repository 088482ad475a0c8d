package io.lyceum.telephony;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The URLs Twilio and Vapi call back: under {@code lyceum.telephony.public-base-url} when set (where the providers
 * reach this server), else under this server's own loopback address, which only the sandboxes can reach. The tenant
 * is part of every path, so a webhook is processed in the tenant it belongs to.
 */
@Component
class CallbackUrls {

    private final @Nullable String configured;
    private volatile @Nullable String loopback;

    CallbackUrls(TelephonyProperties properties) {
        String base = properties.publicBaseUrl();
        this.configured = base == null || base.isBlank() ? null : stripSlash(base.trim());
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            loopback = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    /** The base the providers are told to call; null until the web server is up when none is configured. */
    @Nullable
    String base() {
        return configured != null ? configured : loopback;
    }

    /** Whether URLs are checked against a configured public base rather than the request's own address. */
    boolean configured() {
        return configured != null;
    }

    String smsStatus(UUID tenantId, UUID messageId) {
        return base() + "/api/v1/telephony/twilio/" + tenantId + "/status/" + messageId;
    }

    String vapiEvents(UUID tenantId) {
        return base() + "/api/v1/telephony/vapi/" + tenantId + "/events";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
