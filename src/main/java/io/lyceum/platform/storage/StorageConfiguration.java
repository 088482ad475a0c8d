package io.lyceum.platform.storage;

import io.lyceum.platform.FileStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link FileStorage} adapter from {@code lyceum.storage.type}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    FileStorage fileStorage(StorageProperties properties) {
        if (!"local".equalsIgnoreCase(properties.type())) {
            throw new IllegalStateException("Unknown lyceum.storage.type '" + properties.type()
                    + "': this build supports 'local' (a directory, lyceum.storage.local-dir).");
        }
        var storage = new LocalFileStorage(properties.localDir());
        log.info("File storage: local directory {}", storage.root());
        return storage;
    }
}
