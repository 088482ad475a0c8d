package io.lyceum.platform.storage;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param type {@code local} (the default): files in {@link #localDir}, for one machine or instances sharing a file
 *     system; {@code s3}: an S3-compatible object store ({@link #s3}), for several instances
 * @param localDir root directory of the local adapter
 * @param s3 settings of the S3 adapter
 */
@ConfigurationProperties("lyceum.storage")
record StorageProperties(String type, Path localDir, S3 s3) {

    @SuppressWarnings("NullAway") // binding passes null for absent properties: replaced here before any use
    StorageProperties {
        type = type == null || type.isBlank() ? "local" : type.trim();
        localDir = localDir != null ? localDir : Path.of("./.devdata/files");
        s3 = s3 != null ? s3 : new S3(null, null, null, null, null, null, null);
    }

    /**
     * @param bucket the bucket objects go to (must exist)
     * @param region the bucket's region; {@code us-east-1} by default (most S3-compatible stores ignore it)
     * @param endpoint the store's URL for S3-compatible stores (MinIO, Ceph, R2, ...); empty for AWS
     * @param pathStyle address buckets as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key};
     *     by default on when an endpoint is set
     * @param accessKey access key id; empty to use the AWS default chain (environment, profile, instance role)
     * @param secretKey secret access key
     * @param keyPrefix prepended to every key, to share a bucket (for example {@code lyceum/})
     */
    record S3(
            @Nullable String bucket,
            String region,
            @Nullable URI endpoint,
            Boolean pathStyle,
            @Nullable String accessKey,
            @Nullable String secretKey,
            String keyPrefix) {

        S3 {
            region = region == null || region.isBlank() ? "us-east-1" : region.trim();
            pathStyle = pathStyle != null ? pathStyle : endpoint != null;
            keyPrefix = keyPrefix == null ? "" : keyPrefix.trim();
        }
    }
}
