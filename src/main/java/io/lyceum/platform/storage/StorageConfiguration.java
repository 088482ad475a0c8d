package io.lyceum.platform.storage;

import io.lyceum.platform.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link FileStorage} adapter from {@code lyceum.storage.type}: {@code local} (default) or {@code s3}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    FileStorage fileStorage(StorageProperties properties) {
        return switch (properties.type().toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> {
                var storage = new LocalFileStorage(properties.localDir());
                log.info("File storage: local directory {}", storage.root());
                yield storage;
            }
            case "s3" -> {
                var storage = S3FileStorage.create(properties.s3());
                log.info("File storage: S3-compatible object store {}", storage.describe());
                yield storage;
            }
            default ->
                throw new IllegalStateException(
                        "Unknown lyceum.storage.type '" + properties.type() + "': use 'local' or 's3'.");
        };
    }
}
