package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.RepeatedTest;

/** Every enrolment QR code reads back as its otpauth URI, whatever the secret and account name. */
class TotpQrCodeTests {

    private final Totp totp = new Totp(Clock.systemUTC());

    @RepeatedTest(50)
    void qrCodeEncodesTheEnrolmentUri() throws Exception {
        String secret = totp.newSecret();
        var data = totp.enrolment(secret, "someone-" + secret.substring(0, 6).toLowerCase() + "@example.com", "Lyceum");
        String dataUri = totp.qrCodeDataUri(data);
        byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        var bitmap = new BinaryBitmap(
                new HybridBinarizer(new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png)))));
        String text = new QRCodeReader()
                .decode(
                        bitmap,
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE, DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
        assertThat(text).isEqualTo(data.getUri()).contains("secret=" + secret);
    }
}
