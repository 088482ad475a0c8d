package io.lyceum;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.agents.ModelTestBase;
import io.lyceum.testsupport.DemoApiTestBase;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole suite leaves the classes of {@code suite-members.txt} to their context's suite. A class on the list that
 * no suite selects would never run, and one missing from it would run twice: the list must be exactly the suites'
 * members.
 */
class SuiteMembersTests {

    private static final Path TEST_CLASSES = Path.of("target/test-classes");

    @Test
    void theListedClassesAreExactlyTheSuitesMembers() throws IOException {
        List<String> listed = Files.readAllLines(TEST_CLASSES.resolve("suite-members.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        List<String> members;
        try (Stream<Path> files = Files.walk(TEST_CLASSES.resolve("io/lyceum"))) {
            members = files.map(file -> TEST_CLASSES.relativize(file).toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .filter(name -> isSuiteMember(name.substring(0, name.length() - ".class".length())))
                    .map(name -> name.replace(".class", ".java"))
                    .toList();
        }
        assertThat(members)
                .as("subclasses of DemoApiTestBase and ModelTestBase")
                .hasSizeGreaterThan(5);
        assertThat(listed).as("suite-members.txt").containsExactlyInAnyOrderElementsOf(members);
    }

    private static boolean isSuiteMember(String path) {
        try {
            Class<?> type = Class.forName(path.replace('/', '.'), false, SuiteMembersTests.class.getClassLoader());
            return !Modifier.isAbstract(type.getModifiers())
                    && (DemoApiTestBase.class.isAssignableFrom(type) || ModelTestBase.class.isAssignableFrom(type));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
