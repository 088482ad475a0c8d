package io.lyceum.learning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A lesson's words as timed cues, in order. Plain text without timing gets cues timed at a speaking pace, so every
 * sentence still has a position in the lesson.
 */
record Transcript(List<Cue> cues) {

    /** Words per minute assumed for text without timestamps (an unhurried lesson). */
    static final int SPOKEN_WORDS_PER_MINUTE = 150;

    Transcript {
        cues = List.copyOf(cues);
    }

    /** One caption: the words said between two instants, in milliseconds from the start. */
    record Cue(long startMs, long endMs, String text) {}

    String text() {
        StringBuilder all = new StringBuilder();
        for (Cue cue : cues) {
            if (!all.isEmpty()) {
                all.append(' ');
            }
            all.append(cue.text());
        }
        return all.toString();
    }

    int wordCount() {
        int words = 0;
        for (Cue cue : cues) {
            words += cue.text().isBlank() ? 0 : cue.text().trim().split("\\s+").length;
        }
        return words;
    }

    long durationMs() {
        return cues.isEmpty() ? 0 : cues.getLast().endMs();
    }

    /** The start of the cue holding character {@code offset} of {@link #text()}. */
    long startAt(int offset) {
        int position = 0;
        for (Cue cue : cues) {
            int end = position + cue.text().length();
            if (offset <= end) {
                return cue.startMs();
            }
            position = end + 1;
        }
        return cues.isEmpty() ? 0 : cues.getLast().startMs();
    }

    /** SHA-256 of the cues (times and words): two uploads of one transcript hash alike whatever their format. */
    String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Cue cue : cues) {
                digest.update(
                        (cue.startMs() + "|" + cue.endMs() + "|" + cue.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cues for text without timing: one a sentence-ish line, timed at {@link #SPOKEN_WORDS_PER_MINUTE}. */
    static Transcript untimed(String text) {
        List<String> lines =
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        java.util.ArrayList<Cue> cues = new java.util.ArrayList<>();
        long at = 0;
        for (String line : lines) {
            int words = line.split("\\s+").length;
            long length = Math.max(1, words * 60_000L / SPOKEN_WORDS_PER_MINUTE);
            cues.add(new Cue(at, at + length, line));
            at += length;
        }
        return new Transcript(cues);
    }
}
