package io.lyceum.accounts;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A short, human description of what signed in ("Firefox on Linux, 203.0.113.7") for the new-device security notice:
 * the browser family and system from the User-Agent header, not its version numbers, which mean nothing to a reader.
 */
final class Devices {

    private static final int MAX_UNKNOWN_AGENT = 60;

    private Devices() {}

    static String describe(String userAgent, String ip) {
        String agent = userAgent == null ? "" : userAgent;
        String browser = browser(agent);
        String system = system(agent);
        String what;
        if (browser != null && system != null) {
            what = browser + " on " + system;
        } else if (browser != null) {
            what = browser;
        } else if (system != null) {
            what = system;
        } else if (!agent.isBlank()) {
            what = agent.length() > MAX_UNKNOWN_AGENT ? agent.substring(0, MAX_UNKNOWN_AGENT) + "…" : agent;
        } else {
            what = "an unknown browser";
        }
        return ip == null || ip.isBlank() ? what : what + ", " + ip;
    }

    /** The browser family; the order matters, since Edge and Opera also name Chrome, and Chrome names Safari. */
    private static @Nullable String browser(String agent) {
        String a = agent.toLowerCase(Locale.ROOT);
        if (a.contains("edg/") || a.contains("edge/")) return "Edge";
        if (a.contains("opr/") || a.contains("opera")) return "Opera";
        if (a.contains("firefox/") || a.contains("fxios/")) return "Firefox";
        if (a.contains("chrome/") || a.contains("crios/") || a.contains("chromium/")) return "Chrome";
        if (a.contains("safari/") && a.contains("version/")) return "Safari";
        return null;
    }

    private static @Nullable String system(String agent) {
        String a = agent.toLowerCase(Locale.ROOT);
        if (a.contains("iphone") || a.contains("ipad")) return "iOS";
        if (a.contains("android")) return "Android";
        if (a.contains("windows")) return "Windows";
        if (a.contains("mac os x") || a.contains("macintosh")) return "macOS";
        if (a.contains("cros")) return "ChromeOS";
        if (a.contains("linux")) return "Linux";
        return null;
    }
}
