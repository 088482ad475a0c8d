package io.lyceum.messaging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides contact details (email addresses, phone numbers, links and messenger handles) in a message so that a student
 * and a tutor keep to the marketplace until their first paid lesson. Pure: the caller decides when it applies.
 */
final class ContactMasking {

    static final String HIDDEN = "[contact hidden]";
    static final String NOTICE = "Contact details are hidden until your first paid lesson together, so that lessons "
            + "are booked and paid through the platform.";

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+\\s*(@|\\(at\\)|\\[at\\])\\s*[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern LINK = Pattern.compile(
            "(?i)\\b((https?://|www\\.)\\S+|[a-z0-9-]+\\.(com|net|org|io|me|co|uk|de|fr|ly|gg|app|link)(/\\S*)?\\b)");
    // seven or more digits, possibly split by spaces, dots, dashes or brackets, with an optional leading +
    private static final Pattern PHONE = Pattern.compile("\\+?\\d(?:[\\s.()\\-]*\\d){6,}");
    private static final Pattern HANDLE = Pattern.compile(
            "(?i)\\b(whatsapp|telegram|skype|signal|wechat|viber|snapchat|insta(gram)?)\\b\\s*:?\\s*@?[\\w.]+");

    private ContactMasking() {}

    record Result(String text, boolean masked) {}

    static Result mask(String text) {
        if (text == null || text.isEmpty()) {
            return new Result(text, false);
        }
        String out = text;
        boolean masked = false;
        for (Pattern pattern : new Pattern[] {EMAIL, HANDLE, LINK, PHONE}) {
            Matcher matcher = pattern.matcher(out);
            if (matcher.find()) {
                masked = true;
                out = matcher.replaceAll(HIDDEN);
            }
        }
        return new Result(out, masked);
    }
}
