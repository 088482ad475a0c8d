package io.lyceum.telephony;

import io.lyceum.platform.BoundedRead;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import io.lyceum.tenancy.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What every provider webhook does before anything else: read the raw body (bounded), know its URL and tenant. */
@Component
class WebhookRequests {

    /** Provider webhooks are small; a larger body is refused before it is read into memory. */
    static final int MAX_BYTES = 256 * 1024;

    private final CallbackUrls urls;
    private final TenancyApi tenancy;

    WebhookRequests(CallbackUrls urls, TenancyApi tenancy) {
        this.urls = urls;
        this.tenancy = tenancy;
    }

    String body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return new String(
                    BoundedRead.readAtMost(
                            in,
                            request.getContentLengthLong(),
                            MAX_BYTES,
                            () -> new LyceumException(
                                    ErrorKind.PAYLOAD_TOO_LARGE,
                                    "webhook.too_large",
                                    "A webhook body is at most 256 KiB.")),
                    StandardCharsets.UTF_8);
        }
    }

    /**
     * The URL the provider called, as it signed it: the configured public base URL with the request's path and query,
     * or (no base configured: the sandboxes call us over loopback) the URL as this server received it.
     */
    String signedUrl(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        if (urls.configured()) {
            return urls.base() + request.getRequestURI() + query;
        }
        return request.getRequestURL() + query;
    }

    /** The tenant named in the path; 404 {@code tenant.not_found} when there is no such tenant. */
    TenantId tenant(UUID tenantId) {
        return tenancy.findById(new TenantId(tenantId))
                .map(Tenant::id)
                .orElseThrow(() -> LyceumException.notFound("tenant.not_found", "No such tenant."));
    }

    static LyceumException invalidSignature() {
        return new LyceumException(
                ErrorKind.UNAUTHORIZED,
                "webhook.invalid_signature",
                "The webhook signature is missing, wrong or stale.");
    }

    static LyceumException malformed(String detail) {
        return new LyceumException(ErrorKind.BAD_REQUEST, "webhook.malformed", detail);
    }
}
