package io.lyceum.platform;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Port to binary object storage (avatars, attachments, materials; DESIGN.md section 6). The default adapter keeps
 * objects in a local directory ({@code lyceum.storage.local-dir}); an S3-compatible object store is the production
 * option. Keys are chosen by the application, never taken from a user: slash-separated segments of letters, digits,
 * {@code .}, {@code _} and {@code -}, each starting with a letter or digit, so a key can never climb out of the
 * storage root. Objects are immutable in practice: callers write a new key and delete the old one.
 */
public interface FileStorage {

    /** Stores an object, replacing any object with the same key; the stream is read to its end but not closed. */
    StoredObject put(String key, InputStream content, String contentType);

    default StoredObject put(String key, byte[] content, String contentType) {
        return put(key, new ByteArrayInputStream(content), contentType);
    }

    /** Opens an object for reading; empty when there is none. The caller closes the returned content. */
    Optional<StoredContent> get(String key);

    /** Deletes an object; false when there was none. */
    boolean delete(String key);

    /** What was stored: its key, content type, size in bytes and SHA-256 (hex) of the content. */
    record StoredObject(String key, String contentType, long size, String sha256) {}

    /** An object opened for reading. */
    record StoredContent(InputStream stream, String contentType, long size) implements Closeable {

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,15}");
    Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    /** Refuses keys outside the safe alphabet, with empty, {@code .} or {@code ..} segments, or too long. */
    static String requireValidKey(String key) {
        if (key == null || key.length() > 1024 || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a valid storage key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Not a valid storage key: " + key);
            }
        }
        return key;
    }

    /** Refuses content types that are not a plain {@code type/subtype}. */
    static String requireValidContentType(String contentType) {
        if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("Not a valid content type: " + contentType);
        }
        return contentType;
    }
}
