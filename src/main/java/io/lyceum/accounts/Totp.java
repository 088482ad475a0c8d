package io.lyceum.accounts;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.secret.SecretGenerator;
import dev.samstevens.totp.util.Utils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) on top of the
 * {@code dev.samstevens.totp} library, with time read from the injected clock. A code is accepted for the current step
 * and one step either side (clock drift), but only for a step later than the last one accepted, so a code cannot be
 * used twice (RFC 6238 section 5.2).
 */
@Component
class Totp {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    static final int ALLOWED_DRIFT_STEPS = 1;
    private static final Logger log = LoggerFactory.getLogger(Totp.class);

    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final SecretGenerator secrets = new DefaultSecretGenerator(32); // 160 bits, as RFC 4226 recommends
    private final ZxingPngQrGenerator qr = new ZxingPngQrGenerator();
    private final Clock clock;

    Totp(Clock clock) {
        this.clock = clock;
    }

    String newSecret() {
        return secrets.generate();
    }

    /** The otpauth:// URI authenticator apps read (usually from the QR code). */
    QrData enrolment(String secret, String account, String issuer) {
        return new QrData.Builder()
                .label(account)
                .secret(secret)
                .issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS)
                .period(PERIOD_SECONDS)
                .build();
    }

    /** The enrolment URI as a PNG QR code in a data: URI, or null when the image cannot be made. */
    @Nullable
    String qrCodeDataUri(QrData data) {
        try {
            return Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType());
        } catch (QrGenerationException | RuntimeException | LinkageError e) {
            log.warn("Cannot render the TOTP QR code; clients get the otpauth URI only", e);
            return null;
        }
    }

    long currentStep() {
        return clock.instant().getEpochSecond() / PERIOD_SECONDS;
    }

    /**
     * The time step a code belongs to, if it is valid now (within the allowed drift) and later than
     * {@code lastUsedStep} (null when none was used yet).
     */
    OptionalLong matchingStep(String secret, String code, @Nullable Long lastUsedStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        OptionalLong match = OptionalLong.empty();
        for (long step = now - ALLOWED_DRIFT_STEPS; step <= now + ALLOWED_DRIFT_STEPS; step++) {
            boolean fresh = lastUsedStep == null || step > lastUsedStep;
            if (equal(generate(secret, step), code) && fresh && match.isEmpty()) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }

    String generate(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Cannot compute a TOTP code", e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
