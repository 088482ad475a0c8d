package io.lyceum.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyceum.platform.FileStorage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The S3 adapter against an S3-speaking HTTP server, through the real AWS SDK. */
class S3FileStorageTests {

    private FakeS3Server server;
    private S3FileStorage storage;

    @BeforeEach
    void start() throws Exception {
        server = new FakeS3Server();
        storage = S3FileStorage.create(settings(server.endpoint(), "lyceum/"));
    }

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    private static StorageProperties.S3 settings(URI endpoint, String prefix) {
        return new StorageProperties.S3("media", "eu-west-2", endpoint, null, "test-key", "test-secret", prefix);
    }

    @Test
    void storesReadsAndDeletesObjects() throws Exception {
        byte[] content = "an avatar, in spirit".getBytes(StandardCharsets.UTF_8);
        var stored = storage.put("avatars/t1/a.png", content, "image/png");
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));

        // path-style, under the prefix, with content type and hash, signed with the configured key and region
        var object = server.objects.get("/media/lyceum/avatars/t1/a.png");
        assertThat(object).isNotNull();
        assertThat(object.content()).isEqualTo(content);
        assertThat(object.contentType()).isEqualTo("image/png");
        assertThat(object.metadata()).containsEntry("sha256", stored.sha256());
        assertThat(server.requests.getFirst().authorization())
                .startsWith("AWS4-HMAC-SHA256 Credential=test-key/")
                .contains("/eu-west-2/s3/aws4_request");

        try (var read = storage.get("avatars/t1/a.png").orElseThrow()) {
            assertThat(read.contentType()).isEqualTo("image/png");
            assertThat(read.size()).isEqualTo(content.length);
            assertThat(read.stream().readAllBytes()).isEqualTo(content);
        }

        // streamed puts (unknown length) work too and replace the object
        byte[] bigger = new byte[300_000];
        new java.util.Random(3).nextBytes(bigger);
        storage.put("avatars/t1/a.png", new ByteArrayInputStream(bigger), "application/octet-stream");
        try (var read = storage.get("avatars/t1/a.png").orElseThrow()) {
            assertThat(read.contentType()).isEqualTo("application/octet-stream");
            assertThat(read.stream().readAllBytes()).isEqualTo(bigger);
        }

        assertThat(storage.delete("avatars/t1/a.png")).isTrue();
        assertThat(server.objects).isEmpty();
        assertThat(storage.delete("avatars/t1/a.png")).isFalse();
        assertThat(storage.get("avatars/t1/a.png")).isEmpty();
    }

    @Test
    void refusesUnsafeKeysBeforeSendingAnything() {
        for (String key : new String[] {"../x", "a/../../b", "/abs", "a//b", ".meta/x"}) {
            assertThatThrownBy(() -> storage.put(key, new byte[] {1}, "text/plain"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.get(key)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.delete(key)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.requests).isEmpty();
    }

    @Test
    void configurationSelectsTheAdapter() {
        var runner = new ApplicationContextRunner().withUserConfiguration(Enable.class, StorageConfiguration.class);
        runner.withPropertyValues(
                        "lyceum.storage.type=s3",
                        "lyceum.storage.s3.bucket=media",
                        "lyceum.storage.s3.endpoint=" + server.endpoint(),
                        "lyceum.storage.s3.access-key=k",
                        "lyceum.storage.s3.secret-key=s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var fromContext = context.getBean(FileStorage.class);
                    assertThat(fromContext).isInstanceOf(S3FileStorage.class);
                    fromContext.put("k.txt", new byte[] {42}, "text/plain");
                    assertThat(server.objects).containsKey("/media/k.txt");
                });
        runner.withPropertyValues("lyceum.storage.type=s3")
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("lyceum.storage.s3.bucket"));
        runner.withPropertyValues("lyceum.storage.type=ftp")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("'ftp'"));
        runner.withPropertyValues("lyceum.storage.local-dir=" + System.getProperty("java.io.tmpdir") + "/lyceum-cfg-"
                        + java.util.UUID.randomUUID())
                .run(context -> assertThat(context.getBean(FileStorage.class)).isInstanceOf(LocalFileStorage.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class Enable {}
}
