package io.lyceum.shared;

/**
 * Names and other single-line texts people type: no control characters (tabs and newlines included), no line or
 * paragraph separators and no bidirectional overrides or isolates (which make a name display as something else).
 * Letters of every script, emoji and ordinary punctuation pass. Use with Bean Validation:
 * {@code @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE)}.
 */
public final class PlainText {

    public static final String PATTERN = "[^\\p{Cc}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]*";
    public static final String MESSAGE = "must not contain control characters or line breaks";

    private PlainText() {}

    public static boolean isPlain(String text) {
        return text == null || text.matches(PATTERN);
    }
}
