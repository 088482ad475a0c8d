package io.lyceum;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Rules that keep module internals internal and the code testable. */
class ArchitectureTests {

    private static final JavaClasses LYCEUM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lyceum");

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
    void typesInInternalPackagesAreNotUsedByOtherModules() {
        // a module's internal package may only be used from within that module
        for (String module : new String[] {
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "catalog",
            "scheduling",
            "billing",
            "messaging",
            "notifications",
            "reviews",
            "trust",
            "admin",
            "learning",
            "agents"
        }) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.lyceum." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.lyceum." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(LYCEUM);
        }
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
}
