package io.lyceum.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API document is a contract: checked in at {@code src/test/resources/openapi.json} ({@link ApiDocument}), where
 * the build generates the typed client from (see {@code ApiClientJourneyTests}) and where the other tests of what the
 * document says read it. Refresh it after changing an endpoint with
 *
 * <pre>./mvnw -Dtest=OpenApiContractTests -Dlyceum.openapi.write=true test</pre>
 */
class OpenApiContractTests extends ApiTestBase {

    private static final Pattern GENERATED_ID = Pattern.compile(".*_\\d+$");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private String liveDocument() {
        return api().accept("application/json")
                .get("/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private JsonNode document() {
        return JSON.readTree(liveDocument());
    }

    @Test
    void checkedInDocumentIsTheLiveOne() throws IOException {
        String live = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document()) + "\n";
        if (Boolean.getBoolean("lyceum.openapi.write")) {
            Files.writeString(ApiDocument.CHECKED_IN, live, StandardCharsets.UTF_8);
        }
        assertThat(ApiDocument.text())
                .as(
                        "%s is stale: refresh it with ./mvnw -Dtest=OpenApiContractTests -Dlyceum.openapi.write=true test",
                        ApiDocument.CHECKED_IN)
                .isEqualTo(live);
    }

    @Test
    void documentValidatesWithSwaggerParser() {
        var result = new OpenAPIV3Parser().readContents(liveDocument(), null, null);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void everyOperationHasAMeaningfulUniqueOperationId() {
        var ids = new HashMap<String, String>();
        var problems = new ArrayList<String>();
        forEachOperation((where, operation) -> {
            String id = operation.path("operationId").asString("");
            if (id.isBlank() || GENERATED_ID.matcher(id).matches()) {
                problems.add(where + " has operationId '" + id + "'");
            }
            String previous = ids.put(id, where);
            if (previous != null) {
                problems.add(where + " repeats operationId '" + id + "' of " + previous);
            }
        });
        assertThat(problems).isEmpty();
        assertThat(ids).containsKeys("bookingPlace", "bookingCancel", "authRegister", "health");
    }

    @Test
    void responsesSayWhatTheyAreAndEveryApiOperationListsItsProblems() {
        var problems = new ArrayList<String>();
        forEachOperation((where, operation) -> {
            var responses = operation.path("responses");
            responses.properties().forEach(response -> {
                String status = response.getKey();
                var content = response.getValue().path("content");
                if (content.has("*/*")) {
                    problems.add(where + " " + status + " answers */*");
                }
                boolean otherType = content.has("text/plain") || !where.contains(" /api/");
                if ((status.startsWith("4") || status.startsWith("5")) && !otherType) {
                    if (!content.has("application/problem+json")) {
                        problems.add(where + " " + status + " is not application/problem+json");
                    }
                    if (response.getValue().path("x-problem-codes").isEmpty()) {
                        problems.add(where + " " + status + " lists no problem code");
                    }
                }
            });
            if (where.contains(" /api/")) {
                for (String status : List.of("429", "500")) {
                    if (!responses.has(status)) {
                        problems.add(where + " does not list " + status);
                    }
                }
                boolean secured = operation.path("security").toString().contains("\"bearer\"");
                if (secured && !(responses.has("401") && responses.has("403"))) {
                    problems.add(where + " is secured but lists no 401 and 403");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    /** A documented code that the application never answers would send client authors after ghosts. */
    @Test
    void everyDocumentedProblemCodeIsOneTheApplicationAnswers() throws IOException {
        var codes = new TreeSet<String>();
        forEachOperation(
                (where, operation) -> operation.path("responses").forEach(response -> response.path("x-problem-codes")
                        .forEach(code -> codes.add(code.asString()))));
        String sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            var text = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                text.append(Files.readString(file));
            }
            sources = text.toString();
        }
        assertThat(codes).hasSizeGreaterThan(50);
        // a code is written whole ("booking.not_found") or built from its module's prefix (type + ".not_found")
        assertThat(codes.stream()
                        .filter(code -> !sources.contains("\"" + code + "\"")
                                && !(sources.contains("\"" + code.substring(0, code.indexOf('.')) + "\"")
                                        && sources.contains("\"" + code.substring(code.indexOf('.')) + "\""))))
                .as("documented codes that no source file answers")
                .isEmpty();
    }

    @Test
    void onlyTheApiAndHealthAreDocumented() {
        document().path("paths").propertyNames().forEach(path -> assertThat(
                        path.startsWith("/api/v1/") || path.equals("/health"))
                .as(path)
                .isTrue());
    }

    /**
     * Bookings, orders, withdrawals, invoices, quotes and tutor profiles answer their state history in one shape: each
     * history route answers a page of the shared {@code StateChange} schema, and details embed the same items.
     */
    @Test
    void everyStateHistoryHasTheOneShape() {
        JsonNode doc = document();
        Map<String, String> itemRefs = new HashMap<>();
        itemRefs.put("/api/v1/bookings/{id}/history", historyItemRef(doc, "/api/v1/bookings/{id}/history", false));
        itemRefs.put(
                "/api/v1/admin/tutors/{id}/history", historyItemRef(doc, "/api/v1/admin/tutors/{id}/history", false));
        itemRefs.put("/api/v1/invoices/{id}/history", historyItemRef(doc, "/api/v1/invoices/{id}/history", false));
        itemRefs.put("/api/v1/quotes/{id}/history", historyItemRef(doc, "/api/v1/quotes/{id}/history", false));
        itemRefs.put("/api/v1/bookings/{id}", historyItemRef(doc, "/api/v1/bookings/{id}", true));
        itemRefs.put("/api/v1/payments/orders/{id}", historyItemRef(doc, "/api/v1/payments/orders/{id}", true));
        itemRefs.put("/api/v1/wallet/withdrawals/{id}", historyItemRef(doc, "/api/v1/wallet/withdrawals/{id}", true));
        assertThat(itemRefs)
                .allSatisfy((route, ref) -> assertThat(ref).as(route).isEqualTo("#/components/schemas/StateChange"));
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("StateChange")
                        .path("properties")
                        .propertyNames())
                .containsExactlyInAnyOrder("from", "to", "at", "actorId", "actorRole", "reason", "details");
    }

    /**
     * An answer of several shapes names the property that tells them apart: every {@code oneOf} in a response has a
     * discriminator (sign-in answers tokens or a second-factor challenge, told apart by {@code outcome}).
     */
    @Test
    void everyAnswerOfSeveralShapesHasADiscriminator() {
        List<String> undiscriminated = new java.util.ArrayList<>();
        forEachOperation((operation, node) -> node.path("responses")
                .forEach(response -> response.path("content").forEach(media -> {
                    JsonNode schema = media.path("schema");
                    if (schema.has("oneOf") && !schema.has("discriminator")) {
                        undiscriminated.add(operation);
                    }
                })));
        assertThat(undiscriminated).isEmpty();
        JsonNode login = document()
                .path("paths")
                .path("/api/v1/auth/login")
                .path("post")
                .path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("discriminator");
        assertThat(login.path("propertyName").asString()).isEqualTo("outcome");
        assertThat(login.path("mapping").path("SIGNED_IN").asString()).isEqualTo("#/components/schemas/TokenView");
        assertThat(login.path("mapping").path("SECOND_FACTOR_REQUIRED").asString())
                .isEqualTo("#/components/schemas/ChallengeView");
    }

    private static String historyItemRef(JsonNode doc, String path, boolean historyProperty) {
        JsonNode schema = doc.path("paths")
                .path(path)
                .path("get")
                .path("responses")
                .path("200")
                .path("content");
        schema = schema.properties().iterator().next().getValue().path("schema");
        String name = schema.path("$ref").asString().replace("#/components/schemas/", "");
        schema = doc.path("components")
                .path("schemas")
                .path(name)
                .path("properties")
                .path(historyProperty ? "history" : "content");
        return schema.path("items").path("$ref").asString();
    }

    /**
     * No list answer is unbounded (DESIGN.md section 3): a route answering a JSON array states the bound as
     * {@code maxItems} and in its description (a small whole list), otherwise it answers a page, and every paged route
     * takes {@code page} and {@code size}.
     */
    @Test
    void everyListAnswerIsAPageOrStatesItsBound() {
        JsonNode schemas = document().path("components").path("schemas");
        List<String> unbounded = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        List<String> pagesWithoutParameters = new ArrayList<>();
        List<String> bounded = new ArrayList<>();
        List<String> paged = new ArrayList<>();
        forEachOperation(
                (operation, node) -> node.path("responses").properties().forEach(response -> {
                    if (!response.getKey().startsWith("2")) {
                        return;
                    }
                    response.getValue().path("content").forEach(media -> {
                        JsonNode schema = media.path("schema");
                        if (isArray(schema)) {
                            if (!schema.has("maxItems")) {
                                unbounded.add(operation);
                            } else {
                                bounded.add(operation);
                                if (!node.path("description")
                                        .asString("")
                                        .contains("at most "
                                                + schema.path("maxItems").asInt() + " items")) {
                                    undocumented.add(operation);
                                }
                            }
                        }
                        JsonNode target =
                                schemas.path(schema.path("$ref").asString("").replace("#/components/schemas/", ""));
                        if (isPage(target)) {
                            paged.add(operation);
                            List<String> parameters = new ArrayList<>();
                            node.path("parameters")
                                    .forEach(p -> parameters.add(p.path("name").asString()));
                            if (!parameters.containsAll(List.of("page", "size"))) {
                                pagesWithoutParameters.add(operation);
                            }
                        }
                    });
                }));
        assertThat(unbounded).as("array answers without maxItems").isEmpty();
        assertThat(undocumented)
                .as("bounded answers whose description omits the bound")
                .isEmpty();
        assertThat(pagesWithoutParameters).as("pages without page and size").isEmpty();
        // the lists this rule was written for, each in its chosen shape
        assertThat(paged)
                .contains(
                        "GET /api/v1/auth/sessions",
                        "GET /api/v1/categories",
                        "GET /api/v1/admin/exchange-rates",
                        "GET /api/v1/admin/tutors/{id}/history",
                        "GET /api/v1/bookings/{id}/history",
                        "GET /api/v1/invoices/{id}/history",
                        "GET /api/v1/quotes/{id}/history",
                        "GET /api/v1/messages/{id}/edits");
        assertThat(bounded)
                .contains(
                        "GET /api/v1/course-packs/{id}/materials",
                        "GET /api/v1/tutors/me/course-packs/{id}/materials",
                        "PUT /api/v1/tutors/me/course-packs/{id}/materials/order",
                        "GET /api/v1/webhooks/event-types");
    }

    private static boolean isArray(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("array".equals(t.asString())) {
                    return true;
                }
            }
            return false;
        }
        return "array".equals(type.asString(""));
    }

    private static boolean isPage(JsonNode schema) {
        JsonNode properties = schema.path("properties");
        return isArray(properties.path("content")) && properties.has("page");
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> action) {
        for (Map.Entry<String, JsonNode> path : document().path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                    action.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
    }
}
