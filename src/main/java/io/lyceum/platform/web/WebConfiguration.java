package io.lyceum.platform.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.lyceum.shared.PageQuery;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageQueryArgumentResolver());
    }

    /**
     * No rewriting of the pages' links through the static-resource chain. Spring Boot registers this filter with the
     * chain, and it sends every {@code @{...}} link of every page through the resolvers; a link that is no file
     * ({@code /tutors/...}, most of them) is not cached and is looked up again in the four static locations and the
     * WebJars on each render, a search of the whole class path each time (1.8% of a test run's CPU samples). No
     * version strategy is configured, so the filter changed no link but htmx's, which the WebJar locator also serves
     * without its version (docs/web-app.md).
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    /** The one source of time for all code, so tests can move it (DESIGN.md section 7). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A {@code null} element in a JSON list ({@code "sections": [null]}) is refused while the body is read (400
     * {@code request.malformed_body} naming the element), as a missing required field is: the code is null-marked and
     * NullAway does not check list elements, so such an element would otherwise fail later as a 500. Maps keep their
     * nulls: the pages read API answers, whose fields may be null, as maps.
     */
    @Bean
    JsonMapperBuilderCustomizer listsWithoutNullElements() {
        JsonSetter.Value failOnNullElements = JsonSetter.Value.forContentNulls(Nulls.FAIL);
        return builder -> {
            for (Class<?> collection : List.of(List.class, Set.class, Collection.class)) {
                builder.withConfigOverride(collection, override -> override.setNullHandling(failOnNullElements));
            }
        };
    }

    @Bean
    OpenAPI lyceumOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Lyceum API")
                        .version("v1")
                        .description("""
                                Tutoring marketplace API. Errors are RFC 9457 problem details \
                                (`application/problem+json`) with a stable `code` and a `traceId` that matches the \
                                `X-Request-Id` response header. Lists are paged with `page`, `size` (at most 100) and \
                                `sort=field,asc|desc`. POST requests under `/api` accept an `Idempotency-Key` header: \
                                a retry with the same key and body returns the first response.""")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components());
    }

    /** Documents {@link PageQuery} parameters as the three query parameters clients actually send. */
    @Bean
    OperationCustomizer pageQueryParameters() {
        return (operation, handlerMethod) -> {
            boolean paged = java.util.Arrays.stream(handlerMethod.getMethodParameters())
                    .anyMatch(p -> PageQuery.class.equals(p.getParameterType()));
            if (paged) {
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(p -> "query".equals(p.getIn()) && "query".equals(p.getName()));
                }
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name("page")
                        .description("Zero-based page number")
                        .schema(new IntegerSchema()._default(0).minimum(java.math.BigDecimal.ZERO)));
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name("size")
                        .description("Page size, at most " + PageQuery.MAX_SIZE)
                        .schema(new IntegerSchema()
                                ._default(PageQuery.DEFAULT_SIZE)
                                .minimum(java.math.BigDecimal.ONE)
                                .maximum(java.math.BigDecimal.valueOf(PageQuery.MAX_SIZE))));
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name("sort")
                        .description("field,asc or field,desc; repeatable")
                        .schema(new StringSchema()));
            }
            return operation;
        };
    }
}
