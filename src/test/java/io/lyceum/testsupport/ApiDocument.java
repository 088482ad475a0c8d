package io.lyceum.testsupport;

import io.lyceum.testsupport.http.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checked-in API document, for tests of what the document says. {@code OpenApiContractTests} proves it equal to
 * the one the application serves, in the same build; reading it here instead of asking the application spares each
 * test JVM's application from generating it (seconds of CPU with the test JVMs' compiler flags, once per context).
 */
public final class ApiDocument {

    public static final Path CHECKED_IN = Path.of("src/test/resources/openapi.json");

    private ApiDocument() {}

    public static String text() {
        try {
            return Files.readString(CHECKED_IN, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonPath jsonPath() {
        return new JsonPath(text());
    }
}
