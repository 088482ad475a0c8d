package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.platform.ImageFormat;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageFormatTests {

    @Test
    void recognisesRealImagesByTheirContent() {
        assertThat(ImageFormat.detect(TestImages.png(Color.RED))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.detect(TestImages.jpeg())).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(TestImages.gif())).contains(ImageFormat.GIF);
        assertThat(ImageFormat.detect(TestImages.WEBP)).contains(ImageFormat.WEBP);
    }

    @Test
    void refusesEverythingElse() {
        byte[] png = TestImages.png(Color.RED);
        for (byte[] content : new byte[][] {
            null,
            new byte[0],
            "just some text, named avatar.png".getBytes(StandardCharsets.UTF_8),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8),
            "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII),
            Arrays.copyOf(png, 8), // the PNG signature alone
            Arrays.copyOf(TestImages.WEBP, 12), // RIFF/WEBP without a VP8 chunk
            "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII), // a RIFF that is audio
            "GIF88a\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xFF, (byte) 0xD8}
        }) {
            assertThat(ImageFormat.detect(content)).isEmpty();
        }
    }
}
