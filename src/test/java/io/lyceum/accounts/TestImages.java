package io.lyceum.accounts;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Real images for avatar tests, written by the JDK's image encoders. */
final class TestImages {

    /** A 1×1 lossless WebP (the JDK has no WebP encoder). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {}

    /** The decoded pixels (ARGB) of an image: uploads are re-encoded, so bytes differ but lossless pixels do not. */
    static int[] pixels(byte[] image) {
        try {
            BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(image));
            return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Width x height of a decodable image. */
    static String dimensions(byte[] image) {
        try {
            BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(image));
            return decoded.getWidth() + "x" + decoded.getHeight();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(Color color) {
        return encode("png", color, BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg() {
        return encode("jpg", Color.ORANGE, BufferedImage.TYPE_INT_RGB);
    }

    static byte[] gif() {
        return encode("gif", Color.BLUE, BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] encode(String format, Color color, int type) {
        var image = new BufferedImage(16, 16, type);
        var graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, 16, 16);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No encoder for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
