package io.lyceum.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which endpoint URLs webhooks may be sent to (server-side request forgery). In production a URL must be
 * {@code https://} and its host must resolve only to public unicast addresses: never loopback, private (RFC 1918, ULA),
 * link-local (which holds the cloud metadata service, 169.254.169.254 and fd00:ec2::254), carrier-grade NAT,
 * multicast, documentation or reserved ranges. It is checked when a subscription is saved and again for every
 * delivery by the delivery client's resolver ({@link #checkedAddresses}), which hands the connection exactly the
 * addresses it checked: a name that re-binds to an internal address after the first check is refused at connect time.
 * With {@code allowLocalReceivers} (development) plain HTTP and local addresses are allowed.
 */
final class EndpointPolicy {

    static final int MAX_URL_LENGTH = 2000;

    private final boolean allowLocalReceivers;
    private final Resolver resolver;

    /** Name resolution, replaceable so the policy can be tested without DNS. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    EndpointPolicy(boolean allowLocalReceivers) {
        this(allowLocalReceivers, InetAddress::getAllByName);
    }

    EndpointPolicy(boolean allowLocalReceivers, Resolver resolver) {
        this.allowLocalReceivers = allowLocalReceivers;
        this.resolver = resolver;
    }

    boolean allowsLocalReceivers() {
        return allowLocalReceivers;
    }

    /** Everything wrong with {@code url} as an endpoint, each as a sentence; empty when it may be used. */
    List<String> problems(@Nullable String url) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("is required");
            return problems;
        }
        if (url.length() > MAX_URL_LENGTH) {
            problems.add("must be at most " + MAX_URL_LENGTH + " characters");
            return problems;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            problems.add("is not a valid URL");
            return problems;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            problems.add("must be an absolute URL with a host, such as https://example.com/webhooks");
            return problems;
        }
        if (!scheme.equals("https") && !(allowLocalReceivers && scheme.equals("http"))) {
            problems.add(allowLocalReceivers ? "must use http or https" : "must use https");
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("must not contain a user name or password");
        }
        if (uri.getRawFragment() != null) {
            problems.add("must not contain a fragment (#...)");
        }
        if (!allowLocalReceivers) {
            String host = host(uri);
            try {
                for (InetAddress address : resolver.resolve(host)) {
                    if (!isPublic(address)) {
                        problems.add("resolves to a private, loopback, link-local, multicast or reserved address ("
                                + address.getHostAddress() + "), which webhooks are never sent to");
                        break;
                    }
                }
            } catch (UnknownHostException e) {
                problems.add("has a host name that does not resolve");
            }
        }
        return problems;
    }

    /**
     * The addresses of {@code host} a delivery may connect to: all of them, when every one is public (or local
     * receivers are allowed); otherwise the connection is refused with an {@link UnknownHostException} naming why.
     */
    InetAddress[] checkedAddresses(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (!allowLocalReceivers) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new UnknownHostException(
                            "refused: " + host + " resolves to the non-public address " + address.getHostAddress());
                }
            }
        }
        return addresses;
    }

    /** The host of a URL without IPv6 brackets. */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether an address is public unicast: anything an outside integrator's server may legitimately have. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local (fd00:ec2::254 is a metadata service)
            }
            if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(tail(b)); // ::ffff:a.b.c.d mapped
            }
            if (isZero(b, 0, 12)) {
                return false; // ::a.b.c.d compatible, ::, ::1
            }
            if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
                return isPublicV4(tail(b)); // 64:ff9b::/96 NAT64
            }
            return (first & 0xe0) == 0x20; // only global unicast 2000::/3
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 // this network
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, metadata services
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
                || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2) // documentation
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
                || a0 >= 224); // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] b) {
        return new byte[] {b[12], b[13], b[14], b[15]};
    }
}
