package io.lyceum.web;

import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages' only way to the business: Lyceum's own REST API over the loopback interface, as the signed-in browser.
 * The access token travels from the browser's HttpOnly {@code lyceum_access} cookie to the API as a bearer token; the
 * CSRF check has already run on the page's own request (the same double-submit filter guards pages and API). The
 * caller's address, language and tenant go along so rate limits, messages and tenancy are the browser's.
 */
@Component
class Api {

    static final String ACCESS_COOKIE = "lyceum_access";
    static final String CSRF_COOKIE = "lyceum_csrf";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final JsonMapper json;
    private final Environment environment;
    private final TenancyApi tenancy;

    Api(JsonMapper json, Environment environment, TenancyApi tenancy) {
        this.json = json;
        this.environment = environment;
        this.tenancy = tenancy;
    }

    /** An answer: its status, its JSON body (a map, a list or null) and the cookies it set. */
    record Answer(int status, @Nullable Object body, List<String> setCookies) {

        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /** Hands the API's Set-Cookie headers (cookie mode sign-in and sign-out) on to the browser. */
        void passCookiesTo(HttpServletResponse response) {
            setCookies.forEach(c -> response.addHeader(HttpHeaders.SET_COOKIE, c));
        }
    }

    Map<String, Object> get(String path, @Nullable Object... query) {
        return send("GET", path + queryString(query), null, false).map();
    }

    Map<String, Object> post(String path, @Nullable Object body) {
        return send("POST", path, body, false).map();
    }

    Map<String, Object> put(String path, @Nullable Object body) {
        return send("PUT", path, body, false).map();
    }

    /**
     * A request (a PUT, PATCH, or a pack's publish or delete) guarded by {@code If-Match} with the version the page showed: a change made by someone else
     * since is the API's 412, not a silent overwrite.
     */
    Map<String, Object> sendIfMatch(String method, String path, @Nullable Object body, long version) {
        return tagged(method, path, body, "\"" + version + "\"").body();
    }

    /**
     * Every item of a paged list, page by page (100 at a time), up to {@code cap} items: for choices a page must offer
     * in full, such as the tenant's subjects, which a first page would cut short.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> all(String path, int cap, @Nullable Object... query) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int page = 0; items.size() < cap; page++) {
            Object[] paged = java.util.Arrays.copyOf(query, query.length + 4);
            paged[query.length] = "page";
            paged[query.length + 1] = page;
            paged[query.length + 2] = "size";
            paged[query.length + 3] = 100;
            Map<String, Object> answer = get(path, paged);
            List<Map<String, Object>> content = (List<Map<String, Object>>) answer.getOrDefault("content", List.of());
            items.addAll(content.subList(0, Math.min(content.size(), cap - items.size())));
            if (!(answer.get("page") instanceof Map<?, ?> info)
                    || !(info.get("totalPages") instanceof Number total)
                    || page + 1 >= total.intValue()) {
                break;
            }
        }
        return items;
    }

    /** The items of a list answer, whether the route answers a bare array or a page ({@code content}). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items(String path, @Nullable Object... query) {
        Object body = send("GET", path + queryString(query), null, false).body();
        if (body instanceof Map<?, ?> page && page.get("content") instanceof List<?> content) {
            return (List<Map<String, Object>>) content;
        }
        return body instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    Map<String, Object> patch(String path, @Nullable Object body) {
        return send("PATCH", path, body, false).map();
    }

    void delete(String path) {
        send("DELETE", path, null, false);
    }

    /** A POST in cookie mode ({@code X-Auth-Mode: cookie}): the answer's cookies are for the browser. */
    Answer postForCookies(String path, @Nullable Object body) {
        return send("POST", path, body, true);
    }

    /**
     * A multipart POST of form fields and one file (a course pack's material), as a browser would send the form: the
     * page hands the uploaded file on to the API unchanged.
     */
    Map<String, Object> postMultipart(
            String path, Map<String, String> fields, String fileField, String fileName, String type, byte[] content) {
        return sendMultipart("POST", path, fields, fileField, fileName, type, content);
    }

    /** As {@link #postMultipart} with another method (a PUT that replaces a tutor's photo). */
    Map<String, Object> sendMultipart(
            String method,
            String path,
            Map<String, String> fields,
            String fileField,
            String fileName,
            String type,
            byte[] content) {
        String boundary = "lyceum-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> writePart(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"" + name + "\"",
                value.getBytes(StandardCharsets.UTF_8)));
        writePart(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + fileName.replaceAll("[\"\\r\\n\\\\]", "_") + "\"\r\nContent-Type: " + type,
                content);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request(method, path, null, false)
                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        Object parsed = response.body().length == 0 ? null : json.readValue(response.body(), Object.class);
        return new Answer(response.statusCode(), parsed, List.of()).map();
    }

    private static void writePart(java.io.ByteArrayOutputStream out, String boundary, String headers, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A binary answer (a PDF) with its content type; problems are thrown as for JSON. */
    HttpResponse<byte[]> download(String path) {
        HttpRequest request = request("GET", path, null, false).build();
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        return response;
    }

    /** A JSON answer with its ETag, for the edits that must send it back as If-Match. */
    record Tagged(Map<String, Object> body, @Nullable String etag) {}

    Tagged getTagged(String path) {
        return tagged("GET", path, null, null);
    }

    /** A PUT with {@code If-Match}: a stale ETag comes back as the API's 412 problem. */
    Tagged putIfMatch(String path, @Nullable Object body, @Nullable String etag) {
        return tagged("PUT", path, body, etag);
    }

    private Tagged tagged(String method, String path, @Nullable Object body, @Nullable String ifMatch) {
        var builder = request(method, path, body, false);
        if (ifMatch != null) {
            builder.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        HttpResponse<byte[]> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        Object parsed = response.body().length == 0 ? null : json.readValue(response.body(), Object.class);
        return new Tagged(
                new Answer(response.statusCode(), parsed, List.of()).map(),
                response.headers().firstValue(HttpHeaders.ETAG).orElse(null));
    }

    /** A multipart POST of form fields and one file (an upload the page received, passed on as it came). */
    Map<String, Object> postFile(
            String path, Map<String, String> fields, String fileField, @Nullable String fileName, byte[] content) {
        var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        fields.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parts.add(name, value);
            }
        });
        parts.add(fileField, new org.springframework.core.io.ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName == null || fileName.isBlank() ? "upload" : fileName;
            }
        });
        var out = new java.io.ByteArrayOutputStream();
        var headers = new HttpHeaders();
        try {
            new org.springframework.http.converter.FormHttpMessageConverter()
                    .write(
                            parts,
                            org.springframework.http.MediaType.MULTIPART_FORM_DATA,
                            new org.springframework.http.HttpOutputMessage() {
                                @Override
                                public java.io.OutputStream getBody() {
                                    return out;
                                }

                                @Override
                                public HttpHeaders getHeaders() {
                                    return headers;
                                }
                            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var builder = request("POST", path, null, false)
                .header(HttpHeaders.CONTENT_TYPE, String.valueOf(headers.getContentType()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        HttpResponse<byte[]> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        Object parsed = response.body().length == 0 ? null : json.readValue(response.body(), Object.class);
        return new Answer(response.statusCode(), parsed, List.of()).map();
    }

    boolean signedIn() {
        return current().map(r -> cookie(r, ACCESS_COOKIE)).orElse(null) != null;
    }

    Answer send(String method, String path, @Nullable Object body, boolean cookieMode) {
        HttpRequest request = request(method, path, body, cookieMode).build();
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 400) {
            throw problem(status, response.body());
        }
        Object parsed = response.body().length == 0 ? null : json.readValue(response.body(), Object.class);
        return new Answer(status, parsed, response.headers().allValues(HttpHeaders.SET_COOKIE));
    }

    private HttpRequest.Builder request(String method, String path, @Nullable Object body, boolean cookieMode) {
        var builder = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .header(HttpHeaders.ACCEPT, "application/json, application/problem+json");
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        if (body != null) {
            builder.header(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        builder.method(method, publisher);
        if (cookieMode) {
            builder.header("X-Auth-Mode", "cookie");
        }
        if ("POST".equals(method)) {
            builder.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        current().ifPresent(page -> {
            String access = cookie(page, ACCESS_COOKIE);
            if (access != null) {
                builder.header(HttpHeaders.AUTHORIZATION, "Bearer " + access);
            }
            builder.header("X-Forwarded-For", page.getRemoteAddr());
            String agent = page.getHeader(HttpHeaders.USER_AGENT);
            if (agent != null) {
                builder.header(HttpHeaders.USER_AGENT, agent);
            }
            String language = page.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
            if (language != null) {
                builder.header(HttpHeaders.ACCEPT_LANGUAGE, language);
            }
            String requestId = page.getHeader("X-Request-Id");
            if (requestId != null) {
                builder.header("X-Request-Id", requestId);
            }
        });
        TenantContext.current()
                .flatMap(tenancy::findById)
                .ifPresent(tenant -> builder.header("X-Tenant", tenant.slug()));
        return builder;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ApiProblem(503, "web.api_unreachable", "The service did not answer.", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "web.api_unreachable", "Interrupted.", null);
        }
    }

    @SuppressWarnings("unchecked")
    private ApiProblem problem(int status, byte[] body) {
        Map<String, Object> problem;
        try {
            Object parsed = body.length == 0 ? null : json.readValue(body, Object.class);
            problem = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (RuntimeException e) {
            problem = Map.of();
        }
        Object code = problem.get("code");
        Object detail = problem.get("detail");
        return new ApiProblem(
                status,
                code != null ? code.toString() : "http." + status,
                detail != null ? detail.toString() : null,
                new LinkedHashMap<>(problem));
    }

    private String base() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://127.0.0.1:" + port;
    }

    static String queryString(@Nullable Object... pairs) {
        var query = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value == null || value.toString().isBlank()) {
                continue;
            }
            Iterable<?> values = value instanceof Iterable<?> many ? many : List.of(value);
            for (Object one : values) {
                query.append(query.isEmpty() ? '?' : '&')
                        .append(URLEncoder.encode(pairs[i].toString(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(one.toString(), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    static java.util.Optional<HttpServletRequest> current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? java.util.Optional.of(attributes.getRequest())
                : java.util.Optional.empty();
    }

    static @Nullable String cookie(HttpServletRequest request, String name) {
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
}
