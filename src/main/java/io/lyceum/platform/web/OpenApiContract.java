package io.lyceum.platform.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Makes {@code /openapi.json} a contract clients can be generated from, for every controller of every module without
 * per-controller work: each operation gets a stable {@code operationId} derived from its controller and method, and
 * the problem responses (RFC 9457, {@code application/problem+json}) it can answer with their stable {@code code}s.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiContract {

    static {
        // Jackson writes a java.util.Currency as its ISO code; springdoc would describe the class's bean properties
        org.springdoc.core.utils.SpringDocUtils.getConfig()
                .replaceWithSchema(
                        java.util.Currency.class,
                        new StringSchema()
                                .pattern("^[A-Z]{3}$")
                                .description("ISO 4217 currency code")
                                .example("GBP"))
                // Jackson 3's tree types are free JSON, not beans with isArray()/isBoolean() properties
                .replaceWithSchema(
                        tools.jackson.databind.JsonNode.class, new Schema<Object>().description("Any JSON value"))
                .replaceWithSchema(tools.jackson.databind.node.ObjectNode.class, new ObjectSchema());
    }

    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /**
     * {@code BookingController.cancel} becomes {@code bookingCancel}: the controller's noun, then the method. A name
     * given with {@code @Operation(operationId = ...)} wins; a method named like its controller's noun keeps its
     * name ({@code HealthController.health} is {@code health}, {@code TutorProfileController.profile} is
     * {@code tutorProfile}). Ids never depend on other controllers, so adding a module renames nothing.
     */
    @Bean
    OperationCustomizer derivedOperationIds() {
        return (operation, handlerMethod) -> {
            var annotation = AnnotatedElementUtils.findMergedAnnotation(
                    handlerMethod.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
            if (annotation != null && StringUtils.hasText(annotation.operationId())) {
                operation.setOperationId(annotation.operationId());
            } else {
                operation.setOperationId(derivedOperationId(handlerMethod));
            }
            return operation;
        };
    }

    /**
     * A route marked {@link io.lyceum.platform.BoundedList} answers a whole array: its 2xx array schemas get the bound
     * as {@code maxItems} and the description says it, so clients know the list is complete and how large it can be.
     */
    @Bean
    OperationCustomizer boundedListAnswers() {
        return (operation, handlerMethod) -> {
            var bound = AnnotatedElementUtils.findMergedAnnotation(
                    handlerMethod.getMethod(), io.lyceum.platform.BoundedList.class);
            if (bound == null || operation.getResponses() == null) {
                return operation;
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().values().forEach(media -> {
                        if (isArray(media.getSchema())) {
                            media.getSchema().setMaxItems(bound.value());
                        }
                    });
                }
            });
            String sentence = "The whole list, never paged: at most " + bound.value() + " items.";
            String description = operation.getDescription();
            operation.setDescription(
                    description == null || description.isBlank() ? sentence : description.strip() + " " + sentence);
            return operation;
        };
    }

    static boolean isArray(Schema<?> schema) {
        return schema != null
                && ("array".equals(schema.getType())
                        || (schema.getTypes() != null && schema.getTypes().contains("array")));
    }

    static String derivedOperationId(HandlerMethod handlerMethod) {
        String controller = ClassUtils.getUserClass(handlerMethod.getBeanType()).getSimpleName();
        String noun = controller.endsWith("Controller")
                ? controller.substring(0, controller.length() - "Controller".length())
                : controller;
        String method = handlerMethod.getMethod().getName();
        String lowerNoun = StringUtils.uncapitalize(noun);
        if (method.toLowerCase(Locale.ROOT).startsWith(noun.toLowerCase(Locale.ROOT))) {
            return method;
        }
        if (noun.endsWith(StringUtils.capitalize(method))) {
            return lowerNoun;
        }
        return lowerNoun + StringUtils.capitalize(method);
    }

    /**
     * Runs after every other customizer (security adds its 401 first): documents the problem responses each operation
     * can answer, with the codes the platform uses for them, and one {@code Problem} schema they all share.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.setServers(List.of(new Server().url("/").description("This server")));
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                namedRequestForms(openApi, operation);
                discriminatedAlternatives(openApi, operation);
                if (path.startsWith("/api/")) {
                    addProblemResponses(path, method.name(), operation);
                }
                jsonNotAnything(operation);
            }));
        };
    }

    /**
     * An answer that is one of several shapes says which it is: when every alternative of a {@code oneOf} has the
     * same required property with a single enum value (sign-in's {@code outcome}: tokens or a second-factor
     * challenge), that property becomes the discriminator, so generated clients pick the shape by it instead of by
     * trial parsing. swagger-core drops a discriminator declared on a response's inline schema, hence here.
     */
    @SuppressWarnings("rawtypes")
    private static void discriminatedAlternatives(io.swagger.v3.oas.models.OpenAPI openApi, Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        Map<String, Schema> components = openApi.getComponents().getSchemas();
        for (ApiResponse response : operation.getResponses().values()) {
            if (response.getContent() == null) {
                continue;
            }
            for (MediaType media : response.getContent().values()) {
                Schema<?> schema = media.getSchema();
                if (schema == null || schema.getOneOf() == null || schema.getDiscriminator() != null) {
                    continue;
                }
                Map<String, String> mapping = new LinkedHashMap<>();
                String property = null;
                for (Schema<?> alternative : schema.getOneOf()) {
                    String ref = alternative.get$ref();
                    Schema<?> target = ref == null ? null : components.get(ref.substring(ref.lastIndexOf('/') + 1));
                    String tag = target == null ? null : singleValueTag(target, property);
                    if (tag == null) {
                        mapping.clear();
                        break;
                    }
                    property = tag.substring(0, tag.indexOf('='));
                    mapping.put(tag.substring(tag.indexOf('=') + 1), ref);
                }
                if (!mapping.isEmpty()) {
                    schema.setDiscriminator(new io.swagger.v3.oas.models.media.Discriminator()
                            .propertyName(property)
                            .mapping(mapping));
                }
            }
        }
    }

    /** {@code property=value} of the schema's required single-value enum property (named {@code wanted} if given). */
    @SuppressWarnings("rawtypes")
    private static @Nullable String singleValueTag(Schema<?> schema, @Nullable String wanted) {
        if (schema.getProperties() == null || schema.getRequired() == null) {
            return null;
        }
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            List<?> values = property.getValue().getEnum();
            if ((wanted == null || wanted.equals(property.getKey()))
                    && schema.getRequired().contains(property.getKey())
                    && values != null
                    && values.size() == 1) {
                return property.getKey() + "=" + values.getFirst();
            }
        }
        return null;
    }

    private static void addProblemResponses(String path, String method, Operation operation) {
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        // signed-in users' operations; the operator's and webhooks' own schemes name their codes in descriptions
        boolean secured = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey("bearer"));
        boolean addressed = path.contains("{");
        boolean changes = !"GET".equals(method);
        boolean paged = hasParameters && operation.getParameters().stream().anyMatch(p -> "page".equals(p.getName()));

        Map<String, Problem> problems = new TreeMap<>();
        if (hasBody || hasParameters) {
            var codes = new ArrayList<String>();
            if (hasBody) {
                codes.add("request.malformed_body");
            }
            if (hasParameters || addressed) {
                codes.add("request.invalid_parameter");
            }
            if (paged) {
                codes.add("request.invalid_paging");
            }
            problems.put("400", new Problem("The request is malformed or a parameter has the wrong type", codes));
        }
        if (secured) {
            problems.put(
                    "401", new Problem("No valid access token", List.of("auth.unauthenticated", "auth.invalid_token")));
            problems.put("403", new Problem("Signed in, but not allowed to do this", List.of("auth.forbidden")));
        }
        if (addressed) {
            problems.put(
                    "404", new Problem("No such resource, or one the caller may not know exists", notFoundCodes(path)));
        }
        if (changes && (hasBody || addressed)) {
            problems.put(
                    "409",
                    new Problem(
                            "The change conflicts with the resource's current state or a concurrent change",
                            List.of("request.concurrent_update", "request.conflict")));
        }
        if (hasBody || hasParameters) {
            problems.put(
                    "422",
                    new Problem("A field is invalid; `errors[]` names each one", List.of("request.validation_failed")));
        }
        if (hasBody && isUpload(operation)) {
            problems.put("413", new Problem("The upload is too large", List.of("request.too_large")));
        }
        problems.put(
                "429",
                new Problem(
                        "Too many requests; retry after the `Retry-After` seconds", List.of("request.rate_limited")));
        problems.put(
                "500",
                new Problem(
                        "An unexpected error; quote the `traceId` (also the `X-Request-Id` header)",
                        List.of("internal.error")));

        namedInDescriptions(operation).forEach((status, codes) -> {
            var generic = problems.get(status);
            if (generic == null) {
                problems.put(status, new Problem(meaningOf(status), codes));
            } else if ("404".equals(status)) {
                problems.put(status, new Problem(generic.meaning(), codes)); // the named code, not the guessed one
            } else {
                var all = new ArrayList<>(codes);
                all.addAll(generic.codes());
                problems.put(status, new Problem(generic.meaning(), all));
            }
        });
        problems.forEach((status, problem) -> {
            ApiResponse existing = operation.getResponses().get(status);
            if (existing == null) {
                operation.getResponses().addApiResponse(status, problem.response(null));
            } else {
                operation.getResponses().addApiResponse(status, problem.merge(existing));
            }
        });
        // responses a controller documented itself (402 declines, 413 on webhooks) answer problem documents too
        // (one that names another media type, such as a WebSocket handshake's plain text, says what it really is)
        operation.getResponses().forEach((status, response) -> {
            boolean unspecified = response.getContent() == null
                    || response.getContent().isEmpty()
                    || response.getContent().containsKey("*/*");
            if ((status.startsWith("4") || status.startsWith("5")) && unspecified) {
                response.setContent(problemContent());
            }
        });
    }

    private static final Pattern STATUS = Pattern.compile("\\b([45]\\d\\d)\\b");
    private static final Pattern CODE = Pattern.compile("`([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)`");

    /**
     * The codes an operation's description names after a status ("409 `material.title_taken`", "404
     * `pack.not_found` unless published"): each backticked code up to the next status belongs to that status.
     */
    static Map<String, List<String>> namedInDescriptions(Operation operation) {
        Map<String, List<String>> named = new TreeMap<>();
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, response) -> {
                if (response.getDescription() != null && (status.startsWith("4") || status.startsWith("5"))) {
                    var codes = CODE.matcher(response.getDescription());
                    while (codes.find()) {
                        named.computeIfAbsent(status, s -> new ArrayList<>()).add(codes.group(1));
                    }
                }
            });
        }
        String description = operation.getDescription();
        if (description == null) {
            return named;
        }
        var statuses = STATUS.matcher(description);
        var starts = new ArrayList<int[]>();
        while (statuses.find()) {
            starts.add(new int[] {statuses.start(), Integer.parseInt(statuses.group(1))});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : description.length();
            var codes = CODE.matcher(description.substring(starts.get(i)[0], end));
            while (codes.find()) {
                var list = named.computeIfAbsent(String.valueOf(starts.get(i)[1]), s -> new ArrayList<>());
                if (!list.contains(codes.group(1))) {
                    list.add(codes.group(1));
                }
            }
        }
        return named;
    }

    private static String meaningOf(String status) {
        var known = org.springframework.http.HttpStatus.resolve(Integer.parseInt(status));
        return known != null ? known.getReasonPhrase() : "Error " + status;
    }

    /**
     * The codes a module answers for each missing thing a path names: {@code {conversationId}} is
     * {@code conversation.not_found}, {@code /bookings/{id}} is {@code booking.not_found}. A module whose codes differ
     * names them in the operation's description ("404 `pack.not_found`"), which wins.
     */
    static List<String> notFoundCodes(String path) {
        var codes = new ArrayList<String>();
        String previous = null;
        for (String segment : path.replaceFirst("^/api/v1/", "").split("/")) {
            var variable = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}").matcher(segment);
            if (variable.find()) {
                String name = variable.group(1);
                String thing = name.equals("id")
                        ? singular(previous)
                        : name.endsWith("Id") ? name.substring(0, name.length() - 2) : null;
                if (thing != null) {
                    codes.add(snake(thing) + ".not_found");
                }
            } else if (!Set.of("admin", "tutor", "me", "owner").contains(segment)) {
                previous = segment;
            }
        }
        if (codes.isEmpty()) {
            codes.add(previous == null ? "route.not_found" : snake(singular(previous)) + ".not_found");
        }
        return codes;
    }

    private static String singular(@Nullable String segment) {
        if (segment == null) {
            return "resource";
        }
        return segment.endsWith("ies")
                ? segment.substring(0, segment.length() - 3) + "y"
                : segment.endsWith("s") ? segment.substring(0, segment.length() - 1) : segment;
    }

    private static String snake(String name) {
        return name.replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static boolean isUpload(Operation operation) {
        var content = operation.getRequestBody().getContent();
        return content != null && content.keySet().stream().anyMatch(type -> type.startsWith("multipart/"));
    }

    /**
     * A multipart body's inline schema becomes a named component ({@code AvatarUploadForm}): client generators name
     * inline request models themselves and, when one path takes JSON and multipart, never generate the model they
     * then refer to. A body with no schema (signed webhooks read the raw bytes) is any JSON object.
     */
    @SuppressWarnings("rawtypes")
    private static void namedRequestForms(io.swagger.v3.oas.models.OpenAPI openApi, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        operation.getRequestBody().getContent().forEach((type, media) -> {
            Schema schema = media.getSchema();
            if (schema == null) {
                media.setSchema(new ObjectSchema().description("The sender's event as JSON, read as signed"));
            } else if (type.startsWith("multipart/") && schema.get$ref() == null && schema.getProperties() != null) {
                String name = StringUtils.capitalize(operation.getOperationId()) + "Form";
                openApi.getComponents().addSchemas(name, schema);
                media.setSchema(new Schema<>().$ref("#/components/schemas/" + name));
            }
        });
    }

    /** springdoc writes {@code *}/{@code *} when a handler does not say what it produces: ours produce JSON. */
    private static void jsonNotAnything(Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                MediaType any = content.remove("*/*");
                content.putIfAbsent(
                        status.startsWith("2")
                                ? org.springframework.http.MediaType.APPLICATION_JSON_VALUE
                                : PROBLEM_JSON,
                        any);
            }
        });
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        var fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field or parameter at fault"))
                .addProperty("message", new StringSchema());
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("A URI for the problem type"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("A message safe to show to the caller"));
        properties.put("instance", new StringSchema().description("The path of the request"));
        properties.put(
                "code",
                new StringSchema().description("Stable machine-readable code, such as `booking.slot_unavailable`"));
        properties.put("traceId", new StringSchema().description("Equals the `X-Request-Id` response header"));
        properties.put("errors", new ArraySchema().items(fieldError).description("One entry per invalid field"));
        return new ObjectSchema()
                .description("RFC 9457 problem details with a stable `code`")
                .properties(properties)
                .required(List.of("status", "code"));
    }

    /** A problem response: what it means and the codes it carries. */
    private record Problem(String meaning, List<String> codes) {

        ApiResponse response(@Nullable String existingDescription) {
            var allCodes = new LinkedHashSet<>(codes);
            String description = (existingDescription != null ? existingDescription + ". " : meaning + ". ")
                    + "Codes: "
                    + String.join(
                            ", ", allCodes.stream().map(c -> "`" + c + "`").toList());
            var response = new ApiResponse().description(description).content(problemContent());
            response.addExtension("x-problem-codes", List.copyOf(allCodes));
            return response;
        }

        ApiResponse merge(ApiResponse existing) {
            String description = existing.getDescription();
            if (description != null && description.contains("Codes: ")) {
                return existing;
            }
            return response(description);
        }
    }
}
