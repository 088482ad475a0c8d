package io.lyceum.learning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample transcripts shipped with the application. */
final class Samples {

    static final String PHOTOSYNTHESIS = "photosynthesis.vtt";
    static final String FRENCH_REVOLUTION = "french-revolution.srt";
    static final String QUADRATICS = "quadratic-equations.txt";

    private Samples() {}

    static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/learning/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript transcript(String name) {
        return TranscriptFormats.parse(read(name));
    }
}
