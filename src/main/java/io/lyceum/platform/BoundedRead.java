package io.lyceum.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Reads a body or upload into memory with a hard size limit: a declared size above the limit is refused before
 * reading, and the stream is never read past one byte more than the limit, whatever the client declared.
 */
public final class BoundedRead {

    private BoundedRead() {}

    /**
     * The content's bytes; throws {@code tooLarge} when {@code declaredSize} (-1 when unknown) or the actual content
     * exceeds {@code maxBytes}.
     */
    public static byte[] readAtMost(
            InputStream content, long declaredSize, long maxBytes, Supplier<? extends RuntimeException> tooLarge) {
        if (declaredSize > maxBytes) {
            throw tooLarge.get();
        }
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge.get();
        }
        return bytes;
    }
}
