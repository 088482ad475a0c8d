package io.lyceum.mail;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file attached to an email, such as a calendar invite ({@code invite.ics}, {@code text/calendar; method=REQUEST}).
 *
 * @param filename the name the recipient sees, 1 to 255 characters
 * @param contentType its MIME type, with parameters when they matter ({@code text/calendar; method=REQUEST;
 *     charset=UTF-8})
 * @param content the bytes, at most 10 MB
 */
public record Attachment(String filename, String contentType, byte[] content) {

    public static final int MAX_BYTES = 10 * 1024 * 1024;

    public Attachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (filename.isBlank() || filename.length() > 255) {
            throw new IllegalArgumentException("An attachment's filename has 1 to 255 characters");
        }
        if (contentType.isBlank() || contentType.length() > 255) {
            throw new IllegalArgumentException("An attachment's content type has 1 to 255 characters");
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("An attachment has at most " + MAX_BYTES + " bytes");
        }
        content = content.clone();
    }

    /** A text attachment, stored as UTF-8. */
    public static Attachment text(String filename, String contentType, String text) {
        return new Attachment(filename, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether the content is text a reader can show as it is ({@code text/*}, JSON, XML). */
    public boolean isText() {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("application/xml");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that
                && filename.equals(that.filename)
                && contentType.equals(that.contentType)
                && java.util.Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
    }
}
