package io.lyceum.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request being built, then sent by {@link #get}, {@link #post} and the other methods, in RestAssured's shape and
 * with its defaults: {@code Accept: *}{@code /*} unless set; a content type chosen from the body when none is set (a
 * bodiless POST is a form post) with {@code charset=ISO-8859-1} added to every type but {@code application/json} and
 * multipart; query parameters (also those written into the path) and path parameters URL-encoded; redirects of GET
 * and HEAD followed, and a 303 after any method, carrying the headers and the cookies set on the way.
 */
public final class RequestSpecification {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int SEE_OTHER = 303;
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^/}]+}");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final List<Map.Entry<String, String>> queryParameters = new ArrayList<>();
    private final List<Map.Entry<String, String>> formParameters = new ArrayList<>();
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private @Nullable String contentType;
    private @Nullable String accept;
    private @Nullable Object body;
    private @Nullable String baseUri;
    private @Nullable Integer port;
    private boolean followRedirects = true;
    private boolean urlEncoding = true;

    private record Part(String name, @Nullable String fileName, byte[] content, String mimeType) {}

    RequestSpecification() {}

    public RequestSpecification given() {
        return this;
    }

    public RequestSpecification when() {
        return this;
    }

    /** Adds a header; {@code Content-Type} and {@code Accept} replace the one set before. */
    public RequestSpecification header(String name, Object value, Object... moreValues) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return contentType(value.toString());
        }
        if (name.equalsIgnoreCase("Accept")) {
            return accept(value.toString());
        }
        headers.add(Map.entry(name, value.toString()));
        for (Object more : moreValues) {
            headers.add(Map.entry(name, more.toString()));
        }
        return this;
    }

    public RequestSpecification contentType(String type) {
        this.contentType = type;
        return this;
    }

    public RequestSpecification accept(String types) {
        this.accept = types;
        return this;
    }

    /** The body: a string or bytes as they are, anything else written as JSON. */
    public RequestSpecification body(Object content) {
        this.body = content;
        return this;
    }

    public RequestSpecification queryParam(String name, Object... values) {
        if (values.length == 0) {
            queryParameters.add(Map.entry(name, ""));
        }
        for (Object value : values) {
            if (value instanceof Collection<?> many) {
                many.forEach(each -> queryParameters.add(Map.entry(name, String.valueOf(each))));
            } else {
                queryParameters.add(Map.entry(name, String.valueOf(value)));
            }
        }
        return this;
    }

    public RequestSpecification queryParams(Map<String, ?> values) {
        values.forEach(this::queryParam);
        return this;
    }

    public RequestSpecification queryParams(String name, Object value, Object... nameValuePairs) {
        queryParam(name, value);
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            queryParam(nameValuePairs[i].toString(), nameValuePairs[i + 1]);
        }
        return this;
    }

    public RequestSpecification formParam(String name, Object... values) {
        for (Object value : values) {
            formParameters.add(Map.entry(name, String.valueOf(value)));
        }
        return this;
    }

    /** A multipart text field. */
    public RequestSpecification multiPart(String name, String value) {
        parts.add(new Part(name, null, value.getBytes(StandardCharsets.UTF_8), "text/plain"));
        return this;
    }

    /** A multipart file. */
    public RequestSpecification multiPart(String name, String fileName, byte[] content, String mimeType) {
        parts.add(new Part(name, fileName, content, mimeType));
        return this;
    }

    /** A multipart file given as text. */
    public RequestSpecification multiPart(String name, String fileName, String content, String mimeType) {
        return multiPart(name, fileName, content.getBytes(StandardCharsets.UTF_8), mimeType);
    }

    public RequestSpecification cookie(String name, Object value) {
        cookies.put(name, value.toString());
        return this;
    }

    public RequestSpecification cookies(Map<String, ?> values) {
        values.forEach(this::cookie);
        return this;
    }

    /** Whether redirects are followed (they are unless told otherwise). */
    public Redirects redirects() {
        return new Redirects();
    }

    /** The choice {@link #redirects()} offers. */
    public final class Redirects {

        private Redirects() {}

        public RequestSpecification follow(boolean follow) {
            followRedirects = follow;
            return RequestSpecification.this;
        }
    }

    /** Sends this request to another port of the same host (a second application). */
    public RequestSpecification port(int port) {
        this.port = port;
        return this;
    }

    /** Sends this request to another address ({@code http://host:port}). */
    public RequestSpecification baseUri(String uri) {
        this.baseUri = uri;
        return this;
    }

    /** Whether parameters are URL-encoded here (off: the test passes them encoded). */
    public RequestSpecification urlEncodingEnabled(boolean enabled) {
        this.urlEncoding = enabled;
        return this;
    }

    public Response get(String path, Object... pathParameters) {
        return request("GET", path, pathParameters);
    }

    public Response post(String path, Object... pathParameters) {
        return request("POST", path, pathParameters);
    }

    public Response put(String path, Object... pathParameters) {
        return request("PUT", path, pathParameters);
    }

    public Response patch(String path, Object... pathParameters) {
        return request("PATCH", path, pathParameters);
    }

    public Response delete(String path, Object... pathParameters) {
        return request("DELETE", path, pathParameters);
    }

    public Response options(String path, Object... pathParameters) {
        return request("OPTIONS", path, pathParameters);
    }

    /** Sends the request with {@code method} to {@code path}, whose {@code {placeholders}} take the parameters. */
    public Response request(String method, String path, Object... pathParameters) {
        URI uri = uri(path, pathParameters);
        String type = chosenContentType(method);
        byte[] content = content(type);
        Map<String, String> carried = new LinkedHashMap<>(cookies);
        String currentMethod = method;
        for (int hop = 0; ; hop++) {
            Response response = send(currentMethod, uri, type, content, carried);
            String location = response.getHeader("Location");
            int status = response.statusCode();
            boolean redirect = followRedirects
                    && location != null
                    && REDIRECTS.contains(status)
                    && (status == SEE_OTHER || currentMethod.equals("GET") || currentMethod.equals("HEAD"));
            if (!redirect || hop == MAX_REDIRECTS) {
                Http.remember(new Http.Exchange(method, uri.toString(), body, response));
                return response;
            }
            carried.putAll(response.getCookies());
            uri = uri.resolve(location);
            if (status == SEE_OTHER) {
                currentMethod = currentMethod.equals("HEAD") ? "HEAD" : "GET";
                type = null;
                content = null;
            }
        }
    }

    private Response send(
            String method, URI uri, @Nullable String type, byte @Nullable [] content, Map<String, String> cookies) {
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        sent.add(Map.entry("Accept", accept != null ? accept : "*/*"));
        String boundary = null;
        if (type != null) {
            if (type.startsWith("multipart/") && !type.contains("boundary=")) {
                boundary = "lyceum-" + UUID.randomUUID();
                sent.add(Map.entry("Content-Type", type + "; boundary=" + boundary));
            } else {
                sent.add(Map.entry("Content-Type", type));
            }
        }
        sent.addAll(headers);
        if (!cookies.isEmpty()) {
            var cookie = new StringBuilder();
            cookies.forEach((name, value) -> cookie.append(cookie.isEmpty() ? "" : "; ")
                    .append(name)
                    .append('=')
                    .append(value));
            sent.add(Map.entry("Cookie", cookie.toString()));
        }
        byte[] bytes = boundary != null ? multipart(boundary) : content;
        Http.Answer answer = Http.exchange(method, uri, sent, bytes, TIMEOUT);
        return new Response(method, uri.toString(), answer.status(), answer.headers(), answer.body());
    }

    /** The content type sent, as RestAssured chose it. */
    private @Nullable String chosenContentType(String method) {
        String type = contentType != null ? contentType : Http.defaultContentType;
        if (type == null) {
            if (!parts.isEmpty()) {
                type = "multipart/form-data";
            } else if (body == null) {
                type = method.equals("POST") || !formParameters.isEmpty() ? FORM : null;
            } else if (body instanceof byte[]) {
                type = "application/octet-stream";
            } else {
                type = "text/plain";
            }
        }
        if (type == null
                || type.startsWith("multipart/")
                || type.contains("multipart+")
                || type.toLowerCase(Locale.ROOT).contains("charset")
                || type.equalsIgnoreCase("application/json")) {
            return type;
        }
        return type + "; charset=" + defaultCharset(type).name();
    }

    private static Charset defaultCharset(String type) {
        return type.toLowerCase(Locale.ROOT).startsWith("application/json")
                ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1;
    }

    private static Charset charsetOf(String type) {
        Charset named = Response.namedCharset(type);
        return named != null ? named : defaultCharset(type);
    }

    private byte @Nullable [] content(@Nullable String type) {
        if (!formParameters.isEmpty() && body == null) {
            Charset charset = type == null ? StandardCharsets.ISO_8859_1 : charsetOf(type);
            var form = new StringBuilder();
            for (Map.Entry<String, String> parameter : formParameters) {
                form.append(form.isEmpty() ? "" : "&")
                        .append(encode(parameter.getKey(), charset))
                        .append('=')
                        .append(encode(parameter.getValue(), charset));
            }
            return form.toString().getBytes(charset);
        }
        return switch (body) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(type == null ? StandardCharsets.ISO_8859_1 : charsetOf(type));
            case Number number -> number.toString().getBytes(StandardCharsets.UTF_8);
            case Boolean bool -> bool.toString().getBytes(StandardCharsets.UTF_8);
            default -> Http.MAPPER.writeValueAsBytes(body);
        };
    }

    private byte[] multipart(String boundary) {
        var out = new ByteArrayOutputStream();
        for (Part part : parts) {
            var head = new StringBuilder("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"")
                    .append(part.name())
                    .append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\nContent-Type: ").append(part.mimeType()).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The address: base, path with its parameters filled in, and the query (the path's own and the added ones). */
    private URI uri(String path, Object... pathParameters) {
        String pathOnly = path;
        List<Map.Entry<String, String>> query = new ArrayList<>();
        int question = path.indexOf('?');
        if (question >= 0) {
            pathOnly = path.substring(0, question);
            for (String pair : path.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                query.add(
                        equals < 0
                                ? Map.entry(pair, "\0")
                                : Map.entry(pair.substring(0, equals), pair.substring(equals + 1)));
            }
        }
        query.addAll(queryParameters);
        Matcher placeholder = PATH_PARAMETER.matcher(pathOnly);
        var filled = new StringBuilder();
        int next = 0;
        while (placeholder.find()) {
            if (next >= pathParameters.length) {
                throw new IllegalArgumentException(
                        "No value for the path parameter " + placeholder.group() + " of " + path);
            }
            placeholder.appendReplacement(
                    filled, Matcher.quoteReplacement(encodePathValue(String.valueOf(pathParameters[next++]))));
        }
        placeholder.appendTail(filled);
        if (next != pathParameters.length) {
            throw new IllegalArgumentException(
                    pathParameters.length + " path parameters given for " + next + " placeholders in " + path);
        }
        var address = new StringBuilder();
        if (!isAbsolute(filled)) {
            address.append(baseUri != null ? baseUri : Http.baseURI);
            if (!hasPort(address.toString())) {
                address.append(':').append(port != null ? port : Http.port);
            }
        }
        address.append(quoteIllegal(filled.toString()));
        for (int i = 0; i < query.size(); i++) {
            Map.Entry<String, String> parameter = query.get(i);
            address.append(i == 0 ? '?' : '&').append(encodeQuery(parameter.getKey()));
            if (!parameter.getValue().equals("\0")) {
                address.append('=').append(encodeQuery(parameter.getValue()));
            }
        }
        return URI.create(address.toString());
    }

    private static boolean isAbsolute(CharSequence path) {
        String text = path.toString();
        return text.startsWith("http://") || text.startsWith("https://");
    }

    private static boolean hasPort(String base) {
        return URI.create(base).getPort() != -1;
    }

    private String encodePathValue(String value) {
        return urlEncoding ? encode(value, StandardCharsets.UTF_8) : value;
    }

    private String encodeQuery(String value) {
        return urlEncoding ? encode(value, StandardCharsets.UTF_8) : quoteIllegal(value);
    }

    /** RestAssured's encoding: form encoding, with spaces as {@code %20}. */
    private static String encode(String value, Charset charset) {
        return URLEncoder.encode(value, charset).replace("+", "%20");
    }

    /** Percent-encodes the characters a URI may not hold as they are (spaces, quotes, non-ASCII, ...). */
    private static String quoteIllegal(String text) {
        var quoted = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                quoted.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                quoted.append((char) c);
            }
        }
        return quoted.toString();
    }
}
