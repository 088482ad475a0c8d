package io.lyceum.telephony;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.Contact;
import io.lyceum.accounts.UserSummary;
import io.lyceum.shared.Money;
import io.lyceum.shared.UserId;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * What the telephony module says by text and on the phone, in the language of the user it speaks to (their account's
 * language when it is one we have texts in, else English; English for a number no user verified). The texts are the
 * {@code telephony.*} keys of the bundle {@code messages/telephony}.
 */
@Component
class PhoneTexts {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
    private final AccountsApi accounts;

    PhoneTexts(AccountsApi accounts) {
        this.accounts = accounts;
        bundle.setBasename("messages/telephony");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setDefaultLocale(Locale.ENGLISH);
        // as the application's messages: every text through MessageFormat, so an apostrophe is always ''
        bundle.setAlwaysUseMessageFormat(true);
    }

    /** The language to speak to a user in (English for nobody). */
    Locale localeOf(Optional<UserSummary> user) {
        return user.flatMap(u -> accounts.contact(UserId.of(u.id())))
                .map(Contact::language)
                .map(PhoneTexts::supported)
                .orElse(Locale.ENGLISH);
    }

    static Locale supported(String languageTag) {
        if (languageTag != null) {
            String language = Locale.forLanguageTag(languageTag).getLanguage();
            for (Locale locale : LANGUAGES) {
                if (locale.getLanguage().equals(language)) {
                    return locale;
                }
            }
        }
        return Locale.ENGLISH;
    }

    String text(Locale locale, String key, @Nullable Object... args) {
        return bundle.getMessage("telephony." + key, args.length == 0 ? null : args, locale);
    }

    /** A text that may not exist for every value (a state without words of its own). */
    Optional<String> optional(Locale locale, String key) {
        return Optional.ofNullable(bundle.getMessage("telephony." + key, null, null, locale))
                .filter(text -> !text.isBlank());
    }

    /** A lesson's start as people hear or read it: in their own time zone, short, in their language. */
    String time(Instant instant, String timeZone, Locale locale) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        DateTimeFormatter format = DateTimeFormatter.ofPattern(text(locale, "time.pattern"), locale);
        return format.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** An amount with its currency code, written the language's way ("15.00 GBP", "15,00 GBP"). */
    static String money(Money money, Locale locale) {
        int digits = Math.max(money.currency().getDefaultFractionDigits(), 0);
        NumberFormat number = NumberFormat.getNumberInstance(locale);
        number.setGroupingUsed(false);
        number.setMinimumFractionDigits(digits);
        number.setMaximumFractionDigits(digits);
        return number.format(BigDecimal.valueOf(money.amount(), digits)) + " "
                + money.currency().getCurrencyCode();
    }
}
