package io.lyceum;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.testsupport.MainClasses;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Rules that keep module internals internal and the code testable. */
class ArchitectureTests {

    private static final JavaClasses LYCEUM = MainClasses.LYCEUM;

    @Test
    void everyPackageIsNullMarked() {
        // NullAway checks only @NullMarked code (OnlyNullMarked in pom.xml), so an unmarked package escapes it.
        // A package annotation is not inherited by sub-packages: each one needs its own package-info.
        var unmarked = LYCEUM.stream()
                .map(JavaClass::getPackageName)
                .distinct()
                .filter(name -> !nullMarked(name))
                .sorted()
                .toList();
        assertThat(unmarked)
                .as("packages without @NullMarked in their package-info.java")
                .isEmpty();
    }

    private static boolean nullMarked(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException noPackageInfo) {
            return false;
        }
    }

    @Test
    void repositoriesAreModuleInternal() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .because("other modules go through the module's facade, never its tables")
                .check(LYCEUM);
    }

    @Test
    void controllersAreModuleInternal() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .notBePublic()
                .check(LYCEUM);
    }

    @Test
    void eventsBetweenModulesArePublicRecordsOfTheirModulesApi() {
        // (replaces a rule about "internal" sub-packages that no module has, which checked nothing)
        methods()
                .that()
                .areAnnotatedWith(ApplicationModuleListener.class)
                .should(new ArchCondition<JavaMethod>("take one event: a public record in a module's base package") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        var parameters = method.getRawParameterTypes();
                        boolean ok = parameters.size() == 1
                                && parameters.getFirst().isRecord()
                                && parameters.getFirst().getModifiers().contains(JavaModifier.PUBLIC)
                                && parameters.getFirst().getPackageName().matches("io\\.lyceum\\.[a-z]+");
                        events.add(new SimpleConditionEvent(
                                method,
                                ok,
                                method.getFullName() + " takes " + parameters
                                        + ": an event other modules handle is an immutable public record of the"
                                        + " publishing module's API"));
                    }
                })
                .because("listeners run later, elsewhere, from the publication registry: events are values of a"
                        + " module's API")
                .check(LYCEUM);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("all code reads time from the injected java.time.Clock (DESIGN.md section 7)")
                .check(LYCEUM);
    }

    @Test
    void noFieldInjection() {
        fields().should()
                .notBeAnnotatedWith(Autowired.class)
                .because("constructor injection keeps dependencies explicit")
                .check(LYCEUM);
    }

    @Test
    void sharedKernelStaysFrameworkFree() {
        noClasses()
                .that()
                .resideInAPackage("io.lyceum.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "org.springframework.jdbc..")
                .check(LYCEUM);
    }

    /**
     * The tenant of a listener is bound from its event by the tenancy module (TenantListenerBinding) before the
     * listener's transaction begins; a listener whose event carries no tenant would run with none and see empty tables
     * through row-level security (or, worse, bind one by hand from somewhere else).
     */
    @Test
    void eventListenersRunInTheirEventsTenant() {
        methods()
                .that()
                .areMetaAnnotatedWith(EventListener.class)
                .and(new DescribedPredicate<JavaMethod>("listen to an application event of Lyceum") {
                    @Override
                    public boolean test(JavaMethod method) {
                        return method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.getPackageName().startsWith("io.lyceum"));
                    }
                })
                .should(new ArchCondition<JavaMethod>("take exactly one event that is a TenantEvent") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean tenantEvent = method.getRawParameterTypes().size() == 1
                                && (method.getRawParameterTypes().getFirst().isAssignableTo(TenantEvent.class)
                                        || method.getRawParameterTypes()
                                                .getFirst()
                                                .isAssignableTo(io.lyceum.shared.TenantScopedEvent.class));
                        events.add(new SimpleConditionEvent(
                                method,
                                tenantEvent,
                                method.getFullName() + (tenantEvent ? " takes" : " does not take") + " a TenantEvent"));
                    }
                })
                .because("a listener runs with its event's tenant bound, never without one (docs/tenancy.md)")
                .check(LYCEUM);
    }
}
