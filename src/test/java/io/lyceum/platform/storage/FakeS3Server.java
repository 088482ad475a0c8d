package io.lyceum.platform.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small in-memory stand-in for an S3-compatible store, enough of the REST API (path-style PUT, GET, HEAD and DELETE
 * of objects, S3's XML errors) to test the adapter over real HTTP with the real AWS SDK. It does not check signatures,
 * but records every request so tests can assert what the SDK sent.
 */
final class FakeS3Server implements AutoCloseable {

    record StoredObject(byte[] content, String contentType, Map<String, String> metadata) {}

    record Request(String method, String path, String authorization, String contentType) {}

    final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeS3Server() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath(); // /bucket/key
            var headers = exchange.getRequestHeaders();
            requests.add(
                    new Request(method, path, headers.getFirst("Authorization"), headers.getFirst("Content-Type")));
            switch (method) {
                case "PUT" -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    if (String.valueOf(headers.getFirst("x-amz-content-sha256")).startsWith("STREAMING-")) {
                        body = decodeAwsChunked(body);
                    }
                    Map<String, String> metadata = new ConcurrentHashMap<>();
                    headers.forEach((name, values) -> {
                        if (name.toLowerCase().startsWith("x-amz-meta-")) {
                            metadata.put(name.toLowerCase().substring("x-amz-meta-".length()), values.getFirst());
                        }
                    });
                    objects.put(path, new StoredObject(body, headers.getFirst("Content-Type"), metadata));
                    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(path.hashCode()) + "\"");
                    exchange.sendResponseHeaders(200, -1);
                }
                case "GET", "HEAD" -> {
                    StoredObject object = objects.get(path);
                    if (object == null) {
                        notFound(exchange, method.equals("HEAD"));
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", object.contentType());
                    object.metadata()
                            .forEach((k, v) -> exchange.getResponseHeaders().add("x-amz-meta-" + k, v));
                    if (method.equals("HEAD")) {
                        exchange.getResponseHeaders().add("Content-Length", String.valueOf(object.content().length));
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        exchange.sendResponseHeaders(200, object.content().length);
                        exchange.getResponseBody().write(object.content());
                    }
                }
                case "DELETE" -> {
                    objects.remove(path);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private static void notFound(HttpExchange exchange, boolean head) throws IOException {
        if (head) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>""".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(404, xml.length);
        exchange.getResponseBody().write(xml);
    }

    /** Decodes {@code aws-chunked} bodies: {@code <hex size>;chunk-signature=...\r\n<data>\r\n}, ending with size 0. */
    private static byte[] decodeAwsChunked(byte[] body) throws IOException {
        var out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        while (true) {
            var line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            in.readNBytes(2); // CRLF after the chunk
        }
    }
}
