package io.lyceum;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import io.lyceum.testsupport.MainClasses;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries name the main aggregates' ids with their types ({@code io.lyceum.shared.UserId}, {@code TutorId},
 * {@code BookingId}, {@code OrderId}, {@code CoursePackId}), not raw UUIDs, so the compiler refuses a booking id passed
 * as an order id. A boundary is what a module offers the others: the public {@code *Api} interfaces and the public
 * records (events, facts, summaries, nested ones too) of a module's top package {@code io.lyceum.<module>}. HTTP
 * request and response types are package-private to their module and keep plain UUIDs.
 */
class TypedIdsTests {

    /** The name of a parameter or record component that holds one of those ids (or a collection of them). */
    static final Pattern AGGREGATE_ID = Pattern.compile("(?i).*(user|tutor|student|booking|order|coursePack|pack)Ids?");

    private static final Pattern MODULE_TOP_PACKAGE = Pattern.compile("io\\.lyceum\\.[a-z]+");

    @Test
    void boundariesNameAggregateIdsWithTheirTypes() {
        List<String> rawIds = new ArrayList<>();
        for (Class<?> type : boundaryTypes()) {
            rawIds.addAll(rawIdsOf(type));
        }
        assertThat(rawIds)
                .as("raw UUIDs named like a user, tutor, student, booking, order or course pack id at a module"
                        + " boundary: use io.lyceum.shared.UserId / TutorId / BookingId / OrderId / CoursePackId")
                .isEmpty();
    }

    /** The raw aggregate ids of one boundary type: record components, and the parameters of a facade's methods. */
    static List<String> rawIdsOf(Class<?> type) {
        List<String> rawIds = new ArrayList<>();
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                if (rawAggregateId(component.getName(), component.getGenericType())) {
                    rawIds.add(type.getName() + "." + component.getName() + " : " + component.getGenericType());
                }
            }
        }
        if (type.isInterface() && type.getSimpleName().endsWith("Api")) {
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()) continue;
                for (var parameter : method.getParameters()) {
                    assertThat(parameter.isNamePresent())
                            .as("parameter names compiled in (-parameters) for " + method)
                            .isTrue();
                    if (rawAggregateId(parameter.getName(), parameter.getParameterizedType())) {
                        rawIds.add(type.getName() + "." + method.getName() + "(" + parameter.getName() + ") : "
                                + parameter.getParameterizedType());
                    }
                }
            }
        }
        return rawIds;
    }

    @Test
    void theRuleSeesTheBoundary() {
        // the rule above checks something: the boundary holds the main facades and events, and their ids
        var names = boundaryTypes().stream().map(Class::getName).toList();
        assertThat(names)
                .contains(
                        "io.lyceum.scheduling.SchedulingApi",
                        "io.lyceum.scheduling.BookingPlaced",
                        "io.lyceum.scheduling.SchedulingApi$CoursePackLessons",
                        "io.lyceum.accounts.AccountsApi",
                        "io.lyceum.billing.PaymentSucceeded",
                        "io.lyceum.catalog.CatalogApi");
        var flagged = Arrays.stream(Probe.class.getRecordComponents())
                .filter(c -> rawAggregateId(c.getName(), c.getGenericType()))
                .map(java.lang.reflect.RecordComponent::getName)
                .toList();
        assertThat(flagged).containsExactly("studentId", "bookingIds", "orderId");
    }

    /** What the rule flags and what it lets through. */
    private record Probe(
            UUID studentId,
            List<UUID> bookingIds,
            java.util.Optional<UUID> orderId,
            io.lyceum.shared.BookingId bookingId,
            UUID subjectId) {}

    static boolean rawAggregateId(String name, Type type) {
        return AGGREGATE_ID.matcher(name).matches() && mentionsUuid(type);
    }

    /** UUID itself, or a type built from it: {@code List<UUID>}, {@code Optional<UUID>}, {@code Map<UUID, ?>}... */
    static boolean mentionsUuid(Type type) {
        return switch (type) {
            case Class<?> c -> c == UUID.class || (c.isArray() && mentionsUuid(c.getComponentType()));
            case ParameterizedType p ->
                Arrays.stream(p.getActualTypeArguments()).anyMatch(TypedIdsTests::mentionsUuid);
            case WildcardType w -> Arrays.stream(w.getUpperBounds()).anyMatch(TypedIdsTests::mentionsUuid);
            default -> false;
        };
    }

    static List<Class<?>> boundaryTypes() {
        return MainClasses.LYCEUM.stream()
                .filter(c -> MODULE_TOP_PACKAGE.matcher(c.getPackageName()).matches())
                .filter(TypedIdsTests::publicAllTheWayOut)
                .filter(c -> c.isRecord() || c.isInterface())
                .map(JavaClass::reflect)
                .<Class<?>>map(c -> c)
                .sorted(java.util.Comparator.comparing(Class::getName))
                .toList();
    }

    private static boolean publicAllTheWayOut(JavaClass type) {
        return type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                && type.getEnclosingClass()
                        .map(TypedIdsTests::publicAllTheWayOut)
                        .orElse(true);
    }
}
