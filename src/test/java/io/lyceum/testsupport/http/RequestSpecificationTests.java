package io.lyceum.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the tests' client puts on the wire, against a bare JDK server that echoes what it received: RestAssured's
 * defaults (content types and charsets, Accept, encoding) and its redirect rules.
 */
class RequestSpecificationTests {

    private static HttpServer server;
    private static final List<String> SEEN = new ArrayList<>();
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", RequestSpecificationTests::echo);
        server.createContext("/moved", exchange -> {
            SEEN.add(exchange.getRequestMethod() + " /moved");
            exchange.getResponseHeaders().add("Set-Cookie", "step=1; Path=/");
            exchange.getResponseHeaders().add("Location", "/echo?from=moved");
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery().equals("see-other") ? 303 : 302, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Answers with what it received: method, raw address, headers that matter here, and the body. */
    private static void echo(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        var headers = exchange.getRequestHeaders();
        String json = Http.MAPPER.writeValueAsString(Map.of(
                "method", exchange.getRequestMethod(),
                "uri",
                        exchange.getRequestURI().getRawPath() + "?"
                                + exchange.getRequestURI().getRawQuery(),
                "contentType", String.valueOf(headers.getFirst("Content-Type")),
                "accept", String.valueOf(headers.getFirst("Accept")),
                "cookie", String.valueOf(headers.getFirst("Cookie")),
                "body", body));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Set-Cookie", "seen=yes; Path=/; HttpOnly");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static RequestSpecification request() {
        return Http.given().baseUri("http://127.0.0.1:" + port);
    }

    @Test
    void aBodilessPostIsAFormPostAndAcceptIsAnythingUnlessSet() {
        request()
                .post("/echo")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("contentType", equalTo("application/x-www-form-urlencoded; charset=ISO-8859-1"))
                .body("accept", equalTo("*/*"))
                .body("body", equalTo(""));
        request().put("/echo").then().body("contentType", equalTo("null"));
    }

    @Test
    void objectsAreWrittenAsJsonAndTextKeepsItsCharset() {
        request()
                .contentType("application/json")
                .accept("application/json, application/problem+json")
                .body(Map.of("name", "Zoë"))
                .post("/echo")
                .then()
                .body("contentType", equalTo("application/json"))
                .body("accept", equalTo("application/json, application/problem+json"))
                .body(
                        "body",
                        equalTo(new String(
                                "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        request()
                .contentType("text/plain")
                .body("plain")
                .post("/echo")
                .then()
                .body("contentType", equalTo("text/plain; charset=ISO-8859-1"))
                .body("body", equalTo("plain"));
        request()
                .formParam("email", "a+b@example.com")
                .formParam("code", "1 2")
                .post("/echo")
                .then()
                .body("body", equalTo("email=a%2Bb%40example.com&code=1%202"));
    }

    @Test
    void parametersAreEncodedAlsoThoseWrittenIntoThePath() {
        request()
                .queryParam("q", "a+b c")
                .queryParam("tag", List.of("x", "y"))
                .get("/echo/{id}?sort=name,asc", "ü/1")
                .then()
                .body("uri", equalTo("/echo/%C3%BC%2F1?sort=name%2Casc&q=a%2Bb%20c&tag=x&tag=y"));
        request().urlEncodingEnabled(false).get("/echo?already=%2B").then().body("uri", equalTo("/echo?already=%2B"));
        assertThatThrownBy(() -> request().get("/echo/{id}")).hasMessageContaining("No value for the path parameter");
    }

    @Test
    void getRedirectsAreFollowedWithTheirCookiesPostRedirectsOnlyOnSeeOther() {
        SEEN.clear();
        Response followed = request().cookie("mine", "1").get("/moved?found");
        followed.then()
                .statusCode(200)
                .body("uri", equalTo("/echo?from=moved"))
                .body("cookie", equalTo("mine=1; step=1"));
        assertThat(SEEN).containsExactly("GET /moved");
        request().post("/moved?found").then().statusCode(302).header("Location", "/echo?from=moved");
        request().post("/moved?see-other").then().statusCode(200).body("method", equalTo("GET"));
        request()
                .redirects()
                .follow(false)
                .get("/moved?found")
                .then()
                .statusCode(302)
                .cookie("step", "1");
    }

    @Test
    void answersAreReadAndCheckedByPathHeaderAndCookie() {
        Response answer = request().get("/echo");
        assertThat(answer.getCookie("seen")).isEqualTo("yes");
        assertThat(answer.getHeaders().getValues("Set-Cookie")).containsExactly("seen=yes; Path=/; HttpOnly");
        assertThat(answer.jsonPath().getString("method")).isEqualTo("GET");
        answer.then().contentType("application/json").body("$", org.hamcrest.Matchers.hasKey("body"));
        assertThatThrownBy(() -> answer.then().statusCode(201))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected status 201 but was 200")
                .hasMessageContaining("GET http://127.0.0.1:" + port + "/echo answered 200");
        assertThatThrownBy(() -> answer.then().body("method", equalTo("POST")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("JSON path method");
    }
}
