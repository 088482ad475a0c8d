package io.lyceum.platform;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes an uploaded picture safe to publish: its pixel dimensions are read from the header and refused above
 * {@link #MAX_SIDE} per side or {@link #MAX_PIXELS} in all before anything is decoded (a small file can claim a
 * 30000×30000 canvas and exhaust memory), then the image is re-encoded from its pixels, so no metadata (EXIF with GPS
 * positions, XMP, comments, text chunks) and nothing hidden after the image data survive. PNG, JPEG and GIF are
 * decoded and written again with the JDK's codecs (a GIF keeps its first frame); the JDK has no WebP codec, so a
 * WebP keeps its compressed image data and loses every chunk but the image, alpha and colour profile ones.
 */
public final class ImageSanitizer {

    public static final int MAX_SIDE = 6000;
    public static final long MAX_PIXELS = 25_000_000L;

    private ImageSanitizer() {}

    /** The cleaned image, in the same format. Refused with 422 {@code image.too_large} or {@code image.unreadable}. */
    public static byte[] clean(byte[] content, ImageFormat format) {
        return format == ImageFormat.WEBP ? cleanWebp(content) : reencode(content, format);
    }

    private static byte[] reencode(byte[] content, ImageFormat format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // ignore metadata: it is never read, let alone kept
                checkDimensions(reader.getWidth(0), reader.getHeight(0));
                BufferedImage image = reader.read(0);
                if (format == ImageFormat.JPEG && image.getColorModel().hasAlpha()) {
                    throw unreadable();
                }
                return write(image, format);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof LyceumException refused) {
                throw refused;
            }
            throw unreadable();
        }
    }

    private static byte[] write(BufferedImage image, ImageFormat format) throws IOException {
        String name = format == ImageFormat.JPEG ? "jpeg" : format.extension();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(0.92f);
            }
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Chunks of a WebP file that carry the image itself; everything else (EXIF, XMP, unknown) is dropped. */
    private static final List<String> WEBP_IMAGE_CHUNKS =
            List.of("VP8X", "VP8 ", "VP8L", "ALPH", "ICCP", "ANIM", "ANMF");

    private static byte[] cleanWebp(byte[] content) {
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int width = -1;
        int height = -1;
        int position = 12;
        while (position + 8 <= content.length) {
            String type = new String(content, position, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(in.getInt(position + 4));
            long end = position + 8 + size + (size & 1);
            if (end > content.length + (size & 1)) {
                throw unreadable();
            }
            int dataAt = position + 8;
            switch (type) {
                case "VP8X" -> {
                    if (size < 10) throw unreadable();
                    width = 1 + uint24(content, dataAt + 4);
                    height = 1 + uint24(content, dataAt + 7);
                }
                case "VP8 " -> {
                    if (width < 0 && size >= 10) {
                        width = (in.getShort(dataAt + 6) & 0x3FFF);
                        height = (in.getShort(dataAt + 8) & 0x3FFF);
                    }
                }
                case "VP8L" -> {
                    if (width < 0 && size >= 5) {
                        int bits = in.getInt(dataAt + 1);
                        width = 1 + (bits & 0x3FFF);
                        height = 1 + ((bits >>> 14) & 0x3FFF);
                    }
                }
                default -> {}
            }
            if (WEBP_IMAGE_CHUNKS.contains(type)) {
                byte[] chunk = java.util.Arrays.copyOfRange(content, position, (int) Math.min(end, content.length));
                if ("VP8X".equals(type)) {
                    chunk[8] &= (byte) ~0x0C; // the EXIF and XMP flags: those chunks are gone
                }
                chunks.writeBytes(chunk);
            }
            position = (int) end;
        }
        if (width <= 0 || height <= 0) {
            throw unreadable();
        }
        checkDimensions(width, height);
        byte[] body = chunks.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(body);
        return out.array();
    }

    private static int uint24(byte[] content, int at) {
        return (content[at] & 0xFF) | (content[at + 1] & 0xFF) << 8 | (content[at + 2] & 0xFF) << 16;
    }

    private static void checkDimensions(int width, int height) {
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw LyceumException.invalid(
                    "image.too_large",
                    "The image is " + width + "×" + height + " pixels; at most " + MAX_SIDE + " per side and "
                            + MAX_PIXELS / 1_000_000 + " million in all.",
                    List.of(new FieldError("file", "must be at most " + MAX_SIDE + "×" + MAX_SIDE + " pixels")));
        }
    }

    private static LyceumException unreadable() {
        return LyceumException.invalid(
                "image.unreadable",
                "The image cannot be read; upload a PNG, JPEG or WebP picture.",
                List.of(new FieldError("file", "cannot be read as an image")));
    }
}
