package io.lyceum.notifications;

import io.lyceum.shared.Money;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a notification in the recipient's language and time zone: the texts come from the message bundle {@code
 * notifications/templates} ({@code {name}} placeholders), the email's HTML from the Thymeleaf template {@code
 * notifications/email.html}. Times are written in the recipient's zone (with its name), money in their locale.
 */
@Component
class Templates {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final int SMS_LIMIT = 320;

    /** A link as written in a message. */
    record Link(@Nullable String label, String url) {}

    /** Every text of one notification for one recipient. */
    record Rendered(
            String title,
            String body,
            String sms,
            String voice,
            String emailText,
            String emailHtml,
            @Nullable String link,
            List<Link> links) {}

    private final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
    private final SpringTemplateEngine html = new SpringTemplateEngine();
    private final Links links;

    Templates(Links links) {
        this.links = links;
        bundle.setBasename("notifications/templates");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setDefaultLocale(Locale.ENGLISH);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("notifications/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        html.setTemplateResolver(resolver);
    }

    /** The language notifications use for a stored language tag: one we have texts in, else English. */
    static Locale locale(String languageTag) {
        if (languageTag != null) {
            String language = Locale.forLanguageTag(languageTag).getLanguage();
            for (Locale supported : LANGUAGES) {
                if (supported.getLanguage().equals(language)) {
                    return supported;
                }
            }
        }
        return Locale.ENGLISH;
    }

    static ZoneId zone(@Nullable String zoneId) {
        try {
            return zoneId == null ? ZoneId.of("UTC") : ZoneId.of(zoneId);
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /**
     * @param values the notification's values: {@link Instant}s, {@link Money} and text
     * @param essential whether the footer says it cannot be switched off (else it links the settings)
     * @param unsubscribeUrl the one-click link that stops this category's emails, or null
     */
    Rendered render(
            NotificationKind kind,
            Locale locale,
            ZoneId zone,
            @Nullable String recipientName,
            Map<String, Object> values,
            boolean essential,
            @Nullable String unsubscribeUrl) {
        Map<String, String> words = words(values, locale, zone);
        words.put("name", recipientName == null ? "" : recipientName);
        List<Link> actions = new ArrayList<>();
        for (NotificationKind.Action action : kind.actions) {
            String path = fill(action.path(), words);
            actions.add(new Link(text("action." + action.label(), locale), links.absolute(path)));
        }
        String primary =
                kind.actions.isEmpty() ? null : fill(kind.actions.getFirst().path(), words);
        words.put("link", primary == null ? links.absolute("/") : links.absolute(primary));
        words.put("preferencesUrl", links.absolute("/notifications/settings"));

        String title = fill(text(kind.key + ".title", locale), words);
        String body = fill(text(kind.key + ".body", locale).replace("\\n", "\n"), words)
                .strip();
        String sms = clip(fill(text(kind.key + ".sms", locale), words), SMS_LIMIT);
        String voice = fill(text(kind.key + ".voice", locale), words);
        String greeting = fill(text("common.greeting", locale), words);
        String footer =
                essential ? text("common.footer.essential", locale) : fill(text("common.footer", locale), words);
        String signature = text("common.signature", locale);

        StringBuilder plain =
                new StringBuilder().append(greeting).append("\n\n").append(body).append("\n\n");
        for (Link action : actions) {
            plain.append(action.label()).append(": ").append(action.url()).append('\n');
        }
        if (!actions.isEmpty()) {
            plain.append('\n');
        }
        plain.append(signature).append("\n\n-- \n").append(footer).append('\n');
        if (unsubscribeUrl != null) {
            plain.append(text("common.unsubscribe", locale))
                    .append(": ")
                    .append(unsubscribeUrl)
                    .append('\n');
        }

        Context context = new Context(locale);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("title", title);
        context.setVariable("greeting", greeting);
        context.setVariable("paragraphs", List.of(body.split("\n\n")));
        context.setVariable("actions", actions);
        context.setVariable("signature", signature);
        context.setVariable("footer", footer);
        context.setVariable("unsubscribeUrl", unsubscribeUrl);
        context.setVariable("unsubscribeLabel", text("common.unsubscribe", locale));
        String emailHtml = html.process("email", context);
        return new Rendered(title, body, sms, voice, plain.toString(), emailHtml, primary, List.copyOf(actions));
    }

    String text(String key, Locale locale) {
        // with the key as the default the bundle always answers
        String text = bundle.getMessage(key, null, key, locale);
        return text != null ? text : key;
    }

    /** Each value as the recipient reads it. */
    private static Map<String, String> words(Map<String, Object> values, Locale locale, ZoneId zone) {
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone);
        Map<String, String> words = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String word;
            if (value == null) {
                word = "";
            } else if (value instanceof Instant instant) {
                word = when.format(instant) + " (" + zone.getId() + ")";
            } else if (value instanceof Money money) {
                word = money(money, locale);
            } else {
                word = value.toString();
            }
            words.put(key, word);
        });
        return words;
    }

    static String money(Money money, Locale locale) {
        Currency currency = money.currency();
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(money.amount(), digits));
    }

    static String fill(String template, Map<String, String> words) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String word = words.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(word == null ? matcher.group() : word));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String clip(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
