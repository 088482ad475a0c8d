package io.lyceum.platform.storage;

import io.lyceum.platform.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The default {@link FileStorage}: objects are files under a root directory, each with a small metadata file (content
 * type, size, SHA-256) in a parallel tree under {@code .meta}. Writes go to a temporary file next to the target and
 * are moved into place atomically, so a reader never sees half an object. Keys are validated and the resolved path
 * must stay under the root. Suits one machine or instances sharing a network file system; use object storage
 * otherwise.
 */
final class LocalFileStorage implements FileStorage {

    static final String META_DIR = ".meta";

    private final Path root;
    private final Path metaRoot;

    LocalFileStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.metaRoot = this.root.resolve(META_DIR);
        try {
            Files.createDirectories(this.metaRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the file storage directory " + this.root, e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) {
        FileStorage.requireValidContentType(contentType);
        Path target = resolve(root, key);
        Path meta = resolve(metaRoot, key);
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectories(meta.getParent());
            MessageDigest sha256 = sha256();
            long size;
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                    size = content.transferTo(out);
                }
                String hash = HexFormat.of().formatHex(sha256.digest());
                writeMeta(meta, contentType, size, hash);
                move(temp, target);
                return new StoredObject(key, contentType, size, hash);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + key, e);
        }
    }

    @Override
    public Optional<StoredContent> get(String key) {
        Path file = resolve(root, key);
        Path meta = resolve(metaRoot, key);
        try {
            InputStream stream = Files.newInputStream(file);
            long size = Files.size(file);
            String contentType = "application/octet-stream";
            if (Files.isRegularFile(meta)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    properties.load(in);
                }
                contentType = properties.getProperty("contentType", contentType);
            }
            return Optional.of(new StoredContent(stream, contentType, size));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + key, e);
        }
    }

    @Override
    public boolean delete(String key) {
        Path file = resolve(root, key);
        Path meta = resolve(metaRoot, key);
        try {
            Files.deleteIfExists(meta);
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + key, e);
        }
    }

    /** The file for a key; refuses anything that would resolve outside the base directory. */
    static Path resolve(Path base, String key) {
        FileStorage.requireValidKey(key);
        Path path = base.resolve(key).normalize();
        if (!path.startsWith(base) || path.equals(base)) {
            throw new IllegalArgumentException("Not a valid storage key: " + key);
        }
        return path;
    }

    private static void writeMeta(Path meta, String contentType, long size, String sha256) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("contentType", contentType);
        properties.setProperty("size", Long.toString(size));
        properties.setProperty("sha256", sha256);
        Path temp = Files.createTempFile(meta.getParent(), ".meta-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, null);
            }
            move(temp, meta);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
