package io.lyceum.catalog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * File types accepted for course materials, recognised from the content's leading bytes ("magic numbers"), never
 * from the file name or the declared content type. {@code head} is the start of the file (up to {@link #HEAD_BYTES}).
 */
enum MaterialFormat {
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    MP4("video/mp4", "mp4"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ZIP("application/zip", "zip"),
    TEXT("text/plain", "txt");

    static final int HEAD_BYTES = 64 * 1024;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    private static final Set<String> MP4_BRANDS =
            Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash");

    private final String contentType;
    private final String extension;

    MaterialFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** Which formats each uploadable kind accepts. */
    boolean allowedFor(MaterialKind kind) {
        return switch (kind) {
            case FILE -> true;
            case DOCUMENT -> this == PDF || this == DOCX || this == TEXT;
            case VIDEO -> this == MP4;
            case LINK -> false;
        };
    }

    /** The format of a file from its first bytes; {@code complete} when {@code head} is the whole file. */
    static Optional<MaterialFormat> detect(byte[] head, boolean complete) {
        if (head == null || head.length == 0) {
            return Optional.empty();
        }
        if (ascii(head, 0, "%PDF-")) {
            return Optional.of(PDF);
        }
        if (head.length >= 16 && startsWith(head, 0, PNG_SIGNATURE) && ascii(head, 12, "IHDR")) {
            return Optional.of(PNG);
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (head.length >= 12 && ascii(head, 4, "ftyp")) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            return MP4_BRANDS.contains(brand) ? Optional.of(MP4) : Optional.empty();
        }
        if (startsWith(head, 0, ZIP_SIGNATURE)) {
            // a Word document is a ZIP whose entries include word/document.xml (names sit in the local headers)
            return Optional.of(contains(head, "word/") ? DOCX : ZIP);
        }
        return isPlainText(head, complete) ? Optional.of(TEXT) : Optional.empty();
    }

    static Optional<MaterialFormat> ofContentType(String contentType) {
        return Arrays.stream(values())
                .filter(format -> format.contentType.equals(contentType))
                .findFirst();
    }

    /** UTF-8 without NUL or other control characters than tab, line feed, form feed and carriage return. */
    private static boolean isPlainText(byte[] head, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(head.length);
        CoderResult result = decoder.decode(ByteBuffer.wrap(head), chars, complete);
        if (result.isError()) {
            return false;
        }
        if (complete) {
            try {
                if (decoder.flush(chars).isError()) {
                    return false;
                }
            } catch (IllegalStateException e) {
                return false;
            }
        }
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] content, String needle) {
        byte[] bytes = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + bytes.length <= content.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (content[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
