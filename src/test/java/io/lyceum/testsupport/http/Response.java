package io.lyceum.testsupport.http;

import java.net.HttpCookie;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An answer: status, headers, cookies and body, read as text, bytes, JSON paths ({@link #path}, {@link #jsonPath()})
 * or a class ({@link #as}), and checked through {@link #then()}. The body is decoded with the charset its content type
 * names, else UTF-8 (RestAssured's default, the platform's).
 */
public final class Response {

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^;\\s\"]+)");

    private final String method;
    private final String uri;
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private @Nullable String text;
    private @Nullable JsonPath json;

    Response(String method, String uri, int status, HttpHeaders headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public ValidatableResponse then() {
        return new ValidatableResponse(this);
    }

    public int statusCode() {
        return status;
    }

    public int getStatusCode() {
        return status;
    }

    public String getStatusLine() {
        return "HTTP/1.1 " + status;
    }

    /** The header's value (the last one when it came several times), or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.allValues(name);
        return values.isEmpty() ? null : values.getLast();
    }

    public @Nullable String getHeader(String name) {
        return header(name);
    }

    public Headers headers() {
        return new Headers(headers);
    }

    public Headers getHeaders() {
        return headers();
    }

    /** The answer's headers, by case-insensitive name. */
    public record Headers(HttpHeaders all) {

        /** Every value of the header, in order. */
        public List<String> getValues(String name) {
            return all.allValues(name);
        }

        /** The header's value (the last one when it came several times), or null. */
        public @Nullable String getValue(String name) {
            List<String> values = all.allValues(name);
            return values.isEmpty() ? null : values.getLast();
        }
    }

    /** The content type, or "" when the answer has none. */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    public String getContentType() {
        return contentType();
    }

    /** The cookies the answer sets, by name (the last value of each). */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers.allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return cookies;
    }

    public Map<String, String> getCookies() {
        return cookies();
    }

    public @Nullable String cookie(String name) {
        return cookies().get(name);
    }

    public @Nullable String getCookie(String name) {
        return cookie(name);
    }

    public String asString() {
        if (text == null) {
            text = new String(body, charset());
        }
        return text;
    }

    public byte[] asByteArray() {
        return body.clone();
    }

    /** The value at a JSON path of the body ({@link GPath}). */
    public <T> T path(String path) {
        return jsonPath().get(path);
    }

    public JsonPath jsonPath() {
        if (json == null) {
            json = new JsonPath(asString());
        }
        return json;
    }

    /** The body mapped to {@code type} by Jackson. */
    public <T> T as(Class<T> type) {
        return Http.MAPPER.readValue(body, type);
    }

    /** This answer, for reading its body (RestAssured's {@code getBody()}, {@code body()} and {@code response()}). */
    public Response getBody() {
        return this;
    }

    public Response body() {
        return this;
    }

    public Response response() {
        return this;
    }

    private Charset charset() {
        Charset named = namedCharset(contentType());
        return named != null ? named : StandardCharsets.UTF_8;
    }

    /** The charset a content type names ({@code text/plain; charset=UTF-8}), or null when it names none. */
    static @Nullable Charset namedCharset(String contentType) {
        Matcher named = CHARSET.matcher(contentType);
        return named.find() ? Charset.forName(named.group(1)) : null;
    }

    /** "METHOD uri" and the status, for messages. */
    String describe() {
        return method + " " + uri + " answered " + status;
    }

    @Override
    public String toString() {
        return describe();
    }
}
