package io.lyceum.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** DESIGN.md section 3 conventions, checked over HTTP against the running application. */
class PlatformConventionsTests extends ApiTestBase {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void healthAnswersUp() {
        api().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void actuatorProbesAndPrometheusAreServed() {
        api().get("/actuator/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
        api().get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
        api().accept("text/plain")
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("hikaricp_connections"));
    }

    @Test
    void openApiDocumentIsValidOpenApi31() {
        String document = ApiDocument.text();
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, null);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getOpenAPI().getPaths()).containsKey("/health");
        assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Lyceum API");
    }

    @Test
    void swaggerUiAndReDocAreServed() {
        api().redirects()
                .follow(true)
                .accept("text/html")
                .get("/docs")
                .then()
                .statusCode(200)
                .body(containsString("swagger-ui"));
        String redoc = api().accept("text/html")
                .get("/redoc")
                .then()
                .statusCode(200)
                .body(containsString("spec-url=\"/openapi.json\""))
                .extract()
                .asString();
        String script = redoc.replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");
        api().accept("*/*").get(script).then().statusCode(200).body(containsString("Redoc"));
    }

    @Test
    void unknownRouteIsProblem404() {
        // (under /api an anonymous caller gets 401 before routing; signed-in callers get this 404)
        api().get("/no-such-thing")
                .then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404))
                .body("code", equalTo("route.not_found"))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/no-such-thing"))
                .body("traceId", notNullValue());
    }

    @Test
    void wrongMethodIsProblem405WithAllowHeader() {
        api().delete("/health")
                .then()
                .statusCode(405)
                .contentType(PROBLEM_JSON)
                .header("Allow", containsString("GET"))
                .body("code", equalTo("request.method_not_allowed"));
    }

    @Test
    void malformedJsonIsProblem400() {
        api().contentType("application/json")
                .body("{\"title\": \"unterminated")
                .post("/api/v1/test/notes")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("request.malformed_body"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void validationFailureIsProblem422WithFieldErrors() {
        api().contentType("application/json")
                .body("{\"title\": \"\", \"copies\": 99}")
                .post("/api/v1/test/notes")
                .then()
                .statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("copies"));
    }

    @Test
    void typeMismatchIsProblem400NamingTheParameter() {
        api().get("/api/v1/test/notes/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("request.invalid_parameter"))
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void unsupportedMediaTypeIsProblem415() {
        api().contentType("text/plain")
                .body("hello")
                .post("/api/v1/test/notes")
                .then()
                .statusCode(415)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("request.unsupported_media_type"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void unexpectedErrorIsProblem500WithoutInternals(CapturedOutput output) {
        String traceId = api().header("X-Request-Id", "trace-me-123")
                .get("/api/v1/test/boom")
                .then()
                .statusCode(500)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("internal.error"))
                .body("traceId", equalTo("trace-me-123"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")))
                .extract()
                .path("traceId");
        assertThat(traceId).isEqualTo("trace-me-123");
        // the failure is logged in full, tagged with the request id the caller can quote
        assertThat(output.getAll())
                .contains("[trace-me-123]")
                .contains("Unexpected error on GET /api/v1/test/boom")
                .contains("hunter2");
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        api().header("X-Request-Id", "abc-123_x.y")
                .get("/health")
                .then()
                .header("X-Request-Id", equalTo("abc-123_x.y"));
        api().get("/health").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        // an id that could forge log lines is replaced, not echoed
        api().header("X-Request-Id", "evil id\" injected")
                .get("/health")
                .then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void problemTraceIdMatchesResponseRequestId() {
        var response = api().get("/api/v1/missing");
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void listsArePagedWithCappedSize() {
        api().get("/api/v1/test/numbers?page=2&size=20")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(5))
                .body("content[0]", equalTo(40))
                .body("page.number", equalTo(2))
                .body("page.size", equalTo(20))
                .body("page.totalElements", equalTo(45))
                .body("page.totalPages", equalTo(3));
        api().get("/api/v1/test/numbers?size=1000")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("request.invalid_paging"))
                .body("errors[0].field", equalTo("size"));
        api().get("/api/v1/test/numbers?page=abc")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        api().get("/api/v1/test/numbers?sort=secret,asc")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"))
                .body("detail", containsString("value"));
    }
}
