package io.lyceum.accounts;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Cookie mode for browser apps: the access token, the refresh token (sent only to {@code /api/v1/auth}) and a CSRF
 * token. The token cookies are HttpOnly, Secure and SameSite=Strict; the CSRF cookie is readable by the page, which
 * echoes it in {@code X-CSRF-Token} on state-changing requests (double submit).
 */
@Component
class AuthCookies {

    static final String COOKIE_MODE = "cookie";
    static final String ACCESS = "lyceum_access";
    static final String REFRESH = "lyceum_refresh";
    static final String CSRF = "lyceum_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthProperties properties;
    private final TenancyApi tenancy;

    AuthCookies(AuthProperties properties, TenancyApi tenancy) {
        this.properties = properties;
        this.tenancy = tenancy;
    }

    boolean isCookieMode(String mode) {
        return COOKIE_MODE.equalsIgnoreCase(mode);
    }

    void write(HttpServletResponse response, AuthService.IssuedTokens tokens) {
        add(response, ACCESS, tokens.accessToken(), "/", Duration.ofSeconds(tokens.expiresIn()), true);
        add(
                response,
                REFRESH,
                tokens.refreshToken(),
                "/api/v1/auth",
                Duration.ofSeconds(tokens.refreshExpiresIn()),
                true);
        byte[] csrf = new byte[24];
        RANDOM.nextBytes(csrf);
        add(
                response,
                CSRF,
                Base64.getUrlEncoder().withoutPadding().encodeToString(csrf),
                "/",
                Duration.ofSeconds(tokens.refreshExpiresIn()),
                false);
    }

    void clear(HttpServletResponse response) {
        add(response, ACCESS, "", "/", Duration.ZERO, true);
        add(response, REFRESH, "", "/api/v1/auth", Duration.ZERO, true);
        add(response, CSRF, "", "/", Duration.ZERO, false);
    }

    @Nullable
    String refreshToken(HttpServletRequest request) {
        return value(request, REFRESH);
    }

    static @Nullable String value(HttpServletRequest request, String name) {
        Cookie[] all = request.getCookies();
        if (all == null) {
            return null;
        }
        return Arrays.stream(all)
                .filter(c -> name.equals(c.getName()) && !c.getValue().isEmpty())
                .map(Cookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Runs a refresh in the tenant the refresh token belongs to (it carries its tenant id). */
    <T> T inTokenTenant(@Nullable String token, Supplier<T> work) {
        var tenant = token == null
                ? null
                : SessionStore.tenantOf(token)
                        .map(TenantId::new)
                        .flatMap(tenancy::findById)
                        .orElse(null);
        if (tenant == null) {
            throw invalidRefreshToken();
        }
        return TenantContext.callAs(tenant.requireActive().id(), work);
    }

    static LyceumException invalidRefreshToken() {
        return new LyceumException(
                ErrorKind.UNAUTHORIZED, "auth.invalid_refresh_token", "The refresh token is not valid. Sign in again.");
    }

    private void add(
            HttpServletResponse response, String name, String value, String path, Duration maxAge, boolean httpOnly) {
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .path(path)
                .httpOnly(httpOnly)
                .secure(properties.cookieSecure())
                .sameSite("Strict")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
