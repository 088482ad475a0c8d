package io.lyceum.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The application's classes (no tests) as ArchUnit reads them, imported once per test JVM: reading them takes seconds,
 * and several rule classes check them.
 */
public final class MainClasses {

    public static final JavaClasses LYCEUM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lyceum");

    private MainClasses() {}
}
