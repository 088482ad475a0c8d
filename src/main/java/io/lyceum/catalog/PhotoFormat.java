package io.lyceum.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Image formats accepted for tutor photos, recognised by their leading bytes, never by name or declared type. */
enum PhotoFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String contentType;
    private final String extension;

    PhotoFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    static Optional<PhotoFormat> detect(byte[] content) {
        if (content == null) {
            return Optional.empty();
        }
        if (content.length >= 33 && startsWith(content, 0, PNG_SIGNATURE) && ascii(content, 12, "IHDR")) {
            return Optional.of(PNG);
        }
        if (content.length >= 4
                && (content[0] & 0xFF) == 0xFF
                && (content[1] & 0xFF) == 0xD8
                && (content[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (content.length >= 16
                && ascii(content, 0, "RIFF")
                && ascii(content, 8, "WEBP")
                && (ascii(content, 12, "VP8 ") || ascii(content, 12, "VP8L") || ascii(content, 12, "VP8X"))) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] content, int offset, String expected) {
        return startsWith(content, offset, expected.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        return content.length >= offset + prefix.length
                && Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
