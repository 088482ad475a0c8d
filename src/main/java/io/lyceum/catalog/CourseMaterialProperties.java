package io.lyceum.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param materialMaxBytes the largest material file a tutor may upload (default 20 MB) */
@ConfigurationProperties("lyceum.catalog")
record CourseMaterialProperties(Long materialMaxBytes) {

    CourseMaterialProperties {
        materialMaxBytes = materialMaxBytes != null && materialMaxBytes > 0 ? materialMaxBytes : 20L * 1024 * 1024;
    }
}
