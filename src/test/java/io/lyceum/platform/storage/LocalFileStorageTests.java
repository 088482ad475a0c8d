package io.lyceum.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyceum.platform.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTests {

    @TempDir
    Path dir;

    @Test
    void storesReadsReplacesAndDeletes() throws Exception {
        var storage = new LocalFileStorage(dir.resolve("files"));
        byte[] content = "hello, storage".getBytes(StandardCharsets.UTF_8);

        var stored = storage.put("docs/a/hello.txt", content, "text/plain");
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(content)));
        try (var read = storage.get("docs/a/hello.txt").orElseThrow()) {
            assertThat(read.contentType()).isEqualTo("text/plain");
            assertThat(read.size()).isEqualTo(content.length);
            assertThat(read.stream().readAllBytes()).isEqualTo(content);
        }

        storage.put("docs/a/hello.txt", new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/octet-stream");
        try (var read = storage.get("docs/a/hello.txt").orElseThrow()) {
            assertThat(read.contentType()).isEqualTo("application/octet-stream");
            assertThat(read.stream().readAllBytes()).containsExactly(1, 2, 3);
        }

        assertThat(storage.delete("docs/a/hello.txt")).isTrue();
        assertThat(storage.delete("docs/a/hello.txt")).isFalse();
        assertThat(storage.get("docs/a/hello.txt")).isEmpty();
        assertThat(storage.get("never/stored.bin")).isEmpty();
        // no temporary files are left behind
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void refusesKeysThatCouldLeaveTheRoot() {
        var storage = new LocalFileStorage(dir.resolve("files"));
        for (String key : new String[] {
            "../escape.txt",
            "a/../../escape.txt",
            "a/../b",
            "/etc/passwd",
            "a//b",
            "a/./b",
            ".meta/a",
            ".hidden",
            "a\\..\\b",
            "C:/windows",
            "a/b/",
            "",
            "a b",
            "a/%2e%2e/b",
            "ü.txt"
        }) {
            assertThatThrownBy(() -> storage.put(key, new byte[] {1}, "text/plain"))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.get(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void refusesContentTypesThatAreNotTypeSlashSubtype() {
        var storage = new LocalFileStorage(dir.resolve("files"));
        for (String type : new String[] {null, "", "png", "image/png\r\nX-Evil: 1", "image/ png"}) {
            assertThatThrownBy(() -> storage.put("a.bin", new byte[] {1}, type))
                    .as(String.valueOf(type))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(storage.get("a.bin")).isEmpty();
    }

    @Test
    void parallelWritersOfOneKeyLeaveOneWholeObject() throws Exception {
        var storage = new LocalFileStorage(dir.resolve("files"));
        var executor = Executors.newFixedThreadPool(8);
        try {
            var writes = IntStream.range(0, 8)
                    .<Callable<FileStorage.StoredObject>>mapToObj(i -> () -> {
                        byte[] content = new byte[256 * 1024];
                        java.util.Arrays.fill(content, (byte) i);
                        return storage.put("same/key.bin", content, "application/octet-stream");
                    })
                    .toList();
            for (var future : executor.invokeAll(writes)) {
                future.get();
            }
        } finally {
            executor.shutdown();
        }
        try (var read = storage.get("same/key.bin").orElseThrow()) {
            byte[] content = read.stream().readAllBytes();
            assertThat(content).hasSize(256 * 1024);
            // every byte comes from the same writer: no interleaving of two writes
            assertThat(IntStream.range(0, content.length).map(i -> content[i]).distinct())
                    .hasSize(1);
        }
    }

    @Property(tries = 300)
    void anyKeyEitherIsRefusedOrStaysUnderTheRoot(
            @ForAll @Chars({'a', '1', '.', '/', '\\', '-', '_', ' ', ':'}) @StringLength(max = 16) String key)
            throws IOException {
        Path root = Files.createTempDirectory("storage-prop").toAbsolutePath().normalize();
        try {
            Path resolved;
            try {
                resolved = LocalFileStorage.resolve(root, key);
            } catch (IllegalArgumentException refused) {
                return;
            }
            assertThat(resolved.normalize().startsWith(root)).isTrue();
            assertThat(resolved.normalize()).isNotEqualTo(root);
            assertThat(resolved.startsWith(root.resolve(LocalFileStorage.META_DIR)))
                    .isFalse();
        } finally {
            Files.deleteIfExists(root);
        }
    }
}
