package io.lyceum.platform.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param type {@code local} (the default): files in {@link #localDir}. An S3-compatible adapter is the production
 *     option for several instances without a shared file system; it is not built in yet.
 * @param localDir root directory of the local adapter
 */
@ConfigurationProperties("lyceum.storage")
record StorageProperties(String type, Path localDir) {

    StorageProperties {
        type = type == null || type.isBlank() ? "local" : type.trim();
        localDir = localDir != null ? localDir : Path.of("./.devdata/files");
    }
}
