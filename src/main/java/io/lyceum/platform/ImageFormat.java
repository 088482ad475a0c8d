package io.lyceum.platform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Web image formats recognised by their leading bytes ("magic numbers"), never by file name or the declared content
 * type: a text file called {@code avatar.png} is not a PNG. Used wherever users upload pictures (avatars, tutor
 * photos); each use decides which of these formats it accepts.
 */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The format of the content, from its signature and first header fields; empty for anything else. */
    public static Optional<ImageFormat> detect(byte[] content) {
        if (content == null) {
            return Optional.empty();
        }
        // PNG: 8-byte signature, then the IHDR chunk (4-byte length, type "IHDR") must come first
        if (content.length >= 33 && startsWith(content, 0, PNG_SIGNATURE) && ascii(content, 12, "IHDR")) {
            return Optional.of(PNG);
        }
        // JPEG: start-of-image marker FF D8 followed by another marker
        if (content.length >= 4
                && (content[0] & 0xFF) == 0xFF
                && (content[1] & 0xFF) == 0xD8
                && (content[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        // GIF: "GIF87a" or "GIF89a", then the 7-byte logical screen descriptor
        if (content.length >= 13 && (ascii(content, 0, "GIF87a") || ascii(content, 0, "GIF89a"))) {
            return Optional.of(GIF);
        }
        // WebP: a RIFF container of form type "WEBP" whose first chunk is VP8, VP8L or VP8X
        if (content.length >= 16
                && ascii(content, 0, "RIFF")
                && ascii(content, 8, "WEBP")
                && (ascii(content, 12, "VP8 ") || ascii(content, 12, "VP8L") || ascii(content, 12, "VP8X"))) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    public static Optional<ImageFormat> ofContentType(String contentType) {
        return Arrays.stream(values())
                .filter(format -> format.contentType.equals(contentType))
                .findFirst();
    }

    private static boolean ascii(byte[] content, int offset, String expected) {
        return startsWith(content, offset, expected.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        if (content.length < offset + prefix.length) {
            return false;
        }
        return Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
