package io.lyceum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No module reads or writes another module's tables: a module's data is reached through its facade or its events.
 * A table belongs to the module whose migration folder creates it; every SQL table reference in a module's Java
 * source ({@code FROM}, {@code JOIN}, {@code UPDATE}, {@code INTO}) must name one of its own tables (or a table of
 * no module, such as the event publication log).
 */
class TableOwnershipTests {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path SOURCES = Path.of("src/main/java/io/lyceum");
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+)");
    private static final Pattern REFERENCE = Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO)\\s+(\\w+)");

    @Test
    void everyModuleUsesOnlyItsOwnTables() {
        Map<String, String> owners = owners();
        // the rule sees the schema: the big modules' tables are there
        assertThat(owners)
                .containsEntry("bookings", "scheduling")
                .containsEntry("users", "accounts")
                .containsEntry("journal_entries", "billing")
                .containsEntry("scheduled_tasks", "platform")
                .hasSizeGreaterThan(80);

        List<String> foreign = new ArrayList<>();
        int ownReferences = 0;
        for (Path source : javaSources()) {
            String module = SOURCES.relativize(source).getName(0).toString();
            Matcher reference = REFERENCE.matcher(read(source));
            while (reference.find()) {
                String owner = owners.get(reference.group(1));
                if (owner == null) {
                    continue;
                }
                if (owner.equals(module)) {
                    ownReferences++;
                } else {
                    foreign.add(module + " uses " + owner + "'s table " + reference.group(1) + " in "
                            + source.getFileName());
                }
            }
        }
        // and it reads the code's SQL: the modules' own references are found by the hundred
        assertThat(ownReferences).isGreaterThan(500);
        assertThat(foreign).as("SQL naming another module's tables").isEmpty();
    }

    private static Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(file -> {
                String module = MIGRATIONS.relativize(file).getName(0).toString();
                Matcher create = CREATE.matcher(read(file));
                while (create.find()) {
                    owners.putIfAbsent(create.group(1), module);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owners;
    }

    private static List<Path> javaSources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> SOURCES.relativize(f).getNameCount() > 1)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
