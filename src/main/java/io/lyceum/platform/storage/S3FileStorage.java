package io.lyceum.platform.storage;

import io.lyceum.platform.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link FileStorage} on an S3-compatible object store (AWS S3, MinIO, Ceph, Cloudflare R2, ...). Objects carry their
 * content type and, as user metadata, their SHA-256. Checksums are sent and validated only where the protocol
 * requires them and payloads are not chunk-signed, which keeps the adapter compatible with stores that implement
 * only the core of the S3 API.
 */
final class S3FileStorage implements FileStorage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3FileStorage(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    static S3FileStorage create(StorageProperties.S3 settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("lyceum.storage.type=s3 needs lyceum.storage.s3.bucket");
        }
        if (!settings.keyPrefix().isEmpty()) {
            FileStorage.requireValidKey(settings.keyPrefix().replaceAll("/+$", ""));
        }
        AwsCredentialsProvider credentials =
                settings.accessKey() == null || settings.accessKey().isBlank()
                        ? DefaultCredentialsProvider.create()
                        : StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        String prefix = settings.keyPrefix().isEmpty() || settings.keyPrefix().endsWith("/")
                ? settings.keyPrefix()
                : settings.keyPrefix() + "/";
        return new S3FileStorage(builder.build(), settings.bucket(), prefix);
    }

    String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public StoredObject put(String key, byte[] content, String contentType) {
        String objectKey = objectKey(key);
        FileStorage.requireValidContentType(contentType);
        String sha256 = HexFormat.of().formatHex(sha256().digest(content));
        s3.putObject(
                request -> request.bucket(bucket)
                        .key(objectKey)
                        .contentType(contentType)
                        .contentLength((long) content.length)
                        .metadata(Map.of("sha256", sha256)),
                RequestBody.fromBytes(content));
        return new StoredObject(key, contentType, content.length, sha256);
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) {
        String objectKey = objectKey(key);
        FileStorage.requireValidContentType(contentType);
        try {
            // S3 needs the length up front: spool to a temporary file, hashing on the way
            Path temp = Files.createTempFile("lyceum-upload-", ".tmp");
            try {
                MessageDigest digest = sha256();
                long size;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                    size = content.transferTo(out);
                }
                String sha256 = HexFormat.of().formatHex(digest.digest());
                s3.putObject(
                        request -> request.bucket(bucket)
                                .key(objectKey)
                                .contentType(contentType)
                                .contentLength(size)
                                .metadata(Map.of("sha256", sha256)),
                        RequestBody.fromFile(temp));
                return new StoredObject(key, contentType, size, sha256);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + key, e);
        }
    }

    @Override
    public Optional<StoredContent> get(String key) {
        String objectKey = objectKey(key);
        try {
            var stream = s3.getObject(request -> request.bucket(bucket).key(objectKey));
            var response = stream.response();
            String contentType = response.contentType() == null ? "application/octet-stream" : response.contentType();
            return Optional.of(new StoredContent(stream, contentType, response.contentLength()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean delete(String key) {
        String objectKey = objectKey(key);
        try {
            s3.headObject(request -> request.bucket(bucket).key(objectKey));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
        s3.deleteObject(request -> request.bucket(bucket).key(objectKey));
        return true;
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return prefix + FileStorage.requireValidKey(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
